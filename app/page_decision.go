package app

import (
	"context"
	"errors"
	"net/http"
	"strconv"
	"time"

	"github.com/labstack/echo/v4"
	"gorm.io/gorm"

	"sendboard/models"
	"sendboard/models/decision"
)

// decideForm keeps what was typed into the "record the decision" or
// "withdraw" form.
type decideForm struct {
	Decision, Minute string
	Meeting          models.DateParts
	Errors           map[string]string
}

// decisionData feeds one decision's page.
type decisionData struct {
	Board     models.Board
	D         *decision.Entry
	CanDecide bool
	Decide    []formField
	Withdraw  []formField
	Summary   errorSummary
	Locked    string // why the decision cannot be changed, after a refused attempt
	Correct   []formField
	// Corrections are the corrections to a closed decision's record, newest first.
	Corrections []models.AuditEntry
}

// ActionHref is the page of the action the decision is about.
func (d decisionData) ActionHref() string { return entryActionHref(*d.D) }

func entryActionHref(e decision.Entry) string {
	if e.ActionNumber == "" {
		return ""
	}
	return models.Plan{Slug: e.PlanSlug, IsDefault: e.PlanDefault}.ActionPath(e.ActionNumber)
}

func (a *App) decisionPage(c echo.Context) error {
	return a.renderDecision(c, http.StatusOK, "", decideForm{}, "")
}

// renderDecision shows the decision with the form of kind ("decide" or
// "withdraw") holding f.
func (a *App) renderDecision(c echo.Context, status int, kind string, f decideForm, locked string) error {
	return a.renderDecisionWith(c, status, kind, f, "", locked)
}

// renderDecisionWith is renderDecision for any of the page's forms, kind
// "correct" with the correction's reason too.
func (a *App) renderDecisionWith(c echo.Context, status int, kind string, f decideForm, reason, locked string) error {
	ctx := c.Request().Context()
	b, err := a.pathBoard(c)
	if err != nil {
		return err
	}
	id, err := pathID(c)
	if err != nil {
		return err
	}
	e, err := decision.Get(ctx, a.DB, b.ID, id)
	if err != nil {
		return err
	}
	d := decisionData{Board: b, D: e, CanDecide: decision.CanDecide(currentUser(c), b.ID), Locked: locked}
	dec, wd := decideForm{}, decideForm{}
	if kind == "decide" {
		dec = f
	} else if kind == "withdraw" {
		wd = f
	}
	d.Decide = []formField{
		{Name: "decision", Label: "Decision", Hint: "As minuted", Type: "textarea", Value: dec.Decision, Error: dec.Errors["decision"]},
		{Name: "meeting_date", Label: "Meeting date", Hint: "The meeting that made the decision, for example 22 1 2026", Type: "date", Value: isoOf(dec.Meeting), Error: dec.Errors["meeting_date"]},
		{Name: "minute", Label: "Minute reference (optional)", Width: "10", Value: dec.Minute, Error: dec.Errors["minute"]},
	}
	d.Withdraw = []formField{
		{Name: "reason", Label: "Why it is withdrawn (optional)", Type: "textarea", Value: wd.Decision, Error: wd.Errors["decision"]},
	}
	if e.Status != decision.StatusOpen {
		cf := decideForm{}
		if kind == "correct" {
			cf = f
		}
		d.Correct = correctionFields(e, cf, reason)
		if d.Corrections, err = decision.Corrections(ctx, a.DB, e.ID); err != nil {
			return err
		}
	}
	errs := f.Errors
	if kind == "withdraw" && errs["decision"] != "" {
		errs = map[string]string{"reason": errs["decision"]}
	}
	d.Summary = summaryOf(errs, []string{"decision", "meeting_date", "minute", "reason"}, fieldAnchor)
	if locked != "" {
		d.Summary = errorSummary{Intro: locked}
	}
	v := a.view(c, "Decision "+strconv.FormatUint(uint64(e.ID), 10)+" – "+b.Name, "boards")
	v.Data = d
	if c.QueryParam("saved") == "corrected" {
		v.Flash = "The record has been corrected. The correction and its reason are in its history below."
	}
	return c.Render(status, "decision", v)
}

func (a *App) decisionDecideSubmit(c echo.Context) error {
	f := decideForm{Decision: c.FormValue("decision"), Minute: c.FormValue("minute"), Meeting: dateParts(c, "meeting_date")}
	return a.closeDecision(c, "decide", f, decision.Decide)
}

func (a *App) decisionWithdrawSubmit(c echo.Context) error {
	f := decideForm{Decision: c.FormValue("reason")}
	return a.closeDecision(c, "withdraw", f, decision.Withdraw)
}

// closeFunc is decision.Decide or decision.Withdraw.
type closeFunc = func(ctx context.Context, db *gorm.DB, actor *models.User, board models.Board, id uint, in decision.DecideInput, now time.Time) (*decision.Decision, error)

func (a *App) closeDecision(c echo.Context, kind string, f decideForm, closeWith closeFunc) error {
	b, err := a.pathBoard(c)
	if err != nil {
		return err
	}
	id, err := pathID(c)
	if err != nil {
		return err
	}
	_, err = closeWith(c.Request().Context(), a.DB, currentUser(c), b, id, decision.DecideInput{Decision: f.Decision, Meeting: f.Meeting, Minute: f.Minute}, a.Now())
	if errs, ok := fieldErrors(err); ok {
		f.Errors = errs
		return a.renderDecision(c, http.StatusBadRequest, kind, f, "")
	}
	var ce *models.ConflictError
	if errors.As(err, &ce) {
		return a.renderDecision(c, http.StatusConflict, kind, f, ce.Message)
	}
	if err != nil {
		return err
	}
	saved := "decided"
	if kind == "withdraw" {
		saved = "withdrawn"
	}
	return c.Redirect(http.StatusSeeOther, "/boards/"+b.Slug+"/decisions?saved="+saved)
}
