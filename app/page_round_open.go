package app

import (
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"github.com/labstack/echo/v4"

	"sendboard/models"
	"sendboard/models/round"
)

// readRoundForm reads the "Open a round" answers from a form or a query.
func readRoundForm(get func(string) string) roundForm {
	v := func(name string) string { return strings.TrimSpace(get(name)) }
	return roundForm{Plan: v("plan"), Board: v("board"), Milestone: v("milestone"), Priority: v("priority"),
		Status: v("status"), Message: get("message"),
		DueDay: v("due-day"), DueMonth: v("due-month"), DueYear: v("due-year"),
		MeetDay: v("meeting-day"), MeetMonth: v("meeting-month"), MeetYear: v("meeting-year"), Token: v("token")}
}

// Query is the answers as a query string, for the "Change" links and the
// hidden fields of "Check your answers".
func (f roundForm) Query() url.Values {
	q := url.Values{}
	for k, v := range map[string]string{"plan": f.Plan, "board": f.Board, "milestone": f.Milestone, "priority": f.Priority,
		"status": f.Status, "message": f.Message, "due-day": f.DueDay, "due-month": f.DueMonth, "due-year": f.DueYear,
		"meeting-day": f.MeetDay, "meeting-month": f.MeetMonth, "meeting-year": f.MeetYear} {
		if v != "" {
			q.Set(k, v)
		}
	}
	return q
}

// ChangeURL goes back to the questions with the answers filled in.
func (f roundForm) ChangeURL() string { return "/rounds?" + f.Query().Encode() + "#open" }

// input is what the round models take.
func (f roundForm) input() round.Input {
	var filter []string
	for _, kv := range [][2]string{{"milestone", f.Milestone}, {"priority", f.Priority}, {"status", f.Status}} {
		if kv[1] != "" {
			filter = append(filter, kv[0]+"="+url.QueryEscape(kv[1]))
		}
	}
	return round.Input{Plan: f.Plan, Board: f.Board, Filter: strings.Join(filter, "&"), Message: f.Message,
		Due: dateFields(f.DueDay, f.DueMonth, f.DueYear), Meeting: dateFields(f.MeetDay, f.MeetMonth, f.MeetYear), Token: f.Token}
}

// roundCheck is the "Check your answers" page.
type roundCheck struct {
	Form    roundForm
	Preview *round.Preview
}

// roundCheckSubmit checks the answers and shows what opening the round would
// do: the plan, the actions in scope and who would be emailed. It writes
// nothing; the page's "Open round" button does.
func (a *App) roundCheckSubmit(c echo.Context) error {
	f := readRoundForm(c.FormValue)
	in := f.input()
	if in.Due == "" {
		f.Errors = map[string]string{"due": "Enter the date updates are due"}
		return a.renderRounds(c, http.StatusBadRequest, f)
	}
	p, err := round.PreviewOpen(c.Request().Context(), a.DB, currentUser(c), in, a.Now(), a.Config.Location())
	if ie, ok := models.IsInvalid(err); ok {
		f.Errors = map[string]string{ie.Field: ie.Message}
		return a.renderRounds(c, http.StatusBadRequest, f)
	}
	if err != nil {
		return err
	}
	f.Token = round.NewFormToken()
	c.Response().Header().Set("Cache-Control", "no-store")
	v := a.view(c, "Check your answers before opening the round", "rounds")
	v.Data = roundCheck{Form: f, Preview: p}
	return c.Render(http.StatusOK, "round_check", v)
}

// roundOpenSubmit opens a round ("Open round" on "Check your answers") and
// shows its tracker. The form's token opens one round only: sent twice, the
// second answer is the round the first opened, as is any request for a round
// already open for the board, plan and due date.
func (a *App) roundOpenSubmit(c echo.Context) error {
	f := readRoundForm(c.FormValue)
	in := f.input()
	if in.Due == "" {
		f.Errors = map[string]string{"due": "Enter the date updates are due"}
		return a.renderRounds(c, http.StatusBadRequest, f)
	}
	r, n, err := a.OpenRound(c.Request().Context(), currentUser(c), in)
	if existing := openRoundOf(err); existing != nil {
		return c.Redirect(http.StatusSeeOther, fmt.Sprintf("/rounds/%d?existing=1", existing.ID))
	}
	if ie, ok := models.IsInvalid(err); ok {
		f.Errors = map[string]string{ie.Field: ie.Message}
		return a.renderRounds(c, http.StatusBadRequest, f)
	}
	if err != nil {
		return err
	}
	return c.Redirect(http.StatusSeeOther, fmt.Sprintf("/rounds/%d?opened=%d", r.ID, n))
}

// openRoundOf is the round already open that err refused a second of, or nil.
func openRoundOf(err error) *round.Round {
	var ce *models.ConflictError
	if errors.As(err, &ce) {
		if r, ok := ce.Current.(*round.Round); ok {
			return r
		}
	}
	return nil
}

func (a *App) roundCloseSubmit(c echo.Context) error {
	id, err := strconv.ParseUint(c.Param("id"), 10, 32)
	if err != nil {
		return models.ErrNotFound
	}
	if _, err := round.Close(c.Request().Context(), a.DB, currentUser(c), uint(id), a.Now()); err != nil {
		return err
	}
	return c.Redirect(http.StatusSeeOther, fmt.Sprintf("/rounds/%d", id))
}

// roundReopenSubmit opens a closed round again.
func (a *App) roundReopenSubmit(c echo.Context) error {
	id, err := strconv.ParseUint(c.Param("id"), 10, 32)
	if err != nil {
		return models.ErrNotFound
	}
	if _, err := round.Reopen(c.Request().Context(), a.DB, currentUser(c), uint(id)); err != nil {
		return err
	}
	return c.Redirect(http.StatusSeeOther, fmt.Sprintf("/rounds/%d", id))
}
