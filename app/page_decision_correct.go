package app

import (
	"errors"
	"net/http"

	"github.com/labstack/echo/v4"

	"sendboard/models"
	"sendboard/models/decision"
)

// correctionFields is the "Correct the record" form of a closed decision,
// holding f (the record as it stands when f is empty).
func correctionFields(e *decision.Entry, f decideForm, reason string) []formField {
	meeting := isoOf(f.Meeting)
	if f.Errors == nil && f.Decision == "" && f.Minute == "" && f.Meeting.Blank() {
		f.Decision, f.Minute, meeting = e.Decision.Decision, e.Minute, e.MeetingDate
	}
	label := "Decision"
	if e.Status == decision.StatusWithdrawn {
		label = "Reason withdrawn"
	}
	return []formField{
		{Name: "decision", Label: label, Hint: "As it should read", Type: "textarea", Value: f.Decision, Error: f.Errors["decision"]},
		{Name: "meeting_date", Label: "Meeting date", Type: "date", Value: meeting, Error: f.Errors["meeting_date"]},
		{Name: "minute", Label: "Minute reference (optional)", Width: "10", Value: f.Minute, Error: f.Errors["minute"]},
		{Name: "reason", Label: "Why the record is corrected", Hint: "For example: the minute reference was wrong in the draft minutes", Type: "textarea", Value: reason, Error: f.Errors["reason"]},
	}
}

// decisionCorrectSubmit puts right the record of a decided or withdrawn
// decision, with the reason kept in its history.
func (a *App) decisionCorrectSubmit(c echo.Context) error {
	b, err := a.pathBoard(c)
	if err != nil {
		return err
	}
	id, err := pathID(c)
	if err != nil {
		return err
	}
	f := decideForm{Decision: c.FormValue("decision"), Minute: c.FormValue("minute"), Meeting: dateParts(c, "meeting_date")}
	reason := c.FormValue("reason")
	_, err = decision.Correct(c.Request().Context(), a.DB, currentUser(c), b, id,
		decision.CorrectInput{DecideInput: decision.DecideInput{Decision: f.Decision, Meeting: f.Meeting, Minute: f.Minute}, Reason: reason}, a.Now())
	if errs, ok := fieldErrors(err); ok {
		f.Errors = errs
		return a.renderDecisionWith(c, http.StatusBadRequest, "correct", f, reason, "")
	}
	var ce *models.ConflictError
	if errors.As(err, &ce) {
		return a.renderDecisionWith(c, http.StatusConflict, "correct", f, reason, ce.Message)
	}
	if err != nil {
		return err
	}
	return c.Redirect(http.StatusSeeOther, "/boards/"+b.Slug+"/decisions/"+c.Param("id")+"?saved=corrected#corrections")
}
