package app

import (
	"fmt"
	"html"
	"html/template"
	"math"
	"strings"

	"sendboard/models/measure"
)

// Chart geometry (SVG user units; the chart scales to its container).
const (
	bmW, bmH                           = 720.0, 360.0
	bmLeft, bmRight, bmTop, bmBottom   = 56.0, 16.0, 16.0, 92.0
	bmColLA, bmColEng, bmColReg, bmMed = "#1d70b8", "#0b0c0c", "#00703c", "#d4351c"
)

// benchmarkChart draws the comparison as a server-side SVG line chart: the
// area, England, the region, the neighbours' median with their interquartile
// band, and each neighbour faintly. The table beside it carries the same figures.
func benchmarkChart(c *measure.Comparison) template.HTML {
	rows := c.Rows
	if len(rows) == 0 {
		return ""
	}
	lo, hi := math.Inf(1), math.Inf(-1)
	see := func(v *float64) {
		if v != nil {
			lo, hi = math.Min(lo, *v), math.Max(hi, *v)
		}
	}
	for _, r := range rows {
		see(r.LA.Value)
		see(r.England.Value)
		see(r.Region.Value)
		for _, n := range r.Neighbours {
			see(n.Value)
		}
	}
	if math.IsInf(lo, 0) {
		return ""
	}
	if lo > 0 && lo < (hi-lo) {
		lo = 0 // start at zero when it costs little room
	}
	if hi == lo {
		hi, lo = hi+1, lo-1
	}
	plotW, plotH := bmW-bmLeft-bmRight, bmH-bmTop-bmBottom
	x := func(i int) float64 {
		if len(rows) == 1 {
			return bmLeft + plotW/2
		}
		return bmLeft + float64(i)*plotW/float64(len(rows)-1)
	}
	y := func(v float64) float64 { return bmTop + plotH - (v-lo)*plotH/(hi-lo) }
	name := c.Measure.Name
	var b strings.Builder
	fmt.Fprintf(&b, `<svg class="sb-bm-chart" width="100%%" viewBox="0 0 %.0f %.0f" role="img" aria-labelledby="bm-chart-title bm-chart-desc" focusable="false">`, bmW, bmH)
	fmt.Fprintf(&b, `<title id="bm-chart-title">%s: %s compared with England, %s and its statistical neighbours</title>`,
		html.EscapeString(name), html.EscapeString(c.LA.Name), html.EscapeString(regionName(c)))
	fmt.Fprintf(&b, `<desc id="bm-chart-desc">%s. The table below gives every figure.</desc>`, html.EscapeString(benchmarkChartSummary(c)))
	for i := 0; i <= 4; i++ { // gridlines and y labels
		v := lo + (hi-lo)*float64(i)/4
		fmt.Fprintf(&b, `<line x1="%.1f" x2="%.1f" y1="%.1f" y2="%.1f" stroke="#b1b4b6" stroke-width="1"/>`, bmLeft, bmW-bmRight, y(v), y(v))
		fmt.Fprintf(&b, `<text x="%.1f" y="%.1f" font-size="12" text-anchor="end" fill="#0b0c0c">%s</text>`, bmLeft-6, y(v)+4, html.EscapeString(formatBM(&v, c.Measure)))
	}
	for i, r := range rows {
		fmt.Fprintf(&b, `<text x="%.1f" y="%.1f" font-size="12" text-anchor="middle" fill="#0b0c0c">%s</text>`, x(i), bmTop+plotH+18, html.EscapeString(r.Label))
	}
	// The neighbours' interquartile band, drawn as one polygon per unbroken run.
	runs(rows, func(r measure.ComparisonRow) bool { return r.Q1 != nil }, func(from, to int) {
		var pts []string
		for i := from; i < to; i++ {
			pts = append(pts, fmt.Sprintf("%.1f,%.1f", x(i), y(*rows[i].Q3)))
		}
		for i := to - 1; i >= from; i-- {
			pts = append(pts, fmt.Sprintf("%.1f,%.1f", x(i), y(*rows[i].Q1)))
		}
		fmt.Fprintf(&b, `<polygon points="%s" fill="#f47738" fill-opacity="0.18" stroke="none"/>`, strings.Join(pts, " "))
	})
	for j := range c.Neighbours {
		line(&b, rows, x, y, func(r measure.ComparisonRow) *float64 { return r.Neighbours[j].Value }, "#b1b4b6", 1, "")
	}
	line(&b, rows, x, y, func(r measure.ComparisonRow) *float64 { return r.Median }, bmMed, 2, "6 4")
	line(&b, rows, x, y, func(r measure.ComparisonRow) *float64 { return r.Region.Value }, bmColReg, 2, "2 3")
	line(&b, rows, x, y, func(r measure.ComparisonRow) *float64 { return r.England.Value }, bmColEng, 2, "8 4")
	line(&b, rows, x, y, func(r measure.ComparisonRow) *float64 { return r.LA.Value }, bmColLA, 3.5, "")
	for i, r := range rows {
		if r.LA.Value != nil {
			fmt.Fprintf(&b, `<circle cx="%.1f" cy="%.1f" r="4.5" fill="%s"/>`, x(i), y(*r.LA.Value), bmColLA)
		}
	}
	legend := []struct{ label, colour, dash string }{{c.LA.Name, bmColLA, ""}, {"England", bmColEng, "8 4"},
		{regionName(c), bmColReg, "2 3"}, {"Neighbours' median", bmMed, "6 4"}, {"Each neighbour", "#b1b4b6", ""}}
	lx, ly := bmLeft, bmH-40
	for i, l := range legend {
		if i == 3 {
			lx, ly = bmLeft, bmH-16
		}
		fmt.Fprintf(&b, `<line x1="%.1f" x2="%.1f" y1="%.1f" y2="%.1f" stroke="%s" stroke-width="3" stroke-dasharray="%s"/>`, lx, lx+28, ly-4, ly-4, l.colour, l.dash)
		fmt.Fprintf(&b, `<text x="%.1f" y="%.1f" font-size="13" fill="#0b0c0c">%s</text>`, lx+34, ly, html.EscapeString(l.label))
		lx += 34 + 8*float64(len(l.label)) + 24
	}
	b.WriteString(`</svg>`)
	return template.HTML(b.String())
}

// runs calls fn for each maximal run of rows where ok holds.
func runs(rows []measure.ComparisonRow, ok func(measure.ComparisonRow) bool, fn func(from, to int)) {
	start := -1
	for i := 0; i <= len(rows); i++ {
		if i < len(rows) && ok(rows[i]) {
			if start < 0 {
				start = i
			}
			continue
		}
		if start >= 0 {
			fn(start, i)
			start = -1
		}
	}
}

// line draws one series, broken where a figure is missing.
func line(b *strings.Builder, rows []measure.ComparisonRow, x func(int) float64, y func(float64) float64,
	get func(measure.ComparisonRow) *float64, colour string, width float64, dash string) {
	runs(rows, func(r measure.ComparisonRow) bool { return get(r) != nil }, func(from, to int) {
		var pts []string
		for i := from; i < to; i++ {
			pts = append(pts, fmt.Sprintf("%.1f,%.1f", x(i), y(*get(rows[i]))))
		}
		if len(pts) == 1 {
			fmt.Fprintf(b, `<circle cx="%.1f" cy="%.1f" r="2.5" fill="%s"/>`, x(from), y(*get(rows[from])), colour)
			return
		}
		fmt.Fprintf(b, `<polyline fill="none" stroke="%s" stroke-width="%.1f" stroke-dasharray="%s" points="%s"/>`, colour, width, dash, strings.Join(pts, " "))
	})
}

func regionName(c *measure.Comparison) string {
	if c.Region != nil {
		return c.Region.Name
	}
	return "the region"
}

// formatBM shows a figure at its measure's decimal places with its unit.
func formatBM(v *float64, m measure.Benchmark) string {
	if v == nil {
		return ""
	}
	s := measure.FormatDP(*v, m.DPS)
	switch m.Unit {
	case "percent":
		return s + "%"
	case "money":
		return "£" + s
	}
	return s
}
