package pack

import (
	_ "embed"
	"encoding/base64"
	"fmt"
	"html/template"
	"strings"
	"time"

	"sendboard/app/riskmap"
	"sendboard/models/decision"
	packs "sendboard/models/pack"
)

//go:embed board.html.tmpl
var boardTemplate string

// boardFuncs are what the board's part of the pack needs of the template.
var boardFuncs = template.FuncMap{
	"riskNote":          riskNote,
	"heatScale":         func() []int { return []int{1, 2, 3, 4, 5} },
	"dayText":           dayText,
	"decisionStatus":    decisionStatus,
	"boardActionStatus": boardActionStatus,
	"planName":          planName,
}

// planName names plan id among the pack's plans.
func planName(p *packs.Pack, id uint) string {
	for _, pp := range p.Plans {
		if pp.Plan.ID == id {
			return pp.Plan.Name
		}
	}
	return ""
}

// heatImage draws the pack's heat map and its picture as an SVG data URI,
// as the KPI charts are: an <img> keeps its styling out of the page's
// Content-Security-Policy.
func heatImage(p *packs.Pack) (riskmap.HeatMap, template.URL) {
	hm := riskmap.Draw(p.Board.Heat, p.Board.Threshold)
	svg := strings.Replace(string(hm.SVG), `<svg `, `<svg xmlns="http://www.w3.org/2000/svg" `, 1)
	return hm, template.URL("data:image/svg+xml;base64," + base64.StdEncoding.EncodeToString([]byte(svg))) //nolint:gosec // drawn here, numbers only
}

// riskNote says how the risks part was derived.
func riskNote(p *packs.Pack) string {
	return fmt.Sprintf("Open risks and issues governed by this board at the end of %s: those naming an action it governed then, "+
		"and those naming no action in a plan it governed an action of. Score, status, kind and owner are as their history "+
		"recorded them then; a score of %d or more (the plan's escalation threshold then) is escalated.", p.Quarter, p.Board.Threshold)
}

// dayText words a YYYY-MM-DD day, or a dash when there is none.
func dayText(s string) string {
	t, err := time.Parse(time.DateOnly, s)
	if err != nil {
		return "–"
	}
	return shortDate(t)
}

func decisionStatus(s string) string {
	switch s {
	case decision.StatusDecided:
		return "Decided"
	case decision.StatusWithdrawn:
		return "Withdrawn"
	}
	return "Open"
}

// boardActionStatus words a board action's standing at the quarter's end.
func boardActionStatus(b packs.BoardAction) string {
	switch {
	case b.DoneAt != nil:
		return "Done " + shortDate(*b.DoneAt)
	case b.Overdue:
		return "Open, overdue"
	}
	return "Open"
}
