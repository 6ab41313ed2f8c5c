package app

import (
	"encoding/json"
	"fmt"
	"net/http"

	"github.com/labstack/echo/v4"

	"sendboard/models"
)

type apiActionList struct {
	Actions []apiAction `json:"actions"`
	Total   int64       `json:"total"`
	Next    *string     `json:"next"`
}

func (a *App) apiListActions(c echo.Context) error {
	ctx := c.Request().Context()
	f, err := models.ParseActionFilter(c.QueryParams())
	if err != nil {
		return err
	}
	rev, err := a.revisions(ctx)
	if err != nil {
		return err
	}
	plan, err := a.planAt(ctx, rev, c.Param("plan"))
	if err != nil {
		return err
	}
	// Keyed by the parsed filter: equivalent query strings share an entry.
	key := fmt.Sprintf("api-actions %d %+v", plan.ID, f)
	p, err := a.cachedOrBuild(key, planVersion(rev, plan.ID), func() (cachedPage, error) {
		ref, err := a.planReferenceAt(ctx, rev, c.Param("plan"))
		if err != nil {
			return cachedPage{}, err
		}
		if err := ref.Resolve(&f); err != nil {
			return cachedPage{}, err
		}
		page, err := models.ListActionsRef(ctx, a.DB, ref, f, -1)
		if err != nil {
			return cachedPage{}, err
		}
		out := apiActionList{Actions: make([]apiAction, len(page.Actions)), Total: page.Total, Next: optional(page.Next)}
		for i := range page.Actions {
			out.Actions[i] = toAPIAction(&page.Actions[i], ref.Plan.Slug)
		}
		body, err := json.Marshal(out)
		return cachedPage{body: body}, err
	})
	if err != nil {
		return err
	}
	return c.JSONBlob(http.StatusOK, p.body)
}

func (a *App) apiGetAction(c echo.Context) error {
	ctx := c.Request().Context()
	ref, act, err := a.actionFromPath(c)
	if err != nil {
		return err
	}
	ups, err := models.ListUpdates(ctx, a.DB, act.ID, historyLimit)
	if err != nil {
		return err
	}
	out := toAPIAction(act, ref.Plan.Slug)
	out.Updates = make([]apiUpdate, len(ups))
	for i, u := range ups {
		out.Updates[i] = toAPIUpdate(u)
	}
	rags, err := models.RAGHistory(ctx, a.DB, act.ID, a.Now())
	if err != nil {
		return err
	}
	out.RAGHistory = make([]apiPeriodRAG, len(rags))
	for i, r := range rags {
		out.RAGHistory[i] = apiPeriodRAG{Period: r.Period, Status: r.Status, RAG: optional(r.RAG)}
	}
	return c.JSON(http.StatusOK, out)
}

func (a *App) apiListBoards(c echo.Context) error {
	ref, err := a.reference(c.Request().Context())
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, map[string]any{"boards": ref.Boards})
}

func (a *App) apiListLeads(c echo.Context) error {
	ref, err := a.reference(c.Request().Context())
	if err != nil {
		return err
	}
	type lead struct {
		Name    string   `json:"name"`
		Slug    string   `json:"slug"`
		Aliases []string `json:"aliases"`
	}
	out := make([]lead, len(ref.Leads))
	for i, l := range ref.Leads {
		out[i] = lead{Name: l.Name, Slug: l.Slug, Aliases: append([]string{}, l.AliasList()...)}
	}
	return c.JSON(http.StatusOK, map[string]any{"leads": out})
}
