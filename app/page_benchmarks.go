package app

import (
	"net/http"
	"net/url"
	"strings"

	"github.com/labstack/echo/v4"

	"sendboard/models"
	"sendboard/models/measure"
)

// benchmarkTopic groups the overview's measures under DfE's topic.
type benchmarkTopic struct {
	Topic string
	Rows  []benchmarkOverviewView
}

type benchmarkOverviewView struct {
	measure.OverviewRow
	LAText, EnglandText, RegionText, Finding string
}

func (a *App) benchmarksPage(c echo.Context) error {
	la, err := a.benchmarkArea(c)
	if err != nil {
		return err
	}
	area, rows, err := measure.Overview(c.Request().Context(), a.DB, la)
	if err != nil {
		return err
	}
	var topics []benchmarkTopic
	for _, r := range rows {
		m := r.Measure
		v := overviewLine(r)
		if len(topics) == 0 || topics[len(topics)-1].Topic != m.Topic {
			topics = append(topics, benchmarkTopic{Topic: m.Topic})
		}
		topics[len(topics)-1].Rows = append(topics[len(topics)-1].Rows, v)
	}
	v := a.view(c, "DfE benchmarks", "benchmarks")
	_, pred := measure.Predecessors[la]
	v.Data = map[string]any{"Area": area, "Topics": topics, "LA": la, "Query": laQuery(c), "Joined": pred}
	return c.Render(http.StatusOK, "benchmarks", v)
}

// overviewLine words one measure's latest figures.
func overviewLine(r measure.OverviewRow) benchmarkOverviewView {
	m := r.Measure
	v := benchmarkOverviewView{OverviewRow: r, LAText: formatBM(r.LA, m), EnglandText: formatBM(r.England, m),
		RegionText: formatBM(r.Region, m), Finding: measure.Compare(r.LA, r.England, m.Polarity, m.DPS)}
	if v.Finding != "" {
		v.Finding = strings.ToUpper(v.Finding[:1]) + v.Finding[1:] + " England"
	}
	return v
}

// laQuery keeps ?la= on links between the benchmark pages.
func laQuery(c echo.Context) string {
	if la := c.QueryParam("la"); la != "" {
		return "?la=" + url.QueryEscape(la)
	}
	return ""
}

func (a *App) benchmarkPage(c echo.Context) error {
	ctx := c.Request().Context()
	la, err := a.benchmarkArea(c)
	if err != nil {
		return err
	}
	cmp, err := measure.CompareBenchmark(ctx, a.DB, c.Param("measure"), la)
	if err != nil {
		return err
	}
	links, err := measure.LinksOfBenchmark(ctx, a.DB, &cmp.Measure)
	if err != nil {
		return err
	}
	data := map[string]any{"C": cmp, "Chart": benchmarkChart(cmp), "Rows": benchmarkRows(cmp), "Findings": benchmarkFindings(cmp),
		"Join": joinNote(cmp), "Links": links, "LinkedActions": linkedActions(links.Actions), "Query": laQuery(c)}
	status := http.StatusOK
	if u := currentUser(c); u.AtLeast(models.RoleAdmin) {
		ks, err := measure.ListKPIs(ctx, a.DB)
		if err != nil {
			return err
		}
		data["KPIs"] = ks
		lf, err := a.benchmarkLinkForm(c, cmp.Measure.Code)
		if err != nil {
			return err
		}
		if lf.Error != "" {
			status = http.StatusBadRequest
		}
		data["LinkForm"], data["Admin"] = lf, true
	}
	v := a.view(c, cmp.Measure.Name+" – DfE benchmarks", "benchmarks")
	switch c.QueryParam("linked") {
	case "action", "kpi":
		v.Flash = "Link saved."
	case "removed":
		v.Flash = "Link removed."
	}
	v.Data = data
	return c.Render(status, "benchmark", v)
}
