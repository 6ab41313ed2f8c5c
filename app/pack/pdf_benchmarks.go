package pack

import (
	"strings"

	packs "sendboard/models/pack"
)

// pdfKPIExceptions lists the KPIs off track at the quarter's end with their
// owners' commentary, before the series.
func pdfKPIExceptions(d *pdfDoc, p *packs.Pack) {
	d.subheading("KPIs off track", 20)
	if len(p.KPIExceptions) == 0 {
		d.para("No KPI was off track at the end of "+p.Quarter.String()+".", 10, "")
		return
	}
	rows := make([][]string, len(p.KPIExceptions))
	for i, e := range p.KPIExceptions {
		rows[i] = []string{e.Name, e.Period, offValue(e), e.Target, commentary(e)}
	}
	d.table(pdfTable{headers: []string{"KPI", "Period", "Figure", "Target", "Owner's commentary"},
		widths: []float64{44, 20, 16, 34, d.width - 114}, aligns: []string{"L", "L", "R", "L", "L"}}, rows)
}

// pdfBenchmarks sets the DfE measures linked to the pack's actions beside
// England, the region and the statistical neighbours.
func pdfBenchmarks(d *pdfDoc, p *packs.Pack) {
	d.subheading("DfE benchmarks for the actions in this pack", 30)
	d.para(benchmarkNote, 9, "I")
	if len(p.Benchmarks) == 0 {
		d.para("No DfE measure is linked to the actions in this pack.", 10, "")
		return
	}
	rows := make([][]string, len(p.Benchmarks))
	for i, b := range p.Benchmarks {
		period := b.Period
		if period == "" {
			period = "none"
		}
		if b.FromPredecessor {
			period += " (predecessor)"
		}
		rank := b.RankText()
		if rank == "" {
			rank = "no rank"
		}
		rows[i] = []string{b.Name + " (actions " + strings.Join(b.Actions, ", ") + ")", period, b.Figure(b.LA), b.Figure(b.England),
			b.Figure(b.Region), b.Figure(b.Median), rank, b.Comparison()}
	}
	d.table(pdfTable{headers: []string{"Measure", "Period", "Area", "England", regionHead(p), "Neighbours' median", "Rank", "Reading"},
		widths: []float64{44, 15, 15, 15, 15, 18, 14, d.width - 136}, aligns: []string{"L", "L", "R", "R", "R", "R", "L", "L"}}, rows)
}

// regionHead heads the region column with the region's name when there is one.
func regionHead(p *packs.Pack) string {
	if len(p.Benchmarks) > 0 && p.Benchmarks[0].RegionName != "" {
		return p.Benchmarks[0].RegionName
	}
	return "Region"
}
