package pack

import (
	"strings"
	"time"

	"sendboard/models"
	"sendboard/models/decision"
	packs "sendboard/models/pack"
)

// boardSheets are the sheets of the board's own business, after the others.
var boardSheets = []string{"Risks", "Decisions", "Board actions", "RAG by period"}

// board writes the board's sheets: escalated risks, decisions, the board's
// action log and each action's RAG by quarter.
func (x *xlsxDoc) board(p *packs.Pack) {
	x.risks(p)
	x.decisions(p)
	x.boardActions(p)
	x.ragByPeriod(p)
}

func (x *xlsxDoc) risks(p *packs.Pack) {
	b := p.Board
	rows := make([][]any, 0, len(b.Escalated))
	var plans []string
	for _, r := range b.Escalated {
		if p.MultiPlan() {
			plans = append(plans, r.PlanName)
		}
		var target any
		if r.TargetScore != nil {
			target = *r.TargetScore
		}
		actions := "The whole plan"
		if len(r.Actions) > 0 {
			actions = strings.Join(r.Actions, ", ")
		}
		rows = append(rows, []any{r.Title, r.KindLabel(), r.Description, r.Owner, r.Likelihood, r.Impact, r.Score, target,
			r.Threshold, r.Mitigation, actions, r.LastChanged, r.LastReason})
	}
	x.table(xlsxTable{sheet: "Risks", header: []string{"Risk or issue", "Kind", "Description", "Owner", "Likelihood", "Impact",
		"Score", "Target score", "Threshold", "Mitigation", "Actions", "Last change", "Reason"},
		widths: []float64{40, 8, 50, 24, 10, 8, 8, 10, 10, 50, 16, 16, 40}, rows: rows,
		styles: map[int]int{11: x.dateTm}, ragCol: -1, plans: plans},
		"No risk or issue was at or above the escalation threshold at the end of "+p.Quarter.String()+".")
}

func (x *xlsxDoc) decisions(p *packs.Pack) {
	b := p.Board
	rows := make([][]any, 0, len(b.Required)+len(b.Decided))
	add := func(d packs.Decision) {
		var closed any
		if d.ClosedAt != nil {
			closed = *d.ClosedAt
		}
		rows = append(rows, []any{d.Question, decisionStatus(d.Status), d.About(), d.Options, d.Recommendation,
			dayValue(d.Meeting), d.RaisedBy, d.RaisedAt, d.Decision, dayValue(d.MeetingDate), d.Minute, closed})
	}
	for _, d := range b.Required {
		add(d)
	}
	for _, d := range b.Decided {
		add(d)
	}
	x.table(xlsxTable{sheet: "Decisions", header: []string{"Question", "Status", "About", "Options", "Recommendation",
		"For the meeting", "Raised by", "Raised", "Decision", "Meeting", "Minute", "Recorded"},
		widths: []float64{50, 10, 30, 40, 40, 12, 20, 16, 50, 12, 14, 16}, rows: rows,
		styles: map[int]int{5: x.date, 7: x.dateTm, 9: x.date, 11: x.dateTm}, ragCol: -1},
		"No decision was open at the end of "+p.Quarter.String()+" and none was made from "+shortDate(b.DecisionsSince)+".")
}

func (x *xlsxDoc) boardActions(p *packs.Pack) {
	b := p.Board
	rows := make([][]any, 0, len(b.Actions))
	for _, a := range b.Actions {
		var done any
		if a.DoneAt != nil {
			done = *a.DoneAt
		}
		status := "Open"
		if a.Status == decision.ActionDone {
			status = "Done"
		} else if a.Overdue {
			status = "Open, overdue"
		}
		rows = append(rows, []any{a.Title, a.Owner, dayValue(a.Due), dayValue(a.MeetingDate), status, done})
	}
	empty := "The board had no actions of its own open at the end of " + p.Quarter.String() + " and none done during it."
	if b.WholePlan {
		empty = "Board actions belong to a board; this pack is for the whole plan."
	}
	x.table(xlsxTable{sheet: "Board actions", header: []string{"Action", "Owner", "Due", "Set at the meeting of", "Status", "Done"},
		widths: []float64{60, 24, 12, 14, 14, 16}, rows: rows, styles: map[int]int{2: x.date, 3: x.date, 5: x.dateTm}, ragCol: -1}, empty)
}

// ragByPeriod is one row per action and a column per quarter, as the
// trackers areas keep; each cell is filled with its rating's colour.
func (x *xlsxDoc) ragByPeriod(p *packs.Pack) {
	b := p.Board
	header := append([]string{"Action", "Text"}, prefixed("RAG ", b.RAGPeriods)...)
	widths := []float64{8, 50}
	for range b.RAGPeriods {
		widths = append(widths, 14)
	}
	rows := make([][]any, 0, len(b.RAGByPeriod))
	for _, r := range b.RAGByPeriod {
		row := []any{r.Action.Number, r.Action.Text}
		for _, c := range r.Cells {
			row = append(row, models.RAGLabel(c.RAG))
		}
		rows = append(rows, row)
	}
	x.table(xlsxTable{sheet: "RAG by period", header: header, widths: widths, rows: rows, ragCol: -1,
		plans: planOf(p, func(pp *packs.Plan) []packs.Action { return pp.Actions })}, "This pack covers no actions.")
	for i, r := range b.RAGByPeriod {
		for j, c := range r.Cells {
			if id, ok := x.rag[c.RAG]; ok {
				cell := cellName(j+3+planShift(p), i+2)
				x.check(x.f.SetCellStyle("RAG by period", cell, cell, id))
			}
		}
	}
}

func prefixed(p string, list []string) []string {
	out := make([]string, len(list))
	for i, s := range list {
		out[i] = p + s
	}
	return out
}

// dayValue is a YYYY-MM-DD day as a date cell, or blank.
func dayValue(s string) any {
	t, err := time.Parse(time.DateOnly, s)
	if err != nil {
		return nil
	}
	return t
}
