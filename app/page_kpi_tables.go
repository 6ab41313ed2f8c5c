package app

import (
	"strconv"
	"strings"

	"sendboard/models/measure"
)

// kpiFigureView is one row of a KPI's figures table.
type kpiFigureView struct {
	Period, Value, Target, RAG, Commentary, Was string
}

// kpiTableView is a KPI's quarterly or whole-year figures.
type kpiTableView struct {
	Caption string
	Rows    []kpiFigureView
}

// kpiTables splits a card's figures into its quarterly and whole-year tables,
// with earlier revisions of a figure named beside it.
func kpiTables(card measure.KPICard, old map[uint]map[string][]measure.KPIFigure) []kpiTableView {
	k := card.KPI
	var out []kpiTableView
	for _, part := range []struct {
		caption string
		figs    []measure.KPIJudged
	}{{"Quarterly figures", card.Quarterly}, {"Whole-year figures", card.Yearly}} {
		if len(part.figs) == 0 {
			continue
		}
		t := kpiTableView{Caption: k.Name + ": " + strings.ToLower(part.caption[:1]) + part.caption[1:]}
		for _, f := range part.figs {
			v := kpiFigureView{Period: f.Period, Value: k.Format(f.Value), Target: f.Target.Label(k), RAG: f.RAG, Commentary: f.Commentary}
			if e := card.Exception; e != nil && e.Period == f.Period && e.Commentary != "" {
				v.Commentary = strings.TrimSpace(v.Commentary + " Owner's commentary (off track): " + e.Commentary)
			}
			if f.Revision > 1 {
				var was []string
				for _, o := range old[f.KPIID][f.Period] {
					was = append(was, k.Format(o.Value))
				}
				v.Was = "revision " + strconv.Itoa(f.Revision)
				if len(was) > 0 {
					v.Was += "; was " + strings.Join(was, ", ")
				}
			}
			t.Rows = append(t.Rows, v)
		}
		out = append(out, t)
	}
	return out
}
