package app

import (
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
		// A quarterly series also carries whole-year totals; charting those
		// among the quarters would draw a spike every fifth point.
		chart := s.Quarterly(len(s.Figures))
		if len(chart) == 0 {
			chart = s.Figures
		}
		for _, f := range chart {
			r.Periods = append(r.Periods, f.Period)
			r.Values = append(r.Values, f.Value)
		}
		if l := s.Latest(); l != nil {
			r.Status = s.KPI.Evaluate(l.Value)
		}
		rows[i] = r
	}
	v := a.view(c, "SENDIASS KPIs", "kpis")
	data := map[string]any{"Rows": rows}
	if err := a.addKPIFeedData(c, data); err != nil { // last pull, upload outcome, old revisions
		return err
	}
	v.Data = data
	return c.Render(kpiPageStatus(c), "kpis", v)
}
