package app

import (
	"errors"
	"net/http"
	"strconv"

	"github.com/labstack/echo/v4"

	"sendboard/models"
	"sendboard/models/meeting"
)

// meetingsShown bounds the meetings a board's page and the API list.
const meetingsShown = meeting.MaxList

// meetingsData feeds a board's meetings page.
type meetingsData struct {
	Board    models.Board
	Meetings []meeting.Meeting
	Total    int64
	CanOpen  bool
	Fields   []formField
	Summary  errorSummary
}

func (a *App) meetingsPage(c echo.Context) error {
	return a.renderMeetings(c, http.StatusOK, models.DateParts{}, nil)
}

func (a *App) renderMeetings(c echo.Context, status int, day models.DateParts, errs map[string]string) error {
	b, err := a.pathBoard(c)
	if err != nil {
		return err
	}
	ms, total, err := meeting.List(c.Request().Context(), a.DB, b.ID, meetingsShown)
	if err != nil {
		return err
	}
	d := meetingsData{Board: b, Meetings: ms, Total: total, CanOpen: meeting.CanManage(currentUser(c), b.ID)}
	d.Fields = []formField{{Name: "date", Label: "Date of the meeting", Hint: "For example, 22 1 2027", Type: "date", Value: isoOf(day), Error: errs["date"]}}
	d.Summary = summaryOf(errs, []string{"date"}, func(string) string { return "f-date-day" })
	v := a.view(c, "Meetings – "+b.Name, "boards")
	v.Data = d
	return c.Render(status, "meetings", v)
}

func (a *App) meetingOpenSubmit(c echo.Context) error {
	b, err := a.pathBoard(c)
	if err != nil {
		return err
	}
	day := dateParts(c, "date")
	m, err := meeting.Open(c.Request().Context(), a.DB, currentUser(c), b, day, a.Now())
	if errs, ok := fieldErrors(err); ok {
		return a.renderMeetings(c, http.StatusBadRequest, day, errs)
	}
	var ce *models.ConflictError
	if errors.As(err, &ce) {
		return a.renderMeetings(c, http.StatusConflict, day, map[string]string{"date": ce.Message})
	}
	if err != nil {
		return err
	}
	return c.Redirect(http.StatusSeeOther, "/meetings/"+strconv.FormatUint(uint64(m.ID), 10)+"?saved=opened")
}
