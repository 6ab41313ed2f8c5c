package app

import (
	"net/http"

	"github.com/labstack/echo/v4"

	"sendboard/models"
)

// kpiRow is one KPI on the KPI page with what its chart needs.
type kpiRow struct {
	models.KPISeries
	Periods []string
	Values  []float64
	Status  string // met, not_met or ""
}

func (a *App) kpisPage(c echo.Context) error {
	series, err := models.ListSeries(c.Request().Context(), a.DB)
	if err != nil {
		return err
	}
	rows := make([]kpiRow, len(series))
	for i, s := range series {
		r := kpiRow{KPISeries: s}
		for _, f := range s.Figures {
			r.Periods = append(r.Periods, f.Period)
			r.Values = append(r.Values, f.Value)
		}
		if l := s.Latest(); l != nil {
			r.Status = s.KPI.Evaluate(l.Value)
		}
		rows[i] = r
	}
	v := a.view(c, "SENDIASS KPIs", "kpis")
	v.Data = map[string]any{"Rows": rows}
	return c.Render(http.StatusOK, "kpis", v)
}
