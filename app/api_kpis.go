package app

import (
	"net/http"

	"github.com/labstack/echo/v4"

	"sendboard/models"
)

func (a *App) apiListKPIs(c echo.Context) error {
	ks, err := models.ListKPIs(c.Request().Context(), a.DB)
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, map[string]any{"kpis": ks})
}

// apiKPIFigures lists one figure per period; ?history=true adds every revision.
func (a *App) apiKPIFigures(c echo.Context) error {
	ctx := c.Request().Context()
	k, err := models.FindKPI(ctx, a.DB, c.Param("code"))
	if err != nil {
		return err
	}
	history := c.QueryParam("history") == "true"
	figs, err := models.ListFigures(ctx, a.DB, k.ID, history)
	if err != nil {
		return err
	}
	if figs == nil {
		figs = []models.KPIFigure{}
	}
	return c.JSON(http.StatusOK, map[string]any{"kpi": k, "figures": figs})
}
