package pack

import (
	"context"

	"gorm.io/gorm"

	"sendboard/models"
	"sendboard/models/highlight"
)

// loadPackHighlights gives each plan of the pack the highlight report of
// each of its areas for the pack's quarter, as it stood at the quarter's end
// (whole areas: a board's pack shows the area's report as the area's SRO
// sees it), in a fixed number of statements whatever the number of plans.
func loadPackHighlights(ctx context.Context, db *gorm.DB, p *Pack) error {
	var areas []models.PriorityArea
	for _, pp := range p.Plans {
		areas = append(areas, pp.PriorityAreas...)
	}
	reports, err := highlight.ForAreas(ctx, db, areas, p.Quarter)
	if err != nil {
		return err
	}
	at := p.planIndex()
	for i, a := range areas {
		if j, ok := at[a.PlanID]; ok {
			p.Plans[j].Highlights = append(p.Plans[j].Highlights, reports[i])
		}
	}
	return nil
}

// HighlightRows lists every plan's highlight reports in the pack's order,
// with the plan each belongs to.
func (p *Pack) HighlightRows() []PlanHighlight {
	var out []PlanHighlight
	for _, pp := range p.Plans {
		for _, r := range pp.Highlights {
			out = append(out, PlanHighlight{Plan: pp.Plan, Report: r})
		}
	}
	return out
}

// PlanHighlight is a highlight report with its plan.
type PlanHighlight struct {
	Plan   models.Plan
	Report *highlight.Report
}
