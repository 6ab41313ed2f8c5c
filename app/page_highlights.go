package app

import (
	"net/http"
	"net/url"
	"strings"

	"github.com/labstack/echo/v4"

	"sendboard/models"
	"sendboard/models/highlight"
)

// highlightQuarters is how many quarters the plan's highlights page shows,
// the current one and those before it.
const highlightQuarters = 4

// periodParam is a quarter as web addresses spell it ("2025-26-Q1").
func periodParam(p models.Period) string { return strings.Replace(p.String(), " Q", "-Q", 1) }

// parsePeriodParam reads a quarter from a web address; anything else is not found.
func parsePeriodParam(s string) (models.Period, error) {
	p, err := models.ParsePeriod(strings.Replace(s, "-Q", " Q", 1))
	if err != nil || p.Quarter == 0 {
		return models.Period{}, models.ErrNotFound
	}
	return p, nil
}

func highlightsPath(p models.Plan) string { return planPath(p.Slug) + "/highlights" }

func highlightPath(p models.Plan, areaCode string, q models.Period) string {
	return highlightsPath(p) + "/" + url.PathEscape(areaCode) + "/" + periodParam(q)
}

// highlightFromPath reads the plan, area and quarter the path names.
func (a *App) highlightFromPath(c echo.Context) (*models.Reference, *models.PriorityArea, models.Period, error) {
	ref, err := a.planReference(c.Request().Context(), c.Param("plan"))
	if err != nil {
		return nil, nil, models.Period{}, err
	}
	q, err := parsePeriodParam(c.Param("period"))
	if err != nil {
		return nil, nil, q, err
	}
	code, err := url.PathUnescape(c.Param("area"))
	if err != nil {
		return nil, nil, q, models.ErrNotFound
	}
	for i := range ref.PriorityAreas {
		if ref.PriorityAreas[i].Code == code {
			return ref, &ref.PriorityAreas[i], q, nil
		}
	}
	return nil, nil, q, models.ErrNotFound
}

// highlightsData is the plan's highlights page: every area against recent quarters.
type highlightsData struct {
	Plan    models.Plan
	Periods []models.Period
	Rows    []highlight.Index
	Rules   []standingRule
	// Earlier and Later page through the quarters; Later is "" at the current one.
	Earlier, Later string
}

// standingRule is one standing with the rule that puts an action in it.
type standingRule struct{ Label, Rule string }

func standingRules() []standingRule {
	order := []string{highlight.Complete, highlight.Delayed, highlight.NotStarted, highlight.OnTrack}
	out := make([]standingRule, len(order))
	for i, s := range order {
		out[i] = standingRule{highlight.StandingLabel(s), highlight.StandingRule[s]}
	}
	return out
}

// CellPath links a cell to its report.
func (d highlightsData) CellPath(area models.PriorityArea, q models.Period) string {
	return highlightPath(d.Plan, area.Code, q)
}

func (a *App) highlightsPage(c echo.Context) error {
	ctx := c.Request().Context()
	ref, err := a.planReference(ctx, c.Param("plan"))
	if err != nil {
		return err
	}
	current := models.QuarterOf(a.Now().In(a.Config.Location()))
	q := current
	if to := c.QueryParam("to"); to != "" {
		if q, err = parsePeriodParam(to); err != nil || q.SortKey() > current.SortKey() {
			return models.Invalid("to", "to must be a quarter up to the current one, such as %s", periodParam(current))
		}
	}
	d := highlightsData{Plan: ref.Plan, Rules: standingRules()}
	if q.SortKey() < current.SortKey() {
		later := q
		for range highlightQuarters {
			if later.SortKey() < current.SortKey() {
				later = later.NextQuarter()
			}
		}
		d.Later = highlightsPath(ref.Plan) + "?to=" + periodParam(later)
	}
	for range highlightQuarters {
		d.Periods = append(d.Periods, q)
		q = q.Prev()
	}
	d.Earlier = highlightsPath(ref.Plan) + "?to=" + periodParam(q)
	if d.Rows, err = highlight.Overview(ctx, a.DB, ref.Plan.ID, d.Periods); err != nil {
		return err
	}
	v := a.view(c, "Highlight reports", "plan")
	v.PlanName, v.Data = ref.Plan.Name, d
	return c.Render(http.StatusOK, "highlights", v)
}

// highlightData is one area's report for a quarter, with the writers' form.
type highlightData struct {
	Plan     models.Plan
	Area     models.PriorityArea
	Report   *highlight.Report
	Path     string
	Back     string
	PrevPath string
	NextPath string
	MayWrite bool
	Saved    bool
	Form     highlight.Input
	Errors   map[string]string
	Rules    []standingRule
}

var highlightFields = []string{"rag", "reason", "forecast_rag", "next_steps", "period"}

// ErrorSummary lists the form's problems in the form's order.
func (d highlightData) ErrorSummary() errorSummary {
	return summaryOf(d.Errors, highlightFields, func(f string) string {
		if f == "period" {
			return ""
		}
		return "f-" + f
	})
}

// Fields is the writers' form, with what they typed and its problems.
func (d highlightData) Fields() []formField {
	rag := func(name, label, value string, none string) formField {
		ff := formField{Name: name, Label: label, Type: "radios", Error: d.Errors[name]}
		for _, r := range models.RAGs {
			ff.Options = append(ff.Options, option{Value: r, Label: ragLabel(r), Selected: value == r})
		}
		if none != "" {
			ff.Options = append(ff.Options, option{Value: "", Label: none, Selected: value == ""})
		}
		return ff
	}
	return []formField{
		rag("rag", "RAG rating for "+d.Report.Period.String(), d.Form.RAG, ""),
		{Name: "reason", Label: "Reason for the rating", Hint: "Needed when the area is red or amber: what is behind the rating and what is being done about it.",
			Type: "textarea", Value: d.Form.Reason, Error: d.Errors["reason"]},
		rag("forecast_rag", "Forecast RAG rating for "+d.Report.Period.NextQuarter().String(), d.Form.ForecastRAG, "No forecast"),
		{Name: "next_steps", Label: "Next steps", Type: "textarea", Value: d.Form.NextSteps, Error: d.Errors["next_steps"]},
	}
}

func (a *App) highlightPage(c echo.Context) error {
	ref, area, q, err := a.highlightFromPath(c)
	if err != nil {
		return err
	}
	return a.renderHighlight(c, http.StatusOK, ref, area, q, nil, nil)
}

func (a *App) renderHighlight(c echo.Context, status int, ref *models.Reference, area *models.PriorityArea, q models.Period, form *highlight.Input, errs map[string]string) error {
	ctx := c.Request().Context()
	r, err := highlight.Build(ctx, a.DB, &ref.Plan, area, q)
	if err != nil {
		return err
	}
	d := highlightData{Plan: ref.Plan, Area: *area, Report: r, Path: highlightPath(ref.Plan, area.Code, q),
		Back: highlightsPath(ref.Plan), PrevPath: highlightPath(ref.Plan, area.Code, q.Prev()),
		Saved: c.QueryParam("saved") != "", Errors: errs, Rules: standingRules()}
	if now := models.QuarterOf(a.Now()); q.SortKey() < now.SortKey() {
		d.NextPath = highlightPath(ref.Plan, area.Code, q.NextQuarter())
	}
	if form != nil {
		d.Form = *form
	} else if !r.Calculated {
		d.Form = highlight.Input{RAG: r.RAG, Reason: r.Reason, ForecastRAG: r.ForecastRAG, NextSteps: r.NextSteps}
	}
	u := currentUser(c)
	if d.MayWrite, err = highlight.MayWrite(ctx, a.DB, u, area.ID); err != nil {
		return err
	}
	d.MayWrite = d.MayWrite && !q.Start().After(a.Now())
	v := a.view(c, "Highlight report: "+area.Code+", "+q.String(), "plan")
	v.PlanName, v.Data = ref.Plan.Name, d
	return c.Render(status, "highlight", v)
}

func (a *App) highlightSubmit(c echo.Context) error {
	ref, area, q, err := a.highlightFromPath(c)
	if err != nil {
		return err
	}
	in := highlight.Input{RAG: c.FormValue("rag"), Reason: c.FormValue("reason"),
		ForecastRAG: c.FormValue("forecast_rag"), NextSteps: c.FormValue("next_steps")}
	_, err = highlight.Save(c.Request().Context(), a.DB, currentUser(c), &ref.Plan, area, q, in, a.Now())
	if errs, ok := formErrors(err); ok {
		return a.renderHighlight(c, http.StatusBadRequest, ref, area, q, &in, errs)
	}
	if err != nil {
		return err
	}
	return c.Redirect(http.StatusSeeOther, highlightPath(ref.Plan, area.Code, q)+"?saved=1")
}

// RiskPath links a risk of the report to its page.
func (d highlightData) RiskPath(id uint) string { return riskPath(d.Plan, id) }
