package app

import (
	"net/http"
	"strings"

	"github.com/labstack/echo/v4"

	"sendboard/models"
	"sendboard/models/decision"
)

// apiDecision is a decision as the API shows it; links not made are null.
type apiDecision struct {
	ID             uint    `json:"id"`
	Question       string  `json:"question"`
	Options        string  `json:"options"`
	Recommendation string  `json:"recommendation"`
	Meeting        *string `json:"meeting"`
	Plan           *string `json:"plan"`
	Area           *string `json:"area"`
	Action         *string `json:"action"`
	Risk           *uint   `json:"risk"`
	Status         string  `json:"status"`
	Decision       *string `json:"decision"`
	MeetingDate    *string `json:"meeting_date"`
	Minute         *string `json:"minute"`
	RaisedBy       string  `json:"raised_by"`
}

func toAPIDecision(e decision.Entry) apiDecision {
	return apiDecision{ID: e.ID, Question: e.Question, Options: e.Options, Recommendation: e.Recommendation,
		Meeting: optional(e.Meeting), Plan: optional(e.PlanSlug), Area: optional(e.AreaCode), Action: optional(e.ActionNumber),
		Risk: e.RiskID, Status: e.Status, Decision: optional(e.Decision.Decision), MeetingDate: optional(e.MeetingDate),
		Minute: optional(e.Minute), RaisedBy: e.RaisedBy}
}

// apiListDecisions is the board's decision log, open ones first.
func (a *App) apiListDecisions(c echo.Context) error {
	b, err := a.pathBoard(c)
	if err != nil {
		return err
	}
	log, err := decision.List(c.Request().Context(), a.DB, b.ID, decisionsShown)
	if err != nil {
		return err
	}
	out := make([]apiDecision, len(log.Entries))
	for i, e := range log.Entries {
		out[i] = toAPIDecision(e)
	}
	return c.JSON(http.StatusOK, map[string]any{"decisions": out, "total": log.Total, "open": log.Open})
}

// apiRaiseRequest is the body of POST /api/v1/boards/{slug}/decisions.
type apiRaiseRequest struct {
	Question       string `json:"question"`
	Options        string `json:"options"`
	Recommendation string `json:"recommendation"`
	Meeting        string `json:"meeting"` // YYYY-MM-DD, optional
	Plan           string `json:"plan"`
	Area           string `json:"area"`
	Action         string `json:"action"`
}

func (a *App) apiRaiseDecision(c echo.Context) error {
	ctx := c.Request().Context()
	b, err := a.pathBoard(c)
	if err != nil {
		return err
	}
	if !decision.CanRaise(currentUser(c), b.ID) {
		return models.ErrForbidden
	}
	var req apiRaiseRequest
	if err := decodeBody(c, &req, "question, options, recommendation, meeting, plan, area and action"); err != nil {
		return err
	}
	meeting, err := isoParts("meeting", req.Meeting)
	if err != nil {
		return err
	}
	d, err := decision.Raise(ctx, a.DB, currentUser(c), b, decision.RaiseInput{Question: req.Question, Options: req.Options,
		Recommendation: req.Recommendation, Meeting: meeting, Plan: req.Plan, Area: req.Area, Action: req.Action}, a.Now())
	if err != nil {
		return err
	}
	e, err := decision.Get(ctx, a.DB, b.ID, d.ID)
	if err != nil {
		return err
	}
	return c.JSON(http.StatusCreated, toAPIDecision(*e))
}

// decidableDecision is the board and decision id in the path, once the
// user is known to be one who may decide or withdraw it.
func (a *App) decidableDecision(c echo.Context) (models.Board, uint, error) {
	b, err := a.pathBoard(c)
	if err != nil {
		return b, 0, err
	}
	if !decision.CanDecide(currentUser(c), b.ID) {
		return b, 0, models.ErrForbidden
	}
	id, err := pathID(c)
	return b, id, err
}

// apiDecideRequest is the body of POST /api/v1/boards/{slug}/decisions/{id}/decide.
type apiDecideRequest struct {
	Decision    string `json:"decision"`
	MeetingDate string `json:"meeting_date"` // YYYY-MM-DD
	Minute      string `json:"minute"`
}

func (a *App) apiDecide(c echo.Context) error {
	ctx := c.Request().Context()
	b, id, err := a.decidableDecision(c)
	if err != nil {
		return err
	}
	var req apiDecideRequest
	if err := decodeBody(c, &req, "decision, meeting_date and minute"); err != nil {
		return err
	}
	meeting, err := isoParts("meeting_date", req.MeetingDate)
	if err != nil {
		return err
	}
	if _, err := decision.Decide(ctx, a.DB, currentUser(c), b, id, decision.DecideInput{Decision: req.Decision, Meeting: meeting, Minute: req.Minute}, a.Now()); err != nil {
		return err
	}
	e, err := decision.Get(ctx, a.DB, b.ID, id)
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, toAPIDecision(*e))
}

// apiWithdrawRequest is the body of POST /api/v1/boards/{slug}/decisions/{id}/withdraw.
type apiWithdrawRequest struct {
	Reason      string `json:"reason"`
	MeetingDate string `json:"meeting_date"` // YYYY-MM-DD, optional
	Minute      string `json:"minute"`
}

// apiWithdraw closes an open decision without one being taken.
func (a *App) apiWithdraw(c echo.Context) error {
	ctx := c.Request().Context()
	b, id, err := a.decidableDecision(c)
	if err != nil {
		return err
	}
	var req apiWithdrawRequest
	if err := decodeOptionalBody(c, &req, "reason, meeting_date and minute"); err != nil {
		return err
	}
	meeting, err := isoParts("meeting_date", req.MeetingDate)
	if err != nil {
		return err
	}
	in := decision.DecideInput{Decision: req.Reason, Meeting: meeting, Minute: req.Minute}
	if _, err := decision.Withdraw(ctx, a.DB, currentUser(c), b, id, in, a.Now()); err != nil {
		if ie, ok := models.IsInvalid(err); ok && ie.Field == "decision" {
			return models.Invalid("reason", "%s", strings.Replace(ie.Message, "Decision", "Reason", 1))
		}
		return err
	}
	e, err := decision.Get(ctx, a.DB, b.ID, id)
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, toAPIDecision(*e))
}

// isoParts splits a YYYY-MM-DD date from a JSON body into the boxes the date
// rules read; blank stays blank.
func isoParts(field, s string) (models.DateParts, error) {
	if s == "" {
		return models.DateParts{}, nil
	}
	y, m, d, ok := splitISODate(s)
	if !ok {
		return models.DateParts{}, models.Invalid(field, "%q is not a date; use YYYY-MM-DD, for example 2026-01-22", s)
	}
	return models.DateParts{Day: d, Month: m, Year: y}, nil
}
