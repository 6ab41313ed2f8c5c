package app

import (
	"errors"
	"net/http"
	"strconv"
	"time"

	"github.com/labstack/echo/v4"

	"sendboard/models"
)

// progressForm is the "Record progress" form: what the user typed, the field
// errors, and the newer update when someone else saved first.
type progressForm struct {
	Narrative, Status, RAG, Evidence, EvidenceURL, Reason, Date string
	NoChange                                                    bool   // the "No change since the last update" form
	NoChangeReason                                              string // its one-line reason
	Version                                                     int
	Errors                                                      map[string]string
	Conflict                                                    *models.Conflict
}

func newProgressForm(a *models.Action, now time.Time) progressForm {
	return progressForm{Status: a.Status, RAG: a.RAG, Version: a.Version, Date: now.Format("2006-01-02")}
}

func readProgressForm(c echo.Context) (progressForm, models.ProgressInput, error) {
	f := progressForm{Narrative: c.FormValue("narrative"), Status: c.FormValue("status"), RAG: c.FormValue("rag"),
		Evidence: c.FormValue("evidence"), EvidenceURL: c.FormValue("evidence_url"), Reason: c.FormValue("reason"),
		Date: trimmed(c, "date")}
	v, err := strconv.Atoi(c.FormValue("version"))
	if err != nil {
		return f, models.ProgressInput{}, models.Invalid("version", "The form is missing the action's version; reload the page")
	}
	f.Version = v
	in := models.ProgressInput{Narrative: f.Narrative, Status: f.Status, RAG: f.RAG, Evidence: f.Evidence,
		EvidenceURL: f.EvidenceURL, Reason: f.Reason, Version: v}
	if c.FormValue("no_change") == "1" {
		f.NoChange, f.NoChangeReason = true, c.FormValue("no_change_reason")
		in.NoChange, in.Reason = true, f.NoChangeReason
	}
	if f.Date != "" {
		d, err := models.ParseUpdateDate(f.Date)
		if err != nil {
			return f, in, err
		}
		in.Date = d
	}
	return f, in, nil
}

// progressSubmit saves a progress update from the action page. Errors re-show
// the form with everything typed; a conflict also shows the newer update.
func (a *App) progressSubmit(c echo.Context) error {
	planID, err := a.authoriseProgress(c)
	if err != nil {
		return err
	}
	form, in, err := readProgressForm(c)
	if err == nil {
		_, _, err = models.RecordProgress(c.Request().Context(), a.DB, currentUser(c), planID, c.Param("number"), in, a.Now(), a.flagConfig())
	}
	if err == nil {
		plan, err := a.pathPlan(c)
		if err != nil {
			return err
		}
		return c.Redirect(http.StatusSeeOther, actionPath(*plan, c.Param("number"))+"?saved=progress#progress")
	}
	var ie *models.InvalidError
	var ce *models.ConflictError
	switch {
	case errors.As(err, &ie):
		field := ie.Field
		if form.NoChange && field == "reason" {
			field = "no_change_reason"
		}
		form.Errors = map[string]string{field: ie.Message}
		return a.renderAction(c, http.StatusBadRequest, &form, nil)
	case errors.As(err, &ce):
		form.Conflict, _ = ce.Current.(*models.Conflict)
		if form.Conflict != nil {
			form.Version = form.Conflict.Version
		}
		form.Errors = map[string]string{"conflict": ce.Message}
		return a.renderAction(c, http.StatusConflict, &form, nil)
	}
	return err
}

// authoriseProgress looks up the action in the path and refuses anyone who may
// not record progress on it, before the request body is read: someone without
// the right learns nothing from validation messages, and gets 403 not 400.
// RecordProgress checks again inside its transaction, so a lead changed in
// between is still caught.
func (a *App) authoriseProgress(c echo.Context) (planID uint, err error) {
	ctx := c.Request().Context()
	plan, err := a.pathPlan(c)
	if err != nil {
		return 0, err
	}
	act, err := models.FindAction(ctx, a.DB, plan.ID, c.Param("number"))
	if err != nil {
		return 0, err
	}
	if !models.CanRecordProgress(currentUser(c), act) {
		return 0, models.ErrForbidden
	}
	return plan.ID, nil
}
