package app

import (
	"net/http"

	"github.com/labstack/echo/v4"

	"sendboard/models"
)

// indexRow is one board or lead with its counts and page.
type indexRow struct {
	Name, Href string
	models.GroupCounts
}

// indexData feeds the boards and leads indexes.
type indexData struct {
	Caption, NameHeading string
	Rows                 []indexRow
	NoLead               int64 // actions with no lead, on the leads index
	PlanName             string
}

// boardsIndex lists every governance board with its actions' counts.
func (a *App) boardsIndex(c echo.Context) error {
	ctx := c.Request().Context()
	ref, err := a.currentReference(c)
	if err != nil {
		return err
	}
	counts, err := models.CountByBoard(ctx, a.DB, ref.Plan.ID)
	if err != nil {
		return err
	}
	d := indexData{PlanName: ref.Plan.Name, Caption: "Governance boards and their actions", NameHeading: "Board"}
	for _, b := range ref.Boards {
		d.Rows = append(d.Rows, indexRow{Name: b.Name, Href: "/boards/" + b.Slug, GroupCounts: counts[b.ID]})
	}
	v := a.view(c, "Governance boards", "boards")
	v.Data = d
	return c.Render(http.StatusOK, "boards", v)
}

// leadsIndex lists every lead role with its actions' counts.
func (a *App) leadsIndex(c echo.Context) error {
	ctx := c.Request().Context()
	ref, err := a.currentReference(c)
	if err != nil {
		return err
	}
	counts, err := models.CountByLead(ctx, a.DB, ref.Plan.ID)
	if err != nil {
		return err
	}
	d := indexData{PlanName: ref.Plan.Name, NoLead: counts[0].Total, Caption: "Leads and their actions", NameHeading: "Lead"}
	for _, l := range ref.Leads {
		d.Rows = append(d.Rows, indexRow{Name: l.Name, Href: "/leads/" + l.Slug, GroupCounts: counts[l.ID]})
	}
	v := a.view(c, "Leads", "leads")
	v.Data = d
	return c.Render(http.StatusOK, "leads", v)
}

// currentReference is the plan's reference lists at the current revision.
func (a *App) currentReference(c echo.Context) (*models.Reference, error) {
	ctx := c.Request().Context()
	rev, err := a.revision(ctx)
	if err != nil {
		return nil, err
	}
	return a.referenceAt(ctx, rev)
}
