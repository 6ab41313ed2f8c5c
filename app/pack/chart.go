package pack

import (
	"bytes"
	"fmt"
	"html"
	"math"
	"strings"

	packs "sendboard/models/pack"
)

// Chart colours: GOV.UK blue for the series, red for the target.
const (
	lineColor   = "#1d70b8"
	targetColor = "#d4351c"
	gridColor   = "#dee0e2"
	axisColor   = "#505a5f"
)

// kpiSVG draws a KPI's eight quarters as a standalone SVG for the HTML pack,
// and so for the PDF printed from it (the XLSX has a native Excel chart): gridlines with their values, each point over its
// quarter, the line broken where a quarter has no figure, and the target as
// a dashed line. It returns nil when the KPI has no figures to draw. Labels
// are fontSize px of a width-px-wide picture, so they stay legible when the
// image shrinks to a phone's width.
func kpiSVG(k packs.KPI, width, height int, fontSize float64) []byte {
	lo, hi := math.Inf(1), math.Inf(-1)
	for _, v := range k.Values {
		if v != nil {
			lo, hi = min(lo, *v), max(hi, *v)
		}
	}
	if math.IsInf(lo, 1) || len(k.Values) == 0 {
		return nil
	}
	var targets []float64
	for _, t := range []*float64{k.TargetMin, k.TargetMax} {
		if t != nil {
			targets = append(targets, *t)
			lo, hi = min(lo, *t), max(hi, *t)
		}
	}
	lo, hi, step := kpiScale(lo, hi)
	w, h := float64(width), float64(height)
	left, right, top, bottom := fontSize*4, 8.0, fontSize, fontSize*2.2
	plotW, plotH := w-left-right, h-top-bottom
	colW := plotW / float64(len(k.Values))
	x := func(i int) float64 { return left + (float64(i)+0.5)*colW }
	y := func(v float64) float64 { return top + plotH - (v-lo)/(hi-lo)*plotH }

	var b bytes.Buffer
	fmt.Fprintf(&b, `<svg xmlns="http://www.w3.org/2000/svg" width="%d" height="%d" viewBox="0 0 %d %d" font-family="Arial, sans-serif" font-size="%g">`,
		width, height, width, height, fontSize)
	fmt.Fprintf(&b, `<title>%s</title><rect width="100%%" height="100%%" fill="#fff"/>`, html.EscapeString(k.Name))
	for v := lo; v <= hi+step/2; v += step {
		stroke := gridColor
		if v == lo {
			stroke = axisColor
		}
		fmt.Fprintf(&b, `<line x1="%.1f" x2="%.1f" y1="%.1f" y2="%.1f" stroke="%s" stroke-width="1"/>`, left, left+plotW, y(v), y(v), stroke)
		fmt.Fprintf(&b, `<text x="%.1f" y="%.1f" text-anchor="end" fill="%s">%s</text>`, left-4, y(v)+fontSize*0.35, axisColor, formatNumber(v))
	}
	for i, p := range k.Periods {
		fmt.Fprintf(&b, `<text x="%.1f" y="%.1f" text-anchor="middle" fill="%s">%s</text>`, x(i), h-fontSize*0.6, axisColor,
			html.EscapeString(tickPeriod(p, i)))
	}
	for _, t := range targets {
		fmt.Fprintf(&b, `<line x1="%.1f" x2="%.1f" y1="%.1f" y2="%.1f" stroke="%s" stroke-width="1.5" stroke-dasharray="5 4"/>`,
			left, left+plotW, y(t), y(t), targetColor)
		fmt.Fprintf(&b, `<text x="%.1f" y="%.1f" text-anchor="end" fill="%s">Target %s</text>`, left+plotW, y(t)-4, targetColor, formatNumber(t))
	}
	// Segments only between quarters that both have a figure.
	var seg []string
	flush := func() {
		if len(seg) > 1 {
			fmt.Fprintf(&b, `<polyline fill="none" stroke="%s" stroke-width="2.5" stroke-linejoin="round" points="%s"/>`, lineColor, strings.Join(seg, " "))
		}
		seg = seg[:0]
	}
	for i, v := range k.Values {
		if v == nil {
			flush()
			continue
		}
		seg = append(seg, fmt.Sprintf("%.1f,%.1f", x(i), y(*v)))
	}
	flush()
	for i, v := range k.Values {
		if v != nil {
			fmt.Fprintf(&b, `<circle cx="%.1f" cy="%.1f" r="3.5" fill="%s"/>`, x(i), y(*v), lineColor)
		}
	}
	b.WriteString(`</svg>`)
	return b.Bytes()
}

// kpiScale turns the lowest and highest figure (targets included) into an
// axis from zero, or below, to a little above the top, in nice steps.
func kpiScale(lo, hi float64) (float64, float64, float64) {
	lo = min(lo, 0) // counts and percentages read honestly from zero
	if hi <= lo {
		hi = lo + 1
	}
	step := niceStep((hi - lo) / 5)
	return math.Floor(lo/step) * step, math.Ceil(hi*1.05/step) * step, step
}

// niceStep rounds a raw tick interval up to 1, 2 or 5 times a power of ten,
// so the axis reads 0, 100, 200 rather than 0, 67, 134.
func niceStep(raw float64) float64 {
	if raw <= 0 {
		return 1
	}
	p := math.Pow(10, math.Floor(math.Log10(raw)))
	for _, m := range []float64{1, 2, 5, 10} {
		if raw <= m*p {
			return m * p
		}
	}
	return 10 * p
}

// tickPeriod labels a quarter on the x axis: "23-24 Q1" for the first
// quarter shown and every Q1, plain "Q2" otherwise, so eight labels fit a
// chart shrunk to a phone's width without running into each other.
func tickPeriod(p string, i int) string {
	q := p
	if n := strings.LastIndexByte(p, ' '); n >= 0 {
		q = p[n+1:]
	}
	if (i == 0 || q == "Q1") && len(p) > 2 {
		return p[2:]
	}
	return q
}
