package pack

import (
	"fmt"
	"strings"

	"github.com/xuri/excelize/v2"

	packs "sendboard/models/pack"
)

// kpis writes one row per KPI: its target, the eight quarters and, beside
// them, the whole-year figures of the financial years those quarters touch.
func (x *xlsxDoc) kpis(p *packs.Pack) {
	header := []string{"Code", "KPI", "Unit", "Target", "Target min", "Target max"}
	header = append(header, p.KPIQuarters()...)
	if len(p.KPIs) > 0 {
		for _, y := range p.KPIs[0].Years {
			header = append(header, y+" (year)")
		}
	}
	rows := make([][]any, 0, len(p.KPIs))
	for _, k := range p.KPIs {
		r := []any{k.Code, k.Name, k.Unit, kpiTarget(k), numOrBlank(k.TargetMin), numOrBlank(k.TargetMax)}
		for _, v := range k.Values {
			r = append(r, numOrBlank(v))
		}
		for _, v := range k.YearValues {
			r = append(r, numOrBlank(v))
		}
		rows = append(rows, r)
	}
	widths := []float64{34, 40, 8, 14, 10, 10}
	for range len(header) - len(widths) {
		widths = append(widths, 11)
	}
	x.table(xlsxTable{sheet: "KPIs", header: header, widths: widths, rows: rows, ragCol: -1}, "No SENDIASS KPIs are defined.")
}

// kpiChartRows is how many rows one chart takes on the KPI charts sheet.
const kpiChartRows = 16

// kpiCharts lays the series out long (one row per KPI and quarter, with the
// target beside each figure) and draws each KPI with two figures or more as a native
// Excel line chart over its eight rows, the target dashed red, to the right of
// the table.
func (x *xlsxDoc) kpiCharts(p *packs.Pack) {
	const sheet = "KPI charts"
	var rows [][]any
	for _, k := range p.KPIs {
		for i, per := range k.Periods {
			rows = append(rows, []any{k.Name, per, numOrBlank(k.Values[i]), numOrBlank(k.TargetMin), numOrBlank(k.TargetMax)})
		}
	}
	x.table(xlsxTable{sheet: sheet, header: []string{"KPI", "Quarter", "Figure", "Target min", "Target max"},
		widths: []float64{40, 12, 10, 10, 10}, rows: rows, ragCol: -1}, "No SENDIASS KPIs are defined.")
	at, row := 1, 2
	for _, k := range p.KPIs {
		first, last := row, row+len(k.Periods)-1
		row = last + 1
		if !k.Chartable() {
			continue
		}
		ref := func(col string) string { return fmt.Sprintf("'%s'!$%s$%d:$%s$%d", sheet, col, first, col, last) }
		// Series names point at the column headers: Excel reads a series name as a reference.
		head := func(col string) string { return fmt.Sprintf("'%s'!$%s$1", sheet, col) }
		series := []excelize.ChartSeries{{Name: head("C"), Categories: ref("B"), Values: ref("C"),
			Fill:   solid("1D70B8"),
			Line:   excelize.LineOptions{Type: excelize.LineSolid, Width: 2.25},
			Marker: excelize.ChartMarker{Symbol: "circle", Size: 6, Fill: solid("1D70B8")}}}
		for _, tc := range []struct {
			col string
			t   *float64
		}{{"D", k.TargetMin}, {"E", k.TargetMax}} {
			if tc.t == nil {
				continue
			}
			series = append(series, excelize.ChartSeries{Name: head(tc.col), Categories: ref("B"), Values: ref(tc.col),
				Fill:   solid("D4351C"),
				Line:   excelize.LineOptions{Type: excelize.LineSolid, Width: 1.5, Dash: excelize.LineDashDash},
				Marker: excelize.ChartMarker{Symbol: "none"}})
		}
		x.check(x.f.AddChart(sheet, cellName(7, at), &excelize.Chart{
			Type: excelize.Line, Series: series,
			Title:        excelize.ChartTitle{Paragraph: []excelize.RichTextRun{{Text: k.Name}}},
			Legend:       excelize.ChartLegend{Position: "bottom"},
			ShowBlanksAs: "gap",
			YAxis:        excelize.ChartAxis{MajorGridLines: true},
			Dimension:    excelize.ChartDimension{Width: 640, Height: 300},
			Format:       excelize.GraphicOptions{AltText: "Line chart of " + k.Name + " over the eight quarters to " + p.Quarter.String() + "; the figures are in columns A to E."},
		}))
		at += kpiChartRows
	}
}

func solid(rgb string) excelize.Fill {
	return excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{rgb}}
}

func numOrBlank(v *float64) any {
	if v == nil {
		return nil
	}
	return *v
}

// kpiExceptions lists the KPIs off track at the quarter's end, the figure a
// number, with their owners' commentary.
func (x *xlsxDoc) kpiExceptions(p *packs.Pack) {
	rows := make([][]any, 0, len(p.KPIExceptions))
	for _, e := range p.KPIExceptions {
		rows = append(rows, []any{e.Code, e.Name, e.Period, e.Value, e.Unit, e.Target, e.RaisedAt, commentary(e)})
	}
	x.table(xlsxTable{sheet: "KPIs off track", header: []string{"Code", "KPI", "Period", "Figure", "Unit", "Target", "Raised", "Owner's commentary"},
		widths: []float64{34, 40, 12, 10, 8, 30, 14, 80}, rows: rows, styles: map[int]int{6: x.date}, ragCol: -1},
		"No KPI was off track at the end of "+p.Quarter.String()+".")
}

// benchmarks lists the DfE measures linked to the pack's actions: figures
// are numbers at the measure's decimal places, and a missing one is left
// blank with the Notes column saying "no figure", never 0.
func (x *xlsxDoc) benchmarks(p *packs.Pack) {
	rows := make([][]any, 0, len(p.Benchmarks))
	for _, b := range p.Benchmarks {
		var missing []string
		num := func(name string, v *float64) any {
			if v == nil {
				missing = append(missing, name+": "+packs.NoFigure)
				return nil
			}
			return *v
		}
		row := []any{b.Code, b.Name, strings.Join(b.Actions, ", "), b.Period, num("Area", b.LA), num("England", b.England),
			num(b.RegionOr(), b.Region), num("Neighbours' median", b.Median), b.Neighbours}
		if b.Rank != nil {
			row = append(row, *b.Rank, b.RankOf)
		} else {
			row = append(row, nil, nil)
		}
		rows = append(rows, append(row, b.Comparison(), strings.Join(missing, "; ")))
	}
	x.table(xlsxTable{sheet: "Benchmarks", header: []string{"Measure", "Name", "Actions", "Period", "Area", "England", "Region",
		"Neighbours' median", "Neighbours with a figure", "Rank", "Ranked", "Reading", "Notes"},
		widths: []float64{28, 50, 14, 10, 10, 10, 10, 12, 10, 8, 8, 60, 40}, rows: rows, ragCol: -1},
		"No DfE measure is linked to the actions in this pack.")
	// Each figure shows its measure's decimal places.
	for i, b := range p.Benchmarks {
		style := 0
		x.style(&style, &excelize.Style{CustomNumFmt: ptr(decimals(b.DPS)), Alignment: &excelize.Alignment{Vertical: "top"}})
		x.check(x.f.SetCellStyle("Benchmarks", cellName(5, i+2), cellName(8, i+2), style))
	}
}

// decimals is an Excel number format with dps places: "0.0".
func decimals(dps int) string {
	if dps <= 0 {
		return "0"
	}
	return "0." + strings.Repeat("0", dps)
}
