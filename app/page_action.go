package app

import (
	"net/url"
	"strconv"

	"github.com/labstack/echo/v4"

	"sendboard/models"
	"sendboard/models/measure"
	"sendboard/models/risk"
	"sendboard/models/round"
)

// historyLimit bounds the progress history shown on one page.
const historyLimit = 200

type actionData struct {
	Ref     *models.Reference
	Action  *models.Action
	Updates []models.ProgressUpdate
	// RAGs is the action's status and RAG at each quarter's end, newest first.
	RAGs     []models.PeriodRAG
	Activity models.ActionActivity
	KPIs     []measure.ActionKPIStatus
	// Measures are the DfE measures linked to the impact measure, latest figures first.
	Measures  []benchmarkOverviewView
	CanRecord bool
	IsBoard   bool
	IsAdmin   bool
	CanGovern bool // may comment on and sign off this action
	// SigningBoards are the action's boards whose sign-off the user may record.
	SigningBoards []models.Board
	Form          progressForm
	Review        reviewForms
	// Path is this action's page; AdminPath its address under its plan,
	// where the due date and retirement pages are; PlanHome the plan's
	// overview.
	Path, AdminPath, PlanHome string
	DueRevisions              []models.DueRevision
	// Asking is the open round asking for this action's update, shown on
	// the form; nil when none is or the user cannot record progress.
	Asking *round.Asking
	// Risks are the risks and issues naming the action; RisksPath the register.
	Risks     []risk.Risk
	RisksPath string
}

// ErrorSummary is every problem on the page, for the summary at the top of
// main: the progress form's, then the board's forms' below it.
func (d actionData) ErrorSummary() errorSummary {
	return errorSummary{Items: append(append([]summaryItem{}, d.Form.Summary...), d.Review.summary()...)}
}

// actionPage serves the page whole from memory while its plan's and the
// measures' revisions stand, per user (what they may do on it differs) and
// per hour (the form's default date and the current review period follow
// the clock).
func (a *App) actionPage(c echo.Context) error {
	ctx := c.Request().Context()
	rev, err := a.revisions(ctx)
	if err != nil {
		return err
	}
	pl, err := a.planAt(ctx, rev, c.Param("plan"))
	if err != nil {
		return err
	}
	saved := c.QueryParam("saved")
	if _, ok := savedMessages[saved]; !ok {
		saved = ""
	}
	ver := planVersion(rev, pl.ID)
	ver.m = measuresVersion(rev).m
	key := "action " + strconv.FormatUint(uint64(pl.ID), 10) + " " + c.Param("number") + " " + saved + " " +
		a.Now().UTC().Format("2006-01-02T15")
	v := a.view(c, "", "plan")
	v.PlanName, v.Flash = pl.Name, savedMessages[saved]
	return a.servePage(c, key, ver, v, "action", func(v *View) error {
		d, err := a.actionData(c, nil, nil)
		if err != nil {
			return err
		}
		v.Title, v.Data = "Action "+d.Action.Number, d
		return nil
	})
}

// renderAction shows an action page; form and comment, when given, are
// re-shown with their errors and the user's text kept.
func (a *App) renderAction(c echo.Context, status int, form *progressForm, review *reviewForms) error {
	d, err := a.actionData(c, form, review)
	if err != nil {
		return err
	}
	v := a.view(c, "Action "+d.Action.Number, "plan")
	v.PlanName, v.Data = d.Ref.Plan.Name, d
	if f := c.QueryParam("saved"); f != "" {
		v.Flash = savedMessages[f]
	}
	return c.Render(status, "action", v)
}

// actionData loads what the action page shows for the current user.
func (a *App) actionData(c echo.Context, form *progressForm, review *reviewForms) (actionData, error) {
	ctx := c.Request().Context()
	ref, act, err := a.actionFromPath(c)
	if err != nil {
		return actionData{}, err
	}
	u := currentUser(c)
	d := actionData{Ref: ref, Action: act, CanRecord: models.CanRecordProgress(u, act) && !act.Retired(),
		IsBoard: u.AtLeast(models.RoleBoard), IsAdmin: u.AtLeast(models.RoleAdmin),
		Path: actionPath(ref.Plan, act.Number), AdminPath: planPath(ref.Plan.Slug) + "/actions/" + url.PathEscape(act.Number),
		PlanHome: planHome(ref.Plan)}
	if d.Risks, err = risk.ForAction(ctx, a.DB, ref.Plan.ID, act.ID, historyLimit); err != nil {
		return actionData{}, err
	}
	d.RisksPath = risksPath(ref.Plan)
	if d.DueRevisions, err = models.ListDueRevisions(ctx, a.DB, act.ID, historyLimit); err != nil {
		return actionData{}, err
	}
	if d.Updates, err = models.ListUpdates(ctx, a.DB, act.ID, historyLimit); err != nil {
		return actionData{}, err
	}
	if d.RAGs, err = models.RAGHistory(ctx, a.DB, act.ID, a.Now()); err != nil {
		return actionData{}, err
	}
	if d.Activity, err = models.LoadActivity(ctx, a.DB, act); err != nil {
		return actionData{}, err
	}
	if d.KPIs, err = measure.ActionKPIStatuses(ctx, a.DB, act.ID); err != nil {
		return actionData{}, err
	}
	ms, err := measure.ActionBenchmarks(ctx, a.DB, act.ID, a.planLA(ref.Plan))
	if err != nil {
		return actionData{}, err
	}
	for _, m := range ms {
		d.Measures = append(d.Measures, overviewLine(m))
	}
	if d.CanRecord {
		if d.Asking, err = round.AskingFor(ctx, a.DB, act.ID); err != nil {
			return actionData{}, err
		}
	}
	if form != nil {
		d.Form = *form
	} else {
		d.Form = newProgressForm(act, a.Now())
	}
	if err := a.fillReview(c, &d, review); err != nil {
		return actionData{}, err
	}
	if u != nil && u.AnswerRoundID != nil {
		// A session from an emailed link answers; it does not govern or edit.
		d.IsBoard, d.IsAdmin, d.CanGovern, d.SigningBoards = false, false, false, nil
	}
	return d, nil
}

var savedMessages = map[string]string{
	"progress": "Your progress update has been saved.",
	"comment":  "Your comment has been added.",
	"signoff":  "Completion signed off.",
	"edit":     "The action has been changed. The change is in the audit log below.",
}

// actionFromPath loads the reference lists of the plan named by the :plan path
// parameter (the default plan without one) and the action named by :number.
func (a *App) actionFromPath(c echo.Context) (*models.Reference, *models.Action, error) {
	ctx := c.Request().Context()
	ref, err := a.planReference(ctx, c.Param("plan"))
	if err != nil {
		return nil, nil, err
	}
	act, err := models.FindAction(ctx, a.DB, ref.Plan.ID, c.Param("number"))
	return ref, act, err
}
