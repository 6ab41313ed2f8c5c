package app

import (
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"github.com/labstack/echo/v4"

	"sendboard/models"
	"sendboard/models/risk"
)

// riskForm is the add and edit form as the user typed it, kept on a refusal.
type riskForm struct {
	Kind, Title, Description, Owner, Likelihood, Impact, TargetScore string
	Mitigation, ReviewBy, Status, Area, Actions, Reason              string
	Version                                                          int
}

// riskFields are the form's fields from top to bottom.
var riskFields = []string{"title", "kind", "description", "owner", "likelihood", "impact", "target_score",
	"mitigation", "review_by", "status", "area", "actions", "reason"}

func riskFormOf(r *risk.Risk) riskForm {
	f := riskForm{Kind: r.Kind, Title: r.Title, Description: r.Description, Owner: r.Owner,
		Likelihood: strconv.Itoa(r.Likelihood), Impact: strconv.Itoa(r.Impact), Mitigation: r.Mitigation,
		ReviewBy: r.ReviewBy, Status: r.Status, Area: r.AreaCode, Actions: strings.Join(r.Actions, ", "), Version: r.Version}
	if r.TargetScore != nil {
		f.TargetScore = strconv.Itoa(*r.TargetScore)
	}
	return f
}

func readRiskForm(c echo.Context) riskForm {
	f := riskForm{Kind: c.FormValue("kind"), Title: c.FormValue("title"), Description: c.FormValue("description"),
		Owner: c.FormValue("owner"), Likelihood: c.FormValue("likelihood"), Impact: c.FormValue("impact"),
		TargetScore: strings.TrimSpace(c.FormValue("target_score")), Mitigation: c.FormValue("mitigation"),
		ReviewBy: c.FormValue("review_by"), Status: c.FormValue("status"), Area: c.FormValue("area"),
		Actions: c.FormValue("actions"), Reason: c.FormValue("reason")}
	f.Version, _ = strconv.Atoi(c.FormValue("version"))
	return f
}

// input turns the form into a risk.Input; numbers that are not numbers are
// reported on their fields with every other problem.
func (f riskForm) input() (risk.Input, models.FieldErrors) {
	var fe models.FieldErrors
	in := risk.Input{Kind: f.Kind, Title: f.Title, Description: f.Description, Owner: f.Owner,
		Mitigation: f.Mitigation, ReviewBy: f.ReviewBy, Status: f.Status, Area: f.Area, Reason: f.Reason, Version: f.Version}
	num := func(field, label, v string) int {
		n, err := strconv.Atoi(strings.TrimSpace(v))
		if err != nil {
			fe.Add(field, "%s must be a whole number from 1 to 5", label)
		}
		return n
	}
	in.Likelihood, in.Impact = num("likelihood", "Likelihood", f.Likelihood), num("impact", "Impact", f.Impact)
	if f.TargetScore != "" {
		n, err := strconv.Atoi(f.TargetScore)
		if err != nil {
			fe.Add("target_score", "Target score must be a whole number from 1 to 25")
		}
		in.TargetScore = &n
	}
	in.Actions = append(in.Actions, strings.FieldsFunc(f.Actions, func(r rune) bool { return r == ',' || r == ' ' || r == ';' || r == '\n' })...)
	return in, fe
}

// formErrors turns a refusal into messages by field, or reports that err is
// not about the input.
func formErrors(err error) (map[string]string, bool) {
	out := map[string]string{}
	if fe, ok := models.AsFieldErrors(err); ok {
		for _, e := range fe {
			out[e.Field] = e.Message
		}
		return out, true
	}
	if ie, ok := models.IsInvalid(err); ok {
		out[ie.Field] = ie.Message
		return out, true
	}
	return nil, false
}

// risksData is the register page.
type risksData struct {
	Plan      models.Plan
	Ref       *models.Reference
	Path      string
	Risks     []risk.Risk
	Total     int64
	Filter    risk.Filter
	Owners    []string
	HeatMap   heatMap
	Query     url.Values
	MayAdd    bool
	IsAdmin   bool
	Today     string
	Form      riskForm
	Errors    map[string]string
	Threshold int
	Clipped   bool          // more risks match than are shown
	Overdue   map[uint]bool // open risks whose review-by day has passed
}

// ErrorSummary lists the add form's problems.
func (d risksData) ErrorSummary() errorSummary {
	return summaryOf(d.Errors, append([]string{"threshold"}, riskFields...), prefixed("f-"))
}

// ExportLink is the register in format, with the page's filters.
func (d risksData) ExportLink(format string) string {
	return withQuery(d.Path+"."+format, d.Query)
}

func risksPath(p models.Plan) string { return planPath(p.Slug) + "/risks" }

func riskPath(p models.Plan, id uint) string {
	return risksPath(p) + "/" + strconv.FormatUint(uint64(id), 10)
}

func (a *App) risksPage(c echo.Context) error {
	return a.renderRisks(c, http.StatusOK, riskForm{Status: risk.StatusOpen, Kind: risk.KindRisk}, nil)
}

func (a *App) renderRisks(c echo.Context, status int, form riskForm, errs map[string]string) error {
	ctx := c.Request().Context()
	ref, err := a.planReference(ctx, c.Param("plan"))
	if err != nil {
		return err
	}
	d := risksData{Plan: ref.Plan, Ref: ref, Path: risksPath(ref.Plan), Form: form, Errors: errs,
		Today: a.Now().Format("2006-01-02"), IsAdmin: currentUser(c).AtLeast(models.RoleAdmin)}
	if d.Filter, err = riskFilterOf(c); err != nil {
		return err
	}
	d.Query = url.Values{}
	for _, k := range []string{"area", "owner", "status", "kind", "likelihood", "impact"} {
		if v := c.QueryParam(k); v != "" {
			d.Query.Set(k, v)
		}
	}
	if d.Risks, d.Total, err = risk.List(ctx, a.DB, ref.Plan.ID, d.Filter); err != nil {
		return err
	}
	if d.Owners, err = risk.Owners(ctx, a.DB, ref.Plan.ID); err != nil {
		return err
	}
	if d.Threshold, err = risk.Threshold(ctx, a.DB, ref.Plan.ID); err != nil {
		return err
	}
	all := d.Risks
	if d.Filter.Likelihood != 0 || d.Filter.Impact != 0 {
		// The heat map shows the whole selection, not the one square picked.
		f := d.Filter
		f.Likelihood, f.Impact = 0, 0
		if all, _, err = risk.List(ctx, a.DB, ref.Plan.ID, f); err != nil {
			return err
		}
	}
	d.HeatMap = riskHeatMap(all, d.Threshold)
	d.Clipped, d.Overdue = d.Total > int64(len(d.Risks)), map[uint]bool{}
	for _, r := range d.Risks {
		d.Overdue[r.ID] = r.ReviewOverdue(a.Now().In(a.Config.Location()))
	}
	d.MayAdd = currentUser(c).AtLeast(models.RoleLead)
	v := a.view(c, "Risks and issues", "plan")
	v.PlanName, v.Data = ref.Plan.Name, d
	return c.Render(status, "risks", v)
}

func (a *App) riskCreate(c echo.Context) error {
	plan, err := a.pathPlan(c)
	if err != nil {
		return err
	}
	form := readRiskForm(c)
	in, fe := form.input()
	var r *risk.Risk
	if err = a.formProblems(c, plan.ID, in, fe); err == nil {
		r, err = risk.Create(c.Request().Context(), a.DB, currentUser(c), plan.ID, in, a.Now())
	}
	if errs, ok := formErrors(err); ok {
		return a.renderRisks(c, http.StatusBadRequest, form, errs)
	}
	if err != nil {
		return err
	}
	return c.Redirect(http.StatusSeeOther, riskPath(*plan, r.ID)+"?saved=1")
}

func (a *App) riskThresholdSubmit(c echo.Context) error {
	plan, err := a.pathPlan(c)
	if err != nil {
		return err
	}
	t, convErr := strconv.Atoi(strings.TrimSpace(c.FormValue("threshold")))
	if convErr != nil {
		t = 0
	}
	err = risk.SetThreshold(c.Request().Context(), a.DB, currentUser(c), plan.ID, t, a.Now())
	if errs, ok := formErrors(err); ok {
		return a.renderRisks(c, http.StatusBadRequest, riskForm{Status: risk.StatusOpen, Kind: risk.KindRisk}, errs)
	}
	if err != nil {
		return err
	}
	return c.Redirect(http.StatusSeeOther, risksPath(*plan))
}

// formProblems is nil when the form read cleanly; otherwise it is every
// problem at once: the form's own (numbers that are not numbers) and those
// the register finds.
func (a *App) formProblems(c echo.Context, planID uint, in risk.Input, fe models.FieldErrors) error {
	if len(fe) == 0 {
		return nil
	}
	more, err := risk.Validate(c.Request().Context(), a.DB, planID, in)
	if err != nil {
		return err
	}
	for _, e := range more {
		fe.Add(e.Field, "%s", e.Message)
	}
	return fe.Err()
}
