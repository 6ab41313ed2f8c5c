package app

import (
	"context"
	"net/http"

	"github.com/labstack/echo/v4"

	"sendboard/models"
)

// indexRow is one board or lead with its counts and page, or (Sub) its
// actions in one plan when they are spread over several.
type indexRow struct {
	Name, Href string
	Plan       string // a Sub row's board or lead, for the screen reader
	Sub        bool
	// Plain: the counts are over several plans, so they do not link to one
	// plan's filtered list; the Sub rows below do.
	Plain bool
	Total int64
	Cells []indexCell // not started, in progress, complete, red, flagged
}

// indexCell is one count of a row, linking to the plan's list of those
// actions when Href is set.
type indexCell struct {
	Label, Href string
	N           int64
}

// withCells fills r's counts from g, linking each non-zero one unless Plain.
func (r indexRow) withCells(g models.GroupCounts) indexRow {
	r.Total = g.Total
	for _, c := range []struct {
		label, q string
		n        int64
	}{{"Not started", "status=not_started", g.NotStarted}, {"In progress", "status=in_progress", g.InProgress},
		{"Complete", "status=complete", g.Complete}, {"Red", "rag=red", g.Red}, {"Flagged", "flag=any", g.Flagged}} {
		cell := indexCell{Label: c.label, N: c.n}
		if c.n > 0 && !r.Plain {
			cell.Href = r.Href + "?" + c.q + "#actions"
		}
		r.Cells = append(r.Cells, cell)
	}
	return r
}

// indexData feeds the boards and leads indexes.
type indexData struct {
	Caption, NameHeading string
	Rows                 []indexRow
	NoLead               int64 // actions with no lead, on the leads index
	Plans                int   // how many plans there are
}

// boardsIndex lists every governance board with its actions' counts over
// every plan.
func (a *App) boardsIndex(c echo.Context) error {
	ctx := c.Request().Context()
	ref, plans, err := a.indexPlans(ctx)
	if err != nil {
		return err
	}
	counts, err := models.CountByBoard(ctx, a.DB)
	if err != nil {
		return err
	}
	d := indexData{Plans: len(plans), Caption: "Governance boards and their actions in every plan", NameHeading: "Board"}
	for _, b := range ref.Boards {
		d.Rows = append(d.Rows, indexRows(b.Name, "boards", b.Slug, counts[b.ID], plans)...)
	}
	v := a.view(c, "Governance boards", "boards")
	v.Data = d
	return c.Render(http.StatusOK, "boards", v)
}

// leadsIndex lists every lead role with its actions' counts over every plan.
func (a *App) leadsIndex(c echo.Context) error {
	ctx := c.Request().Context()
	ref, plans, err := a.indexPlans(ctx)
	if err != nil {
		return err
	}
	counts, err := models.CountByLead(ctx, a.DB)
	if err != nil {
		return err
	}
	d := indexData{Plans: len(plans), NoLead: counts[0].All.Total, Caption: "Leads and their actions in every plan", NameHeading: "Lead"}
	for _, l := range ref.Leads {
		d.Rows = append(d.Rows, indexRows(l.Name, "leads", l.Slug, counts[l.ID], plans)...)
	}
	v := a.view(c, "Leads", "leads")
	v.Data = d
	return c.Render(http.StatusOK, "leads", v)
}

// indexPlans is the default plan's reference lists (the boards and leads,
// shared by every plan) and every plan, at the current revision.
func (a *App) indexPlans(ctx context.Context) (*models.Reference, []models.Plan, error) {
	rev, err := a.revisions(ctx)
	if err != nil {
		return nil, nil, err
	}
	ref, err := a.referenceAt(ctx, rev)
	if err != nil {
		return nil, nil, err
	}
	plans, _, err := a.cachedPlans(ctx, rev)
	return ref, plans, err
}

// indexRows is a board's (lead's) row: linking to its page in the one plan
// holding its actions, or, when several do, followed by a row per plan.
func indexRows(name, kind, slug string, n models.IndexCounts, plans []models.Plan) []indexRow {
	page := func(p models.Plan) string {
		if p.IsDefault {
			return fixedPath("", kind, slug)
		}
		return fixedPath(p.Slug, kind, slug)
	}
	row := indexRow{Name: name, Href: fixedPath("", kind, slug)}
	var subs []indexRow
	for _, p := range plans {
		if g, ok := n.ByPlan[p.ID]; ok {
			subs = append(subs, indexRow{Name: p.Name, Plan: name, Href: page(p), Sub: true}.withCells(g))
		}
	}
	switch len(subs) {
	case 0:
		return []indexRow{row.withCells(n.All)}
	case 1:
		row.Href = subs[0].Href
		return []indexRow{row.withCells(n.All)}
	}
	row.Plain = true
	return append([]indexRow{row.withCells(n.All)}, subs...)
}
