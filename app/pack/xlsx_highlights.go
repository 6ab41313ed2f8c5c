package pack

import (
	"fmt"
	"strings"

	"sendboard/models"
	"sendboard/models/highlight"
	packs "sendboard/models/pack"
	"sendboard/models/risk"
)

// highlights writes one row per area of each plan: its report's rating,
// reason, forecast, previous rating, next steps, counts by status, top risks,
// decisions required, KPIs and progress.
func (x *xlsxDoc) highlights(p *packs.Pack) {
	hs := p.HighlightRows()
	rows := make([][]any, 0, len(hs))
	rags := make([]string, 0, len(hs))
	for _, h := range hs {
		r := h.Report
		var risks, decisions, kpis, progress []string
		for _, k := range r.Risks {
			risks = append(risks, riskText(k))
		}
		for _, d := range r.Decisions {
			decisions = append(decisions, d.Question+" ("+d.Board+")")
		}
		for _, k := range r.KPIs {
			kpis = append(kpis, k.Name+": "+kpiMove(k))
		}
		for _, pr := range r.Progress {
			progress = append(progress, pr.Action+": "+pr.Narrative)
		}
		rag := models.RAGLabel(r.RAG)
		if r.Calculated {
			rag += " (calculated)"
		}
		forecast := "Not given"
		if r.ForecastRAG != "" {
			forecast = models.RAGLabel(r.ForecastRAG)
		}
		rows = append(rows, []any{r.Area.Code, r.Area.Title, rag, r.Reason, forecast, models.RAGLabel(r.PreviousRAG), r.NextSteps,
			r.Counts.Complete, r.Counts.OnTrack, r.Counts.Delayed, r.Counts.NotStarted, r.Counts.Total,
			len(r.Slippage), strings.Join(risks, "\n"), strings.Join(decisions, "\n"), strings.Join(kpis, "\n"), strings.Join(progress, "\n")})
		rags = append(rags, r.RAG)
	}
	x.table(xlsxTable{sheet: "Highlights", header: []string{"Area", "Title", "RAG", "Reason", "Forecast", "Previous RAG", "Next steps",
		"Complete", "On track", "Delayed", "Not started", "All actions", "Slippage", "Top risks and issues", "Decisions required", "KPIs", "Progress"},
		widths: []float64{8, 36, 18, 40, 14, 14, 40, 10, 10, 10, 12, 11, 10, 40, 40, 40, 60}, rows: rows, ragCol: 2, rags: rags,
		plans: planOf(p, func(pp *packs.Plan) []*highlight.Report { return pp.Highlights })},
		"The plans in the pack have no areas.")
}

// slippage writes each due date revised into a later quarter and each
// milestone missed in the quarter, area by area.
func (x *xlsxDoc) slippage(p *packs.Pack) {
	var rows [][]any
	var plans []string
	for _, h := range p.HighlightRows() {
		for _, s := range h.Report.Slippage {
			what, action, from, to := "Milestone missed", "", "", s.Due
			if s.Kind == "due_revised" {
				what, action, from, to = "Due date revised into a later quarter", s.Action, s.From, s.To
			}
			rows = append(rows, []any{h.Report.Area.Code, what, action, s.Milestone, from, to, s.On, s.By, s.Reason, s.Incomplete})
			plans = append(plans, h.Plan.Name)
		}
	}
	if !p.MultiPlan() {
		plans = nil
	}
	x.table(xlsxTable{sheet: "Slippage", header: []string{"Area", "What", "Action", "Milestone", "Due was", "Due now", "Revised on", "By", "Why", "Actions not complete"},
		widths: []float64{8, 30, 10, 30, 12, 12, 12, 24, 50, 12}, rows: rows, ragCol: -1, plans: plans},
		"No slippage in "+p.Quarter.String()+": no due date moved into a later quarter and no milestone was missed.")
}

func riskText(r highlight.Risk) string {
	return fmt.Sprintf("%s %d: %s (score %d, %s)", risk.KindLabel(r.Kind), r.ID, r.Title, r.Score, r.Owner)
}
