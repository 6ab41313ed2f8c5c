package app

import (
	"errors"
	"net/http"
	"slices"
	"strconv"
	"time"

	"github.com/labstack/echo/v4"

	"sendboard/models"
)

// progressForm is the "Record progress" form: what the user typed, every
// field error (in the order of the fields), and the newer update when someone
// else saved first.
type progressForm struct {
	Narrative, Status, RAG, Evidence, EvidenceURL, Reason string
	Date                                                  models.DateParts
	NoChange                                              bool   // the "No change since the last update" form
	NoChangeReason                                        string // its one-line reason
	Version                                               int
	Errors                                                map[string]string
	Summary                                               []summaryItem
	DateBad                                               []string // the date boxes to highlight
	Conflict                                              *models.Conflict
	// Earlier is the latest update's date when the one typed is before it:
	// the form asks once more, as it will not become the latest.
	Earlier *time.Time
}

// dateField is what the "date_input" partial needs to draw one GOV.UK date
// input: ids, names, the typed boxes, the error and the boxes in error.
type dateField struct {
	ID, Name, Label, Hint, Error string
	Value                        models.DateParts
	BadParts                     []string
}

// Bad reports whether box part is in error.
func (d dateField) Bad(part string) bool { return slices.Contains(d.BadParts, part) }

// DateField is the form's "Date of update" input.
func (f progressForm) DateField() dateField {
	return dateField{ID: "p-date", Name: "date", Label: "Date of update", Value: f.Date, Error: f.Errors["date"], BadParts: f.DateBad,
		Hint: "Today, unless you are recording something that happened earlier. For example, 27 3 2026."}
}

func newProgressForm(a *models.Action, now time.Time) progressForm {
	return progressForm{Status: a.Status, RAG: a.RAG, Version: a.Version, Date: models.DatePartsOf(now)}
}

// progressAnchor is the element a summary link for field lands on: the field
// itself, or the first option of a group.
func progressAnchor(field string, f progressForm) string {
	switch field {
	case "status":
		return "p-status-" + models.Statuses[0]
	case "rag":
		return "p-rag-" + models.RAGs[0]
	case "date":
		return "p-date-" + f.DateBad[0]
	}
	return "p-" + field
}

// setErrors shows every problem in fe beside its field and in the summary.
func (f *progressForm) setErrors(fe models.FieldErrors) {
	f.Errors = map[string]string{}
	f.Summary = nil
	for _, e := range fe {
		if f.NoChange && e.Field == "reason" {
			// The "no change" form's reason box has its own name.
			e = &models.InvalidError{Field: "no_change_reason", Message: e.Message}
		}
		f.Errors[e.Field] = e.Message
		if e.Field == "date" {
			f.DateBad = f.Date.BadParts()
		}
		f.Summary = append(f.Summary, summaryItem{Field: e.Field, Message: e.Message, Anchor: progressAnchor(e.Field, *f)})
	}
	f.Summary = inFormOrder(f.Summary, progressFields)
}

// progressFields are the fields of the progress form and of the "no change"
// form below it, from top to bottom.
var progressFields = []string{"version", "conflict", "narrative", "status", "rag", "evidence", "evidence_url", "reason", "date", "no_change_reason"}

func readProgressForm(c echo.Context) (progressForm, models.ProgressInput) {
	f := progressForm{Narrative: c.FormValue("narrative"), Status: c.FormValue("status"), RAG: c.FormValue("rag"),
		Evidence: c.FormValue("evidence"), EvidenceURL: c.FormValue("evidence_url"), Reason: c.FormValue("reason"),
		Date: models.DateParts{Day: trimmed(c, "date-day"), Month: trimmed(c, "date-month"), Year: trimmed(c, "date-year")}}
	if iso := trimmed(c, "date"); f.Date.Blank() && iso != "" {
		// A form posted by a script may send the date as one YYYY-MM-DD field.
		if y, m, d, ok := splitISODate(iso); ok {
			f.Date = models.DateParts{Day: d, Month: m, Year: y}
		} else {
			f.Date = models.DateParts{Day: iso}
		}
	}
	f.Version, _ = strconv.Atoi(c.FormValue("version"))
	in := models.ProgressInput{Narrative: f.Narrative, Status: f.Status, RAG: f.RAG, Evidence: f.Evidence,
		EvidenceURL: f.EvidenceURL, Reason: f.Reason, Version: f.Version}
	if c.FormValue("no_change") == "1" {
		f.NoChange, f.NoChangeReason = true, c.FormValue("no_change_reason")
		in.NoChange, in.Reason = true, f.NoChangeReason
	}
	if !f.Date.Blank() {
		// Left blank, the update speaks for today, as the hint says.
		date := f.Date
		in.DateParts = &date
	}
	return f, in
}

// progressSubmit saves a progress update from the action page. Errors re-show
// the form with everything typed and every problem listed; a conflict also
// shows the newer update.
func (a *App) progressSubmit(c echo.Context) error {
	planID, actionID, err := a.authoriseProgress(c)
	if err != nil {
		return err
	}
	form, in := readProgressForm(c)
	if _, err := strconv.Atoi(c.FormValue("version")); err != nil {
		form.setErrors(models.FieldErrors{{Field: "version", Message: "The form is missing the action's version; reload the page"}})
		return a.renderAction(c, http.StatusBadRequest, &form, nil)
	}
	if in.DateParts != nil && c.FormValue("earlier") != "1" {
		latest, err := models.LatestUpdateDate(c.Request().Context(), a.DB, actionID)
		if err != nil {
			return err
		}
		if d, err := in.DateParts.Parse("date", "Date of update"); err == nil && latest != nil && d.Before(*latest) {
			form.Earlier = latest
			return a.renderAction(c, http.StatusOK, &form, nil)
		}
	}
	_, _, err = models.RecordProgress(c.Request().Context(), a.DB, currentUser(c), planID, c.Param("number"), in, a.Now(), a.flagConfig())
	if err == nil {
		plan, err := a.pathPlan(c)
		if err != nil {
			return err
		}
		return c.Redirect(http.StatusSeeOther, actionPath(*plan, c.Param("number"))+"?saved=progress#progress")
	}
	var ce *models.ConflictError
	if fe, ok := models.AsFieldErrors(err); ok {
		form.setErrors(fe)
		return a.renderAction(c, http.StatusBadRequest, &form, nil)
	}
	if errors.As(err, &ce) {
		form.Conflict, _ = ce.Current.(*models.Conflict)
		if form.Conflict != nil {
			form.Version = form.Conflict.Version
		}
		form.setErrors(models.FieldErrors{{Field: "conflict", Message: ce.Message}})
		return a.renderAction(c, http.StatusConflict, &form, nil)
	}
	return err
}

// authoriseProgress looks up the action in the path and refuses anyone who may
// not record progress on it, before the request body is read: someone without
// the right learns nothing from validation messages, and gets 403 not 400.
// RecordProgress checks again inside its transaction, so a lead changed in
// between is still caught.
func (a *App) authoriseProgress(c echo.Context) (planID, actionID uint, err error) {
	ctx := c.Request().Context()
	plan, err := a.pathPlan(c)
	if err != nil {
		return 0, 0, err
	}
	act, err := models.FindAction(ctx, a.DB, plan.ID, c.Param("number"))
	if err != nil {
		return 0, 0, err
	}
	if !models.CanRecordProgress(currentUser(c), act) {
		return 0, 0, models.ErrForbidden
	}
	return plan.ID, act.ID, nil
}
