package app

import (
	"net/http"

	"github.com/labstack/echo/v4"

	"sendboard/models"
)

// myActionsPage lists the signed-in lead's actions, those needing an update first.
func (a *App) myActionsPage(c echo.Context) error {
	ctx := c.Request().Context()
	u := currentUser(c)
	rev, err := a.revision(ctx)
	if err != nil {
		return err
	}
	plans, _, err := a.cachedPlans(ctx, rev)
	if err != nil {
		return err
	}
	ids := make([]uint, len(u.Leads))
	for i, l := range u.Leads {
		ids[i] = l.ID
	}
	// A lead's actions span plans.
	acts, err := models.MyActions(ctx, a.DB, 0, ids, a.Now(), a.Config.UpdateOverdueDays)
	if err != nil {
		return err
	}
	type row struct {
		models.Action
		Needs          bool
		Path, PlanName string
	}
	rows := make([]row, len(acts))
	for i := range acts {
		p := plans[0]
		for _, q := range plans {
			if q.ID == acts[i].PlanID {
				p = q
			}
		}
		rows[i] = row{acts[i], acts[i].NeedsUpdate(a.Now(), a.Config.UpdateOverdueDays), actionPath(p, acts[i].Number), p.Name}
	}
	v := a.view(c, "My actions", "me")
	v.Data = map[string]any{"Rows": rows, "Leads": u.Leads, "Days": a.Config.UpdateOverdueDays, "Plans": len(plans)}
	return c.Render(http.StatusOK, "me", v)
}
