package app

import (
	"net/http"
	"strconv"

	"github.com/labstack/echo/v4"

	"sendboard/models"
	"sendboard/models/decision"
)

// decisionsShown bounds the decision log on one page and in the API.
const decisionsShown = models.MaxLimit

// pathBoard is the board named by the path's :slug.
func (a *App) pathBoard(c echo.Context) (models.Board, error) {
	ref, err := a.reference(c.Request().Context())
	if err != nil {
		return models.Board{}, err
	}
	b, ok := ref.BoardBySlug(c.Param("slug"))
	if !ok {
		return models.Board{}, models.ErrNotFound
	}
	return b, nil
}

// pathID reads the path's :id; anything else is not found.
func pathID(c echo.Context) (uint, error) {
	n, err := strconv.ParseUint(c.Param("id"), 10, 64)
	if err != nil || n == 0 {
		return 0, models.ErrNotFound
	}
	return uint(n), nil
}

// raiseForm keeps what was typed into the "raise a decision" form.
type raiseForm struct {
	Question, Options, Recommendation, Plan, Area, Action string
	Meeting                                               models.DateParts
	Errors                                                map[string]string
}

var raiseFields = []string{"question", "options", "recommendation", "meeting", "plan", "area", "action"}

// decisionsData feeds the board's decision log.
type decisionsData struct {
	Board     models.Board
	Log       *decision.Log
	CanRaise  bool
	CanDecide bool
	Form      raiseForm
	Fields    []formField
	Summary   errorSummary
}

// Shown is how many decisions the log lists.
func (d decisionsData) Shown() int { return len(d.Log.Entries) }

func (a *App) decisionsPage(c echo.Context) error {
	return a.renderDecisions(c, http.StatusOK, raiseForm{})
}

func (a *App) renderDecisions(c echo.Context, status int, f raiseForm) error {
	ctx := c.Request().Context()
	b, err := a.pathBoard(c)
	if err != nil {
		return err
	}
	log, err := decision.List(ctx, a.DB, b.ID, decisionsShown)
	if err != nil {
		return err
	}
	rev, err := a.revisions(ctx)
	if err != nil {
		return err
	}
	plans, _, err := a.cachedPlans(ctx, rev)
	if err != nil {
		return err
	}
	u := currentUser(c)
	d := decisionsData{Board: b, Log: log, CanRaise: decision.CanRaise(u, b.ID), CanDecide: decision.CanDecide(u, b.ID), Form: f}
	planOpts := []option{{Value: "", Label: "Not about one plan"}}
	for _, p := range plans {
		planOpts = append(planOpts, option{Value: p.Slug, Label: p.Name, Selected: p.Slug == f.Plan})
	}
	e := f.Errors
	d.Fields = []formField{
		{Name: "question", Label: "Decision required", Hint: "The question the board is asked to decide", Type: "textarea", Value: f.Question, Error: e["question"]},
		{Name: "options", Label: "Options (optional)", Type: "textarea", Value: f.Options, Error: e["options"]},
		{Name: "recommendation", Label: "Recommendation (optional)", Type: "textarea", Value: f.Recommendation, Error: e["recommendation"]},
		{Name: "meeting", Label: "Meeting it is for (optional)", Hint: "For example, 22 1 2026", Type: "date", Value: isoOf(f.Meeting), Error: e["meeting"]},
		{Name: "plan", Label: "Plan (optional)", Type: "select", Options: planOpts, Error: e["plan"]},
		{Name: "area", Label: "Area code (optional)", Hint: "The area of the plan it is about, for example 2", Width: "5", Value: f.Area, Error: e["area"]},
		{Name: "action", Label: "Action number (optional)", Hint: "The action of the plan it is about, for example 1.2", Width: "5", Value: f.Action, Error: e["action"]},
	}
	d.Summary = summaryOf(e, raiseFields, fieldAnchor)
	v := a.view(c, "Decisions – "+b.Name, "boards")
	if status == http.StatusOK && c.QueryParam("saved") != "" {
		v.Flash = "Decision " + c.QueryParam("saved") + "."
	}
	v.Data = d
	return c.Render(status, "decisions", v)
}

// isoOf puts typed date boxes back together for the form_field partial,
// which splits them again; what was typed is kept as it was.
func isoOf(p models.DateParts) string {
	if p.Blank() {
		return ""
	}
	return p.Year + "-" + p.Month + "-" + p.Day
}

// fieldAnchor links a summary line to its field: a date to its day box.
func fieldAnchor(field string) string {
	switch field {
	case "meeting", "meeting_date", "due":
		return "f-" + field + "-day"
	}
	return "f-" + field
}

// dateParts reads the three boxes of a GOV.UK date input.
func dateParts(c echo.Context, name string) models.DateParts {
	return models.DateParts{Day: trimmed(c, name+"-day"), Month: trimmed(c, name+"-month"), Year: trimmed(c, name+"-year")}
}

// fieldErrors turns a validation error into messages by field; ok is false
// for any other error.
func fieldErrors(err error) (map[string]string, bool) {
	fe, ok := models.AsFieldErrors(err)
	if !ok {
		ie, ok := models.IsInvalid(err)
		if !ok {
			return nil, false
		}
		fe = models.FieldErrors{ie}
	}
	out := map[string]string{}
	for _, e := range fe {
		out[e.Field] = e.Message
	}
	return out, true
}

func (a *App) decisionRaiseSubmit(c echo.Context) error {
	b, err := a.pathBoard(c)
	if err != nil {
		return err
	}
	f := raiseForm{Question: c.FormValue("question"), Options: c.FormValue("options"), Recommendation: c.FormValue("recommendation"),
		Plan: trimmed(c, "plan"), Area: trimmed(c, "area"), Action: trimmed(c, "action"), Meeting: dateParts(c, "meeting")}
	_, err = decision.Raise(c.Request().Context(), a.DB, currentUser(c), b, decision.RaiseInput{Question: f.Question, Options: f.Options,
		Recommendation: f.Recommendation, Meeting: f.Meeting, Plan: f.Plan, Area: f.Area, Action: f.Action}, a.Now())
	if errs, ok := fieldErrors(err); ok {
		f.Errors = errs
		return a.renderDecisions(c, http.StatusBadRequest, f)
	}
	if err != nil {
		return err
	}
	return c.Redirect(http.StatusSeeOther, "/boards/"+b.Slug+"/decisions?saved=raised")
}
