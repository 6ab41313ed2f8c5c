package app

import (
	"net/http"
	"strconv"
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

// benchmarksPage lists every measure for an area, served whole from memory
// while the measures revision stands.
func (a *App) benchmarksPage(c echo.Context) error {
	ctx := c.Request().Context()
	la, err := a.benchmarkArea(c)
	if err != nil {
		return err
	}
	rev, err := a.revisions(ctx)
	if err != nil {
		return err
	}
	v, err := a.viewAt(c, rev, "DfE benchmarks", "benchmarks")
	if err != nil {
		return err
	}
	q := laQuery(c, la)
	key := "benchmarks\x00" + strconv.Itoa(la) + "\x00" + q
	return a.servePage(c, key, measuresVersion(rev), v, "benchmarks", func(v *View) error {
		area, rows, err := measure.Overview(ctx, a.DB, la)
		if err != nil {
			return err
		}
		var topics []benchmarkTopic
		for _, r := range rows {
			if len(topics) == 0 || topics[len(topics)-1].Topic != r.Measure.Topic {
				topics = append(topics, benchmarkTopic{Topic: r.Measure.Topic})
			}
			topics[len(topics)-1].Rows = append(topics[len(topics)-1].Rows, overviewLine(r))
		}
		_, pred := measure.Predecessors[la]
		v.Data = map[string]any{"Area": area, "Topics": topics, "LA": la, "Query": q, "Joined": pred}
		return nil
	})
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

// laQuery keeps ?la= on links between the benchmark pages, spelt as the
// number la it was read as, so every spelling of one area shares a page.
func laQuery(c echo.Context, la int) string {
	if c.QueryParam("la") != "" {
		return "?la=" + strconv.Itoa(la)
	}
	return ""
}

// benchmarkPage compares the area with England, its region and neighbours on
// one measure, and lists the KPIs and actions linked to it. It is served
// whole from memory while the measures and plans revisions stand, but for an
// administrator's steps of the link flow, each rendered afresh.
func (a *App) benchmarkPage(c echo.Context) error {
	ctx := c.Request().Context()
	la, err := a.benchmarkArea(c)
	if err != nil {
		return err
	}
	rev, err := a.revisions(ctx)
	if err != nil {
		return err
	}
	code, q := c.Param("measure"), laQuery(c, la)
	v, err := a.viewAt(c, rev, "", "benchmarks")
	if err != nil {
		return err
	}
	switch c.QueryParam("linked") {
	case "action", "kpi":
		v.Flash = "Link saved."
	case "removed":
		v.Flash = "Link removed."
	}
	if v.User.AtLeast(models.RoleAdmin) && c.QueryParams().Has("link_plan") {
		data, title, status, err := a.benchmarkData(c, code, la, q)
		if err != nil {
			return err
		}
		v.Title, v.Data = title, data
		return c.Render(status, "benchmark", v)
	}
	// The linked actions are any plan's, with their plan's name.
	ver := measuresVersion(rev).and(allPlansVersion(rev))
	key := "benchmark\x00" + code + "\x00" + strconv.Itoa(la) + "\x00" + q
	return a.servePage(c, key, ver, v, "benchmark", func(v *View) error {
		var err error
		v.Data, v.Title, _, err = a.benchmarkData(c, code, la, q)
		return err
	})
}

// benchmarkData is what a measure's page shows besides the frame, its title,
// and its status: 400 when a step of the link flow was answered wrongly.
func (a *App) benchmarkData(c echo.Context, code string, la int, q string) (map[string]any, string, int, error) {
	ctx := c.Request().Context()
	cmp, err := measure.CompareBenchmark(ctx, a.DB, code, la)
	if err != nil {
		return nil, "", 0, err
	}
	links, err := measure.LinksOfBenchmark(ctx, a.DB, &cmp.Measure)
	if err != nil {
		return nil, "", 0, err
	}
	data := map[string]any{"C": cmp, "Chart": benchmarkChart(cmp), "Rows": benchmarkRows(cmp), "Findings": benchmarkFindings(cmp),
		"Join": joinNote(cmp), "Links": links, "LinkedActions": linkedActions(links.Actions), "Query": q}
	title, status := cmp.Measure.Name+" – DfE benchmarks", http.StatusOK
	if u := currentUser(c); u.AtLeast(models.RoleAdmin) {
		ks, err := measure.ListKPIs(ctx, a.DB)
		if err != nil {
			return nil, "", 0, err
		}
		data["KPIs"] = ks
		lf, err := a.benchmarkLinkForm(c, cmp.Measure.Code)
		if err != nil {
			return nil, "", 0, err
		}
		if lf.Error != "" {
			status = http.StatusBadRequest
		}
		data["LinkForm"], data["Admin"] = lf, true
	}
	return data, title, status, nil
}
