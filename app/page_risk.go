package app

import (
	"errors"
	"html/template"
	"net/http"

	"github.com/labstack/echo/v4"

	"sendboard/models"
	"sendboard/models/risk"
)

// riskData is a risk's page: its details, history and edit form.
type riskData struct {
	Plan        models.Plan
	Ref         *models.Reference
	Risk        *risk.Risk
	History     []risk.Change
	ScoreChart  template.HTML
	Path, Back  string
	MayEdit     bool
	Overdue     bool
	Threshold   int
	Saved       bool
	Form        riskForm
	Errors      map[string]string
	Conflict    string
	IssueReason string
	IssueErrors map[string]string
}

// ErrorSummary lists the edit form's problems.
func (d riskData) ErrorSummary() errorSummary {
	errs := map[string]string{}
	for k, v := range d.Errors {
		errs[k] = v
	}
	for k, v := range d.IssueErrors {
		errs["issue_"+k] = v
	}
	return summaryOf(errs, append(riskFields, "issue_reason"), func(f string) string {
		switch f {
		case "conflict":
			return ""
		case "issue_reason", "issue_kind":
			return "issue-reason"
		}
		return "f-" + f
	})
}

func (a *App) riskPage(c echo.Context) error {
	plan, r, err := a.riskFromPath(c)
	if err != nil {
		return err
	}
	return a.renderRisk(c, http.StatusOK, plan, r, riskData{Form: riskFormOf(r), Saved: c.QueryParam("saved") != ""})
}

func (a *App) renderRisk(c echo.Context, status int, plan *models.Plan, r *risk.Risk, d riskData) error {
	ctx := c.Request().Context()
	ref, err := a.planReference(ctx, plan.Slug)
	if err != nil {
		return err
	}
	d.Plan, d.Ref, d.Risk, d.Path, d.Back = ref.Plan, ref, r, riskPath(ref.Plan, r.ID), risksPath(ref.Plan)
	if d.History, err = risk.History(ctx, a.DB, r.ID); err != nil {
		return err
	}
	if d.Threshold, err = risk.Threshold(ctx, a.DB, ref.Plan.ID); err != nil {
		return err
	}
	if d.MayEdit, err = risk.MayChange(ctx, a.DB, currentUser(c), r); err != nil {
		return err
	}
	d.Overdue = r.ReviewOverdue(a.Now().In(a.Config.Location()))
	if len(d.History) > 1 {
		periods, values := make([]string, len(d.History)), make([]float64, len(d.History))
		for i, h := range d.History {
			periods[i], values[i] = h.ChangedAt.Format("2 Jan 2006"), float64(h.Score)
		}
		var target *float64
		if r.TargetScore != nil {
			t := float64(*r.TargetScore)
			target = &t
		}
		d.ScoreChart = sparkline("Score over time", periods, values, target)
	}
	v := a.view(c, r.Title, "plan")
	v.PlanName, v.Data = ref.Plan.Name, d
	return c.Render(status, "risk", v)
}

func (a *App) riskUpdateSubmit(c echo.Context) error {
	plan, cur, err := a.riskFromPath(c)
	if err != nil {
		return err
	}
	form := readRiskForm(c)
	in, fe := form.input()
	var r *risk.Risk
	if err = a.formProblems(c, plan.ID, in, fe); err == nil {
		r, err = risk.Update(c.Request().Context(), a.DB, currentUser(c), plan.ID, cur.ID, in, a.Now())
	}
	if errs, ok := formErrors(err); ok {
		return a.renderRisk(c, http.StatusBadRequest, plan, cur, riskData{Form: form, Errors: errs})
	}
	var ce *models.ConflictError
	if errors.As(err, &ce) {
		form.Version = cur.Version
		return a.renderRisk(c, http.StatusConflict, plan, cur, riskData{Form: form, Conflict: ce.Message,
			Errors: map[string]string{"conflict": ce.Message}})
	}
	if err != nil {
		return err
	}
	return c.Redirect(http.StatusSeeOther, riskPath(*plan, r.ID)+"?saved=1")
}

func (a *App) riskIssueSubmit(c echo.Context) error {
	plan, cur, err := a.riskFromPath(c)
	if err != nil {
		return err
	}
	version := readRiskForm(c).Version
	reason := c.FormValue("reason")
	_, err = risk.TurnIntoIssue(c.Request().Context(), a.DB, currentUser(c), plan.ID, cur.ID, version, reason, a.Now())
	if errs, ok := formErrors(err); ok {
		return a.renderRisk(c, http.StatusBadRequest, plan, cur, riskData{Form: riskFormOf(cur), IssueReason: reason, IssueErrors: errs})
	}
	var ce *models.ConflictError
	if errors.As(err, &ce) {
		return a.renderRisk(c, http.StatusConflict, plan, cur, riskData{Form: riskFormOf(cur), IssueReason: reason,
			Errors: map[string]string{"conflict": ce.Message}})
	}
	if err != nil {
		return err
	}
	return c.Redirect(http.StatusSeeOther, riskPath(*plan, cur.ID)+"?saved=1")
}
