package app

import (
	"net/http"
	"time"

	"github.com/labstack/echo/v4"

	"sendboard/models"
)

// apiSignOffRequest is the body of POST /api/v1/actions/{number}/signoff
// (and of the same route under /api/v1/plans/{plan}).
type apiSignOffRequest struct {
	MeetingDate string `json:"meeting_date"` // YYYY-MM-DD
	Minute      string `json:"minute"`
	Board       string `json:"board"`   // slug or name; may be left out when one board can sign
	Version     *int   `json:"version"` // optional: refuse if the action changed since
}

// apiSignOff is a sign-off as the API shows it.
type apiSignOff struct {
	Number      string    `json:"number"`
	Status      string    `json:"status"`
	SignOff     string    `json:"signoff"`
	SignedBy    string    `json:"signed_by"`
	Board       *string   `json:"board"`
	MeetingDate string    `json:"meeting_date"`
	Minute      *string   `json:"minute"`
	SignedAt    time.Time `json:"signed_at"`
	Version     int       `json:"version"`
}

// apiSignOff records a board's sign-off of a complete action, as the action
// page's form does.
func (a *App) apiSignOff(c echo.Context) error {
	ctx := c.Request().Context()
	plan, err := a.pathPlan(c)
	if err != nil {
		return err
	}
	act, err := models.FindAction(ctx, a.DB, plan.ID, c.Param("number"))
	if err != nil {
		return err
	}
	if !models.CanGovern(currentUser(c), act) {
		return models.ErrForbidden
	}
	var req apiSignOffRequest
	if err := decodeOptionalBody(c, &req, "meeting_date, minute, board and version"); err != nil {
		return err
	}
	in := models.SignOffInput{Version: req.Version, Board: req.Board, Minute: req.Minute}
	if req.MeetingDate != "" {
		y, m, d, ok := splitISODate(req.MeetingDate)
		if !ok {
			return models.Invalid("meeting_date", "%q is not a date; use YYYY-MM-DD, for example 2025-01-22", req.MeetingDate)
		}
		in.Meeting = models.DateParts{Day: d, Month: m, Year: y}
	}
	rec, err := models.SignOff(ctx, a.DB, currentUser(c), plan.ID, c.Param("number"), in, a.Now(), a.flagConfig())
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, apiSignOff{Number: act.Number, Status: models.StatusComplete, SignOff: models.SignOffDone,
		SignedBy: rec.SignedBy, Board: optional(rec.BoardName), MeetingDate: rec.MeetingDate, Minute: optional(rec.Minute),
		SignedAt: rec.CreatedAt, Version: act.Version + 1})
}
