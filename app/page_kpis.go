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
// A plain GET is served whole from memory while the measures revision
// stands; an upload's outcome, refused commentary or a flash is rendered
// afresh.
func (a *App) renderKPIs(c echo.Context, status int, extra map[string]any) error {
	rev, err := a.revisions(c.Request().Context())
	if err != nil {
		return err
	}
	v, err := a.viewAt(c, rev, "KPIs", "kpis")
	if err != nil {
		return err
	}
	switch {
	case c.QueryParam("saved") != "":
		v.Flash = "KPI " + c.QueryParam("saved") + " saved."
	case c.QueryParam("commented") != "":
		v.Flash = "Commentary saved."
	}
	// A flash names what was just saved, from the query string: shown once,
	// after a save, so not worth an entry of its own.
	if _, upload := c.Get("kpiImport").(*kpiImport); c.Request().Method == http.MethodGet && status == http.StatusOK && extra == nil && !upload && v.Flash == "" {
		return a.servePage(c, "kpis", measuresVersion(rev), v, "kpis", func(v *View) error {
			var err error
			v.Data, err = a.kpiData(c, nil)
			return err
		})
	}
	data, err := a.kpiData(c, extra)
	if err != nil {
		return err
	}
	v.Data = data
	return c.Render(status, "kpis", v)
}

// kpiData is what the KPI page shows besides the frame, with extra added.
func (a *App) kpiData(c echo.Context, extra map[string]any) (map[string]any, error) {
	cards, err := measure.KPIScorecard(c.Request().Context(), a.DB)
	if err != nil {
		return nil, err
	}
	data := map[string]any{"Codes": cards}
	for k, x := range extra {
		data[k] = x
	}
	if err := a.addKPIFeedData(c, data); err != nil { // last pull, upload outcome, old revisions
		return nil, err
	}
	old, _ := data["Old"].(map[uint]map[string][]measure.KPIFigure)
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
		r.Tables = kpiTables(card, old)
		rows[i] = r
	}
	data["Rows"] = rows
	return data, nil
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
