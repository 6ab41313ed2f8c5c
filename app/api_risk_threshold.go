package app

import (
	"net/http"

	"github.com/labstack/echo/v4"

	"sendboard/models/risk"
)

// apiRiskThreshold is a plan's escalation threshold: open risks scoring
// this or more are escalated to its boards.
type apiRiskThreshold struct {
	Threshold int `json:"threshold"`
}

func (a *App) apiGetRiskThreshold(c echo.Context) error {
	plan, err := a.pathPlan(c)
	if err != nil {
		return err
	}
	t, err := risk.Threshold(c.Request().Context(), a.DB, plan.ID)
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, apiRiskThreshold{Threshold: t})
}

// apiPutRiskThreshold sets the threshold: an admin's setting, kept in the
// threshold's history so past packs escalate by the threshold they had.
func (a *App) apiPutRiskThreshold(c echo.Context) error {
	plan, err := a.pathPlan(c)
	if err != nil {
		return err
	}
	var req struct {
		Threshold *int `json:"threshold"`
	}
	if err := decodeBody(c, &req, "threshold"); err != nil {
		return err
	}
	t := 0
	if req.Threshold != nil {
		t = *req.Threshold
	}
	ctx := c.Request().Context()
	if err := risk.SetThreshold(ctx, a.DB, currentUser(c), plan.ID, t, a.Now()); err != nil {
		return err
	}
	if t, err = risk.Threshold(ctx, a.DB, plan.ID); err != nil {
		return err
	}
	return c.JSON(http.StatusOK, apiRiskThreshold{Threshold: t})
}
