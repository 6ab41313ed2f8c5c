package app

import (
	"errors"
	"net/http"

	"github.com/labstack/echo/v4"

	"sendboard/models"
	"sendboard/models/decision"
)

// boardActionForm keeps what was typed into the "add a board action" form.
type boardActionForm struct {
	Title, Owner string
	Due, Meeting models.DateParts
	Errors       map[string]string
}

// boardActionsData feeds the board's action log.
type boardActionsData struct {
	Board   models.Board
	Actions *decision.Actions
	CanAdd  bool
	Fields  []formField
	Summary errorSummary
	Today   string // YYYY-MM-DD, for marking overdue ones
}

func (a *App) boardActionsPage(c echo.Context) error {
	return a.renderBoardActions(c, http.StatusOK, boardActionForm{}, "")
}

func (a *App) renderBoardActions(c echo.Context, status int, f boardActionForm, refused string) error {
	b, err := a.pathBoard(c)
	if err != nil {
		return err
	}
	acts, err := decision.ListActions(c.Request().Context(), a.DB, b.ID, false, decisionsShown)
	if err != nil {
		return err
	}
	e := f.Errors
	d := boardActionsData{Board: b, Actions: acts, CanAdd: decision.CanDecide(currentUser(c), b.ID), Today: a.Now().Format("2006-01-02")}
	d.Fields = []formField{
		{Name: "title", Label: "Action", Hint: "For example, the chair to write to the ICB about therapy waits", Type: "textarea", Value: f.Title, Error: e["title"]},
		{Name: "owner", Label: "Owner", Hint: "A name, or the email of a sendboard user", Value: f.Owner, Error: e["owner"]},
		{Name: "due", Label: "Due date (optional)", Hint: "For example, 27 3 2026", Type: "date", Value: isoOf(f.Due), Error: e["due"]},
		{Name: "meeting_date", Label: "Meeting that set it", Hint: "For example, 22 1 2026", Type: "date", Value: isoOf(f.Meeting), Error: e["meeting_date"]},
	}
	d.Summary = summaryOf(e, []string{"title", "owner", "due", "meeting_date"}, fieldAnchor)
	if refused != "" {
		d.Summary = errorSummary{Intro: refused}
	}
	v := a.view(c, "Board actions – "+b.Name, "boards")
	switch c.QueryParam("saved") {
	case "added":
		v.Flash = "Board action added."
	case "done":
		v.Flash = "Board action marked done."
	}
	v.Data = d
	return c.Render(status, "board_actions", v)
}

func (a *App) boardActionSubmit(c echo.Context) error {
	b, err := a.pathBoard(c)
	if err != nil {
		return err
	}
	f := boardActionForm{Title: c.FormValue("title"), Owner: c.FormValue("owner"), Due: dateParts(c, "due"), Meeting: dateParts(c, "meeting_date")}
	_, err = decision.AddAction(c.Request().Context(), a.DB, currentUser(c), b,
		decision.ActionInput{Title: f.Title, Owner: f.Owner, Due: f.Due, Meeting: f.Meeting}, a.Now())
	if errs, ok := fieldErrors(err); ok {
		f.Errors = errs
		return a.renderBoardActions(c, http.StatusBadRequest, f, "")
	}
	if err != nil {
		return err
	}
	return c.Redirect(http.StatusSeeOther, "/boards/"+b.Slug+"/actions?saved=added")
}

func (a *App) boardActionDoneSubmit(c echo.Context) error {
	b, err := a.pathBoard(c)
	if err != nil {
		return err
	}
	id, err := pathID(c)
	if err != nil {
		return err
	}
	_, err = decision.MarkDone(c.Request().Context(), a.DB, currentUser(c), b, id, a.Now())
	var ce *models.ConflictError
	if errors.As(err, &ce) {
		return a.renderBoardActions(c, http.StatusConflict, boardActionForm{}, ce.Message)
	}
	if err != nil {
		return err
	}
	return c.Redirect(http.StatusSeeOther, "/boards/"+b.Slug+"/actions?saved=done")
}
