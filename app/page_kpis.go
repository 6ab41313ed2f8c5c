package app

import (
	"net/http"

	"github.com/labstack/echo/v4"

	"sendboard/models/measure"
)

// kpiRow is one KPI on the KPI page with what its chart needs.
type kpiRow struct {
	measure.KPICard
	Periods      []string
	Values       []float64
	CanComment   bool
	BenchmarkURL string
	Tables       []kpiTableView
}

func (a *App) kpisPage(c echo.Context) error { return a.renderKPIs(c, kpiPageStatus(c), nil) }

// renderKPIs shows the scorecard first (latest figure, target, met or not,
// trend), then each KPI's definition and its quarterly and whole-year figures.
func (a *App) renderKPIs(c echo.Context, status int, extra map[string]any) error {
	cards, err := measure.KPIScorecard(c.Request().Context(), a.DB)
	if err != nil {
		return err
	}
	u := currentUser(c)
	rows := make([]kpiRow, len(cards))
	for i, card := range cards {
		r := kpiRow{KPICard: card, CanComment: card.Exception != nil && measure.CanCommentOnKPI(u, &card.KPI)}
		// Whole-year totals among quarters would draw a spike every fifth point.
		chart := card.Quarterly
		if len(chart) == 0 {
			chart = card.Yearly
		}
		for _, f := range chart {
			r.Periods = append(r.Periods, f.Period)
			r.Values = append(r.Values, f.Value)
		}
		if card.KPI.BenchmarkMeasure != "" {
			r.BenchmarkURL = "/benchmarks/" + card.KPI.BenchmarkMeasure
		}
		rows[i] = r
	}
	old, err := measure.SupersededFigures(c.Request().Context(), a.DB)
	if err != nil {
		return err
	}
	for i := range rows {
		rows[i].Tables = kpiTables(rows[i].KPICard, old)
	}
	v := a.view(c, "KPIs", "kpis")
	switch {
	case c.QueryParam("saved") != "":
		v.Flash = "KPI " + c.QueryParam("saved") + " saved."
	case c.QueryParam("commented") != "":
		v.Flash = "Commentary saved."
	}
	data := map[string]any{"Rows": rows, "Codes": cards}
	for k, x := range extra {
		data[k] = x
	}
	if err := a.addKPIFeedData(c, data); err != nil { // last pull, upload outcome, old revisions
		return err
	}
	v.Data = data
	return c.Render(status, "kpis", v)
}

// kpiTemplate is a CSV to fill in and import: the header and one example row
// per KPI with its latest period, so the valid codes are in the file.
func (a *App) kpiTemplate(c echo.Context) error {
	ks, err := measure.ListKPIs(c.Request().Context(), a.DB)
	if err != nil {
		return err
	}
	c.Response().Header().Set(echo.HeaderContentDisposition, `attachment; filename="kpi-figures-template.csv"`)
	c.Response().Header().Set(echo.HeaderContentType, "text/csv; charset=utf-8")
	c.Response().WriteHeader(http.StatusOK)
	_, err = c.Response().Write([]byte(measure.KPITemplateCSV(ks)))
	return err
}
