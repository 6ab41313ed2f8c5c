package app

import (
	"net/http"

	"github.com/labstack/echo/v4"

	"sendboard/models"
)

// historyLimit bounds the progress history shown on one page.
const historyLimit = 200

type actionData struct {
	Ref     *models.Reference
	Action  *models.Action
	Updates []models.ProgressUpdate
}

func (a *App) actionPage(c echo.Context) error {
	ctx := c.Request().Context()
	ref, err := models.LoadReference(ctx, a.DB)
	if err != nil {
		return err
	}
	act, err := models.FindAction(ctx, a.DB, ref.Plan.ID, c.Param("number"))
	if err != nil {
		return err
	}
	d := actionData{Ref: ref, Action: act}
	if d.Updates, err = models.ListUpdates(ctx, a.DB, act.ID, historyLimit); err != nil {
		return err
	}
	v := a.view(c, "Action "+act.Number, "plan")
	v.PlanName, v.Data = ref.Plan.Name, d
	return c.Render(http.StatusOK, "action", v)
}
