package app

import (
	"context"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/labstack/echo/v4"

	"sendboard/models"
	"sendboard/models/round"
)

// apiRound is a round in the API.
type apiRound struct {
	ID        uint             `json:"id"`
	Board     *string          `json:"board"`
	Plan      string           `json:"plan"`
	Due       string           `json:"due"`
	Meeting   *string          `json:"meeting"`
	Status    string           `json:"status"`
	Requested int              `json:"requested"`
	Answered  int              `json:"answered"`
	Actions   []apiRoundAction `json:"actions,omitempty"`
}

// apiRoundAction is one action a round asked about.
type apiRoundAction struct {
	Number    string     `json:"number"`
	Plan      string     `json:"plan"`
	Lead      *string    `json:"lead"`
	Updated   bool       `json:"updated"`
	UpdatedAt *time.Time `json:"updated_at"`
}

func toAPIRound(s round.Summary) apiRound {
	return apiRound{ID: s.ID, Board: s.BoardName, Plan: s.PlanSlug, Due: s.Due, Meeting: s.Meeting, Status: s.Status,
		Requested: s.Requested, Answered: s.Answered}
}

// apiListRounds lists the rounds, newest first.
func (a *App) apiListRounds(c echo.Context) error {
	rs, err := round.List(c.Request().Context(), a.DB)
	if err != nil {
		return err
	}
	out := make([]apiRound, len(rs))
	for i, r := range rs {
		out[i] = toAPIRound(r)
	}
	return c.JSON(http.StatusOK, map[string]any{"rounds": out})
}

// apiGetRound is one round with every action it asked about; updated_at is
// when the action's answer to the round was recorded.
func (a *App) apiGetRound(c echo.Context) error {
	t, err := a.loadTracker(c.Request().Context(), currentUser(c), c.Param("id"))
	if err != nil {
		return err
	}
	out := trackerJSON(t)
	out.Actions = make([]apiRoundAction, len(t.Items))
	for i, it := range t.Items {
		ra := apiRoundAction{Number: it.Number, Plan: t.Round.Plan.Slug, Updated: it.AnsweredAt != nil, UpdatedAt: it.AnsweredAt}
		if it.Lead != "" {
			ra.Lead = &it.Lead
		}
		out.Actions[i] = ra
	}
	return c.JSON(http.StatusOK, out)
}

func trackerJSON(t *roundTracker) apiRound {
	r := t.Round
	out := apiRound{ID: r.ID, Plan: r.Plan.Slug, Due: r.Due, Meeting: r.Meeting, Status: r.Status,
		Requested: len(t.Items), Answered: t.Answered}
	if r.Board != nil {
		out.Board = &r.Board.Name
	}
	return out
}

// apiOpenRound opens a round: {"board": "SEND Improvement Board", "due": "2027-01-15",
// "meeting": "2027-01-22", "plan": "...", "filter": "milestone=2", "message": "..."}.
func (a *App) apiOpenRound(c echo.Context) error {
	var in struct {
		Board   string `json:"board"`
		Plan    string `json:"plan"`
		Filter  string `json:"filter"`
		Due     string `json:"due"`
		Meeting string `json:"meeting"`
		Message string `json:"message"`
	}
	if err := decodeBody(c, &in, "board, plan, filter, due, meeting and message"); err != nil {
		return err
	}
	if strings.TrimSpace(in.Due) == "" {
		return models.Invalid("due", "the due date is required, as YYYY-MM-DD")
	}
	ctx := c.Request().Context()
	r, _, err := a.OpenRound(ctx, currentUser(c), round.Input{Board: in.Board, Plan: in.Plan, Filter: in.Filter,
		Due: in.Due, Meeting: in.Meeting, Message: in.Message})
	if existing := openRoundOf(err); existing != nil {
		// The round is open already: 409 with that round, so a retried
		// request learns where its round is.
		t, terr := a.loadTracker(ctx, currentUser(c), strconv.FormatUint(uint64(existing.ID), 10))
		if terr != nil {
			return terr
		}
		c.Response().Header().Set("Location", "/api/v1/rounds/"+strconv.FormatUint(uint64(existing.ID), 10))
		return c.JSON(http.StatusConflict, map[string]any{"error": err.Error(), "round": trackerJSON(t)})
	}
	if err != nil {
		return err
	}
	t, err := a.loadTracker(ctx, currentUser(c), strconv.FormatUint(uint64(r.ID), 10))
	if err != nil {
		return err
	}
	c.Response().Header().Set("Location", "/api/v1/rounds/"+strconv.FormatUint(uint64(r.ID), 10))
	return c.JSON(http.StatusCreated, trackerJSON(t))
}

// apiCloseRound closes a round; it then sends no more reminders.
func (a *App) apiCloseRound(c echo.Context) error {
	return a.apiRoundStatus(c, func(ctx context.Context, id uint) error {
		_, err := round.Close(ctx, a.DB, currentUser(c), id, a.Now())
		return err
	})
}

// apiReopenRound opens a closed round again.
func (a *App) apiReopenRound(c echo.Context) error {
	return a.apiRoundStatus(c, func(ctx context.Context, id uint) error {
		_, err := round.Reopen(ctx, a.DB, currentUser(c), id)
		return err
	})
}

// apiRoundStatus changes a round's status with change and answers the round.
func (a *App) apiRoundStatus(c echo.Context, change func(context.Context, uint) error) error {
	id, err := strconv.ParseUint(c.Param("id"), 10, 32)
	if err != nil {
		return models.ErrNotFound
	}
	ctx := c.Request().Context()
	if err := change(ctx, uint(id)); err != nil {
		return err
	}
	t, err := a.loadTracker(ctx, currentUser(c), c.Param("id"))
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, trackerJSON(t))
}
