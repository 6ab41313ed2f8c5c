package pack

import (
	"math"

	packs "sendboard/models/pack"
)

const (
	chartH     = 42.0 // mm of plot area
	chartLabel = 8.0  // pt: axis labels must stay legible on printed A4
)

// pdfChart draws k's eight quarters as vector lines straight onto the page,
// across the full usable width with each point over the centre of its column
// in the figures table that follows, so the chart and the table read as one.
// The y-axis labels hang in the left margin at a printed 8 pt; the line breaks
// where a quarter has no figure. It reports false when there is nothing to draw.
func (d *pdfDoc) pdfChart(k packs.KPI) bool {
	lo, hi := math.Inf(1), math.Inf(-1)
	for _, v := range k.Values {
		if v != nil {
			lo, hi = min(lo, *v), max(hi, *v)
		}
	}
	if math.IsInf(lo, 1) || len(k.Values) == 0 {
		return false
	}
	var targets []float64
	for _, t := range []*float64{k.TargetMin, k.TargetMax} {
		if t != nil {
			targets = append(targets, *t)
			lo, hi = min(lo, *t), max(hi, *t)
		}
	}
	lo, hi, step := kpiScale(lo, hi)
	f := d.f
	top := f.GetY() + 3 // room for the top label
	colW := d.width / float64(len(k.Values))
	y := func(v float64) float64 { return top + chartH - (v-lo)/(hi-lo)*chartH }
	x := func(i int) float64 { return d.left + (float64(i)+0.5)*colW }

	// Gridlines with their labels, then faint column dividers that carry on
	// down into the table's header.
	f.SetFont("Helvetica", "", chartLabel)
	f.SetTextColor(80, 90, 95)
	f.SetLineWidth(0.15)
	for v := lo; v <= hi+step/2; v += step {
		f.SetDrawColor(222, 224, 226)
		if v == lo {
			f.SetDrawColor(80, 90, 95)
		}
		f.Line(d.left, y(v), d.left+d.width, y(v))
		f.SetXY(d.left-13, y(v)-2)
		f.CellFormat(12, 4, formatNumber(v), "", 0, "R", false, 0, "")
	}
	f.SetDrawColor(235, 236, 237)
	for i := 1; i < len(k.Values); i++ {
		xi := d.left + float64(i)*colW
		f.Line(xi, top, xi, top+chartH)
	}
	f.SetLineCapStyle("round")
	f.SetLineJoinStyle("round")
	// The target, dashed red, labelled at its right end.
	f.SetDrawColor(212, 53, 28)
	f.SetLineWidth(0.5)
	f.SetDashPattern([]float64{2, 1.5}, 0)
	for _, t := range targets {
		f.Line(d.left, y(t), d.left+d.width, y(t))
	}
	f.SetDashPattern(nil, 0)
	f.SetTextColor(212, 53, 28)
	for _, t := range targets {
		f.SetXY(d.left+d.width-30, y(t)-4.5)
		f.CellFormat(30, 4, d.tr("Target "+formatNumber(t)), "", 0, "R", false, 0, "")
	}
	// The series: segments only between quarters that both have a figure.
	f.SetDrawColor(29, 112, 184)
	f.SetFillColor(29, 112, 184)
	f.SetLineWidth(0.7)
	for i, v := range k.Values {
		if v == nil {
			continue
		}
		if i > 0 && k.Values[i-1] != nil {
			f.Line(x(i-1), y(*k.Values[i-1]), x(i), y(*v))
		}
		f.Circle(x(i), y(*v), 0.9, "F")
	}
	f.SetLineCapStyle("butt")
	f.SetLineJoinStyle("miter")
	f.SetTextColor(11, 12, 12)
	f.SetXY(d.left, top+chartH+1.5)
	return true
}
