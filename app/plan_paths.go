package app

import (
	"context"
	"net/url"

	"github.com/labstack/echo/v4"

	"sendboard/models"
)

// pathPlan is the plan named by the :plan path parameter, or the default plan.
func (a *App) pathPlan(c echo.Context) (*models.Plan, error) {
	ref, err := a.planReference(c.Request().Context(), c.Param("plan"))
	if err != nil {
		return nil, err
	}
	return &ref.Plan, nil
}

// planPath is a plan's dashboard.
func planPath(slug string) string { return "/plans/" + url.PathEscape(slug) }

// fixedPath is a board's or lead's page ("boards" or "leads"), in plan when
// one is named.
func fixedPath(plan, kind, slug string) string {
	p := "/" + kind + "/" + url.PathEscape(slug)
	if plan != "" {
		p = planPath(plan) + p
	}
	return p
}

// planHome is a plan's overview: "/" for the default plan.
func planHome(p models.Plan) string {
	if p.IsDefault {
		return "/"
	}
	return planPath(p.Slug)
}

// actionBase prefixes action numbers of p (see models.Plan.ActionBase).
func actionBase(p models.Plan) string { return p.ActionBase() }

// actionPath is the page of action number in p.
func actionPath(p models.Plan, number string) string { return p.ActionPath(number) }

// planSpread is one plan's row on a board or lead page.
type planSpread struct {
	Name, Type, Href string
	N                int64
	Current          bool
}

// spread lists the plans holding actions of the board (or lead) slug, with
// how many, linking to the page for each plan; the current plan is marked.
func (a *App) spread(ctx context.Context, rev *models.Revisions, ref *models.Reference, fixed, slug string) ([]planSpread, error) {
	plans, _, err := a.cachedPlans(ctx, rev)
	if err != nil {
		return nil, err
	}
	var boardID, leadID uint
	kind := "boards"
	if fixed == "board" {
		b, _ := ref.BoardBySlug(slug)
		boardID = b.ID
	} else {
		l, _ := ref.LeadBySlug(slug)
		leadID, kind = l.ID, "leads"
	}
	counts, err := models.CountByPlan(ctx, a.DB, boardID, leadID)
	if err != nil {
		return nil, err
	}
	var out []planSpread
	for _, p := range plans {
		if counts[p.ID] == 0 && p.ID != ref.Plan.ID {
			continue
		}
		plan := p.Slug
		if p.IsDefault {
			plan = ""
		}
		out = append(out, planSpread{Name: p.Name, Type: models.PlanTypeLabel(p.Type), Href: fixedPath(plan, kind, slug),
			N: counts[p.ID], Current: p.ID == ref.Plan.ID})
	}
	return out, nil
}
