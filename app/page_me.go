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
	plan, err := models.DefaultPlan(ctx, a.DB)
	if err != nil {
		return err
	}
	ids := make([]uint, len(u.Leads))
	for i, l := range u.Leads {
		ids[i] = l.ID
	}
	acts, err := models.MyActions(ctx, a.DB, plan.ID, ids, a.Now(), a.Config.UpdateOverdueDays)
	if err != nil {
		return err
	}
	type row struct {
		models.Action
		Needs bool
	}
	rows := make([]row, len(acts))
	for i := range acts {
		rows[i] = row{acts[i], acts[i].NeedsUpdate(a.Now(), a.Config.UpdateOverdueDays)}
	}
	v := a.view(c, "My actions", "me")
	v.PlanName, v.Data = plan.Name, map[string]any{"Rows": rows, "Leads": u.Leads, "Days": a.Config.UpdateOverdueDays}
	return c.Render(http.StatusOK, "me", v)
}
