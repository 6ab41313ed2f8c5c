package app

import (
	"fmt"
	"html"
	"html/template"
	"strings"
)

// sparkline draws a small server-side SVG line chart of values (oldest first),
// with an optional dashed target line, readable without JavaScript. The
// accessible name summarises the series for screen readers.
func sparkline(label string, periods []string, values []float64, target *float64) template.HTML {
	const w, h, pad = 160.0, 40.0, 4.0
	if len(values) == 0 {
		return ""
	}
	lo, hi := values[0], values[0]
	for _, v := range values {
		lo, hi = min(lo, v), max(hi, v)
	}
	if target != nil {
		lo, hi = min(lo, *target), max(hi, *target)
	}
	if hi == lo {
		hi, lo = hi+1, lo-1
	}
	x := func(i int) float64 {
		if len(values) == 1 {
			return w / 2
		}
		return pad + float64(i)*(w-2*pad)/float64(len(values)-1)
	}
	y := func(v float64) float64 { return h - pad - (v-lo)*(h-2*pad)/(hi-lo) }
	var b strings.Builder
	desc := fmt.Sprintf("%s: %s %s to %s %s", label, periods[0], formatNumber(values[0]),
		periods[len(periods)-1], formatNumber(values[len(values)-1]))
	if target != nil {
		desc += ", target " + formatNumber(*target)
	}
	fmt.Fprintf(&b, `<svg class="sb-sparkline" width="%.0f" height="%.0f" viewBox="0 0 %.0f %.0f" role="img" aria-label="%s"><title>%s</title>`,
		w, h, w, h, html.EscapeString(desc), html.EscapeString(desc))
	if target != nil {
		fmt.Fprintf(&b, `<line x1="0" x2="%.0f" y1="%.1f" y2="%.1f" stroke="#505a5f" stroke-dasharray="3 3" stroke-width="1"/>`, w, y(*target), y(*target))
	}
	b.WriteString(`<polyline fill="none" stroke="#1d70b8" stroke-width="2" points="`)
	for i, v := range values {
		fmt.Fprintf(&b, "%.1f,%.1f ", x(i), y(v))
	}
	b.WriteString(`"/>`)
	last := len(values) - 1
	fmt.Fprintf(&b, `<circle cx="%.1f" cy="%.1f" r="3" fill="#1d70b8"/></svg>`, x(last), y(values[last]))
	return template.HTML(b.String())
}
