package pack

import (
	"bytes"
	"fmt"
	"math"
	"strings"

	chart "github.com/wcharczuk/go-chart/v2"
	"github.com/wcharczuk/go-chart/v2/drawing"

	"sendboard/models"
)

var (
	lineColor   = drawing.ColorFromHex("1d70b8")
	targetColor = drawing.ColorFromHex("d4351c")
)

// kpiChart draws a KPI's eight quarters (gaps where nothing was reported) with
// its target as a dashed line, as PNG (for the XLSX) or SVG (for HTML; the
// PDF draws its own, see pdfChart). It returns nil when the KPI has no figures to draw.
// Labels are fontSize points at go-chart's 92 dpi, so they stay legible
// when the HTML's image shrinks to a phone's width.
func kpiChart(k models.PackKPI, svg bool, width, height int, fontSize float64) ([]byte, error) {
	var xs, ys []float64
	lo, hi := math.Inf(1), math.Inf(-1)
	for i, v := range k.Values {
		if v != nil {
			xs, ys = append(xs, float64(i)), append(ys, *v)
			lo, hi = min(lo, *v), max(hi, *v)
		}
	}
	if len(xs) == 0 {
		return nil, nil
	}
	series := []chart.Series{chart.ContinuousSeries{Name: k.Name, XValues: xs, YValues: ys,
		Style: chart.Style{StrokeColor: lineColor, StrokeWidth: 2.5, DotColor: lineColor, DotWidth: 3.5}}}
	for _, t := range []*float64{k.TargetMin, k.TargetMax} {
		if t == nil {
			continue
		}
		lo, hi = min(lo, *t), max(hi, *t)
		series = append(series, chart.ContinuousSeries{Name: "Target", XValues: []float64{-0.3, float64(len(k.Values)) - 0.7},
			YValues: []float64{*t, *t}, Style: chart.Style{StrokeColor: targetColor, StrokeWidth: 1.5, StrokeDashArray: []float64{5, 4}, DotWidth: -1}})
	}
	lo, hi, step := kpiScale(lo, hi)
	var yTicks []chart.Tick
	for v := lo; v <= hi+step/2; v += step {
		yTicks = append(yTicks, chart.Tick{Value: v, Label: formatNumber(v)})
	}
	ticks := make([]chart.Tick, len(k.Periods))
	for i, p := range k.Periods {
		ticks[i] = chart.Tick{Value: float64(i), Label: tickPeriod(p, i)}
	}
	c := chart.Chart{
		Width: width, Height: height, Background: chart.Style{Padding: chart.Box{Top: 16, Left: 8, Right: 16, Bottom: 8}},
		XAxis: chart.XAxis{Ticks: ticks, Range: &chart.ContinuousRange{Min: -0.3, Max: float64(len(k.Values)) - 0.7},
			Style: chart.Style{FontSize: fontSize}},
		YAxis: chart.YAxis{Range: &chart.ContinuousRange{Min: lo, Max: hi}, Ticks: yTicks,
			Style: chart.Style{FontSize: fontSize}},
		Series: series,
	}
	var buf bytes.Buffer
	rp := chart.PNG
	if svg {
		rp = chart.SVG
	}
	if err := c.Render(rp, &buf); err != nil {
		return nil, fmt.Errorf("charting %s: %w", k.Code, err)
	}
	return buf.Bytes(), nil
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
