package pack

import (
	_ "embed"
	"fmt"
	"html/template"
	"strings"

	"sendboard/models"
	"sendboard/models/highlight"
	"sendboard/models/risk"
)

//go:embed highlights.html.tmpl
var highlightsTemplate string

// highlightNote says what the highlight reports show and how actions are
// counted, in the HTML and on the XLSX cover alike.
var highlightNote = "Each area's report for the quarter as it stood at the quarter's end. The RAG rating, reason, forecast and next steps are " +
	"the area's SRO's (or a lead's, or an admin's); until they give one, the rating is calculated from the actions. Counts by status: " +
	strings.Join([]string{
		"complete – " + highlight.StandingRule[highlight.Complete],
		"delayed – " + highlight.StandingRule[highlight.Delayed],
		"not started – " + highlight.StandingRule[highlight.NotStarted],
		"on track – " + highlight.StandingRule[highlight.OnTrack],
	}, " ")

func init() {
	template.Must(tmpl.Funcs(template.FuncMap{
		"highlightNote": func() string { return highlightNote },
		"slipRows":      slipRows,
		"riskKind":      risk.KindLabel,
		"kpiMove":       kpiMove,
	}).Parse(highlightsTemplate))
}

// slipRow is one line of slippage, worded for the pack.
type slipRow struct{ Area, What, Change, Why string }

// slipRows words the slippage of reports, area by area.
func slipRows(reports []*highlight.Report) []slipRow {
	var out []slipRow
	for _, r := range reports {
		for _, s := range r.Slippage {
			row := slipRow{Area: r.Area.Code + ". " + r.Area.Title}
			if s.Kind == "due_revised" {
				row.What = "Action " + s.Action + ": due date revised"
				row.Change = fmt.Sprintf("%s → %s, on %s by %s", models.DueLabel(s.From), models.DueLabel(s.To), models.HumanDate(s.On), s.By)
				row.Why = s.Reason
			} else {
				row.What = "Milestone missed: " + s.Milestone
				row.Change = fmt.Sprintf("Due %s; %d of the area's actions in it not complete", models.DueLabel(s.Due), s.Incomplete)
			}
			out = append(out, row)
		}
	}
	return out
}

// kpiMove words a KPI's movement: "8 in 2025-26 Q2, from 10 in 2025-26 Q1: better".
func kpiMove(k highlight.KPI) string {
	if k.Value == nil {
		return "no figure reported"
	}
	s := fmt.Sprintf("%g in %s", *k.Value, k.Period)
	if k.Previous != nil {
		s += fmt.Sprintf(", from %g in %s", *k.Previous, k.PreviousPeriod)
	}
	return s + ": " + strings.ToLower(k.MovementLabel())
}
