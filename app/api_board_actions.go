package app

import (
	"net/http"

	"github.com/labstack/echo/v4"

	"sendboard/models"
	"sendboard/models/decision"
)

// apiBoardAction is a board action as the API shows it.
type apiBoardAction struct {
	ID          uint    `json:"id"`
	Title       string  `json:"title"`
	Owner       string  `json:"owner"`
	OwnerIsUser bool    `json:"owner_is_user"`
	Due         *string `json:"due"`
	MeetingDate string  `json:"meeting_date"`
	Status      string  `json:"status"`
}

func toAPIBoardAction(b decision.BoardAction) apiBoardAction {
	return apiBoardAction{ID: b.ID, Title: b.Title, Owner: b.Owner, OwnerIsUser: b.OwnerID != nil, Due: optional(b.Due),
		MeetingDate: b.MeetingDate, Status: b.Status}
}

// apiListBoardActions lists the board's actions, open ones first; ?status=open
// lists only those still to do.
func (a *App) apiListBoardActions(c echo.Context) error {
	b, err := a.pathBoard(c)
	if err != nil {
		return err
	}
	status := c.QueryParam("status")
	if status != "" && status != decision.ActionOpen {
		return models.Invalid("status", "%q is not a status to filter by; use open or leave it out", status)
	}
	acts, err := decision.ListActions(c.Request().Context(), a.DB, b.ID, status == decision.ActionOpen, decisionsShown)
	if err != nil {
		return err
	}
	out := make([]apiBoardAction, len(acts.Items))
	for i, x := range acts.Items {
		out[i] = toAPIBoardAction(x)
	}
	return c.JSON(http.StatusOK, map[string]any{"board_actions": out, "open": acts.Open, "done": acts.Done})
}

// apiBoardActionRequest is the body of POST /api/v1/boards/{slug}/board-actions.
type apiBoardActionRequest struct {
	Title       string `json:"title"`
	Owner       string `json:"owner"` // a name, or a user's email
	Due         string `json:"due"`   // YYYY-MM-DD, optional
	MeetingDate string `json:"meeting_date"`
}

func (a *App) apiAddBoardAction(c echo.Context) error {
	b, err := a.pathBoard(c)
	if err != nil {
		return err
	}
	if !decision.CanDecide(currentUser(c), b.ID) {
		return models.ErrForbidden
	}
	var req apiBoardActionRequest
	if err := decodeBody(c, &req, "title, owner, due and meeting_date"); err != nil {
		return err
	}
	due, err := isoParts("due", req.Due)
	if err != nil {
		return err
	}
	meeting, err := isoParts("meeting_date", req.MeetingDate)
	if err != nil {
		return err
	}
	x, err := decision.AddAction(c.Request().Context(), a.DB, currentUser(c), b,
		decision.ActionInput{Title: req.Title, Owner: req.Owner, Due: due, Meeting: meeting}, a.Now())
	if err != nil {
		return err
	}
	return c.JSON(http.StatusCreated, toAPIBoardAction(*x))
}

func (a *App) apiBoardActionDone(c echo.Context) error {
	b, err := a.pathBoard(c)
	if err != nil {
		return err
	}
	if !decision.CanDecide(currentUser(c), b.ID) {
		return models.ErrForbidden
	}
	id, err := pathID(c)
	if err != nil {
		return err
	}
	x, err := decision.MarkDone(c.Request().Context(), a.DB, currentUser(c), b, id, a.Now())
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, toAPIBoardAction(*x))
}
