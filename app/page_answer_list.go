package app

import (
	"net/http"

	"github.com/labstack/echo/v4"

	"sendboard/models"
	"sendboard/models/round"
)

// answerListPath is the landing page of a session from an emailed link: the
// actions that person is asked about in the round, answered or not.
const answerListPath = "/answer"

// answerListData is that page: who asks, by when, and each action with a
// link straight to its form.
type answerListData struct {
	Asking   round.Asking
	PlanName string
	Items    []answerListItem
	Left     int // not yet answered
}

type answerListItem struct {
	round.AnswerItem
	Path string
}

// answerList shows a session from an emailed link what it is asked to
// answer. Someone signed in to the whole site has "My actions" instead.
func (a *App) answerList(c echo.Context) error {
	u := currentUser(c)
	if u.AnswerRoundID == nil {
		return c.Redirect(http.StatusSeeOther, "/me")
	}
	ctx := c.Request().Context()
	var r round.Round
	if err := a.DB.WithContext(ctx).Preload("Plan").Preload("Board").Take(&r, *u.AnswerRoundID).Error; err != nil {
		return models.NotFoundAs(err, models.ErrNotFound)
	}
	items, err := round.AnswerItems(ctx, a.DB, r.ID, u.ID, answerListMax)
	if err != nil {
		return err
	}
	d := answerListData{Asking: round.Asking{Who: r.Plan.Name, Due: r.Due, Meeting: r.Meeting}, PlanName: r.Plan.Name}
	if r.Board != nil {
		d.Asking.Who = r.Board.Name
	}
	for _, it := range items {
		d.Items = append(d.Items, answerListItem{AnswerItem: it, Path: actionPath(r.Plan, it.Number) + "#record"})
		if it.AnsweredAt == nil {
			d.Left++
		}
	}
	v := a.view(c, "Your update for the "+d.Asking.Who, "answer")
	v.PlanName, v.Data = r.Plan.Name, d
	return c.Render(http.StatusOK, "answer_list", v)
}
