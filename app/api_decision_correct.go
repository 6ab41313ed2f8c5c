package app

import (
	"net/http"

	"github.com/labstack/echo/v4"

	"sendboard/models/decision"
)

// apiCorrectRequest is the body of POST /api/v1/boards/{slug}/decisions/{id}/correct.
type apiCorrectRequest struct {
	Decision    string `json:"decision"`
	MeetingDate string `json:"meeting_date"` // YYYY-MM-DD
	Minute      string `json:"minute"`
	Reason      string `json:"reason"`
}

// apiCorrectDecision puts right the record of a decided or withdrawn decision.
func (a *App) apiCorrectDecision(c echo.Context) error {
	ctx := c.Request().Context()
	b, id, err := a.decidableDecision(c)
	if err != nil {
		return err
	}
	var req apiCorrectRequest
	if err := decodeBody(c, &req, "decision, meeting_date, minute and reason"); err != nil {
		return err
	}
	meeting, err := isoParts("meeting_date", req.MeetingDate)
	if err != nil {
		return err
	}
	in := decision.CorrectInput{DecideInput: decision.DecideInput{Decision: req.Decision, Meeting: meeting, Minute: req.Minute}, Reason: req.Reason}
	if _, err := decision.Correct(ctx, a.DB, currentUser(c), b, id, in, a.Now()); err != nil {
		return err
	}
	e, err := decision.Get(ctx, a.DB, b.ID, id)
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, toAPIDecision(*e))
}
