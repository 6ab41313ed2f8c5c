package app

import (
	"cmp"
	"errors"
	"net/http"
	"strconv"
	"time"

	"github.com/labstack/echo/v4"

	"sendboard/models"
)

// commentForm keeps a comment's text and error.
type commentForm struct {
	Body  string
	Error string
}

// signoffForm keeps what a board member typed into the sign-off form and
// every problem with it.
type signoffForm struct {
	Board   string // slug
	Meeting models.DateParts
	Minute  string
	Errors  map[string]string
	Summary []summaryItem
	DateBad []string
}

// MeetingField is the form's "Meeting date" input.
func (f signoffForm) MeetingField() dateField {
	return dateField{ID: "s-meeting", Name: "meeting_date", Label: "Meeting date", Value: f.Meeting,
		Error: f.Errors["meeting_date"], BadParts: f.DateBad, Hint: "The date of the board meeting that agreed the action is complete. For example, 22 1 2025."}
}

// reviewForms are the board's forms on an action page.
type reviewForms struct {
	Comment commentForm
	SignOff signoffForm
}

func (r reviewForms) summary() []summaryItem {
	out := append([]summaryItem{}, r.SignOff.Summary...)
	if r.Comment.Error != "" {
		out = append(out, summaryItem{Field: "body", Message: r.Comment.Error, Anchor: "c-body"})
	}
	return out
}

// fillReview sets what the board's part of an action page needs.
func (a *App) fillReview(c echo.Context, d *actionData, review *reviewForms) error {
	u := currentUser(c)
	d.CanGovern = models.CanGovern(u, d.Action)
	d.SigningBoards = models.SigningBoards(u, d.Action)
	if review != nil {
		d.Review = *review
	} else if len(d.SigningBoards) == 1 {
		d.Review.SignOff.Board = d.SigningBoards[0].Slug
	}
	return nil
}

func (a *App) commentSubmit(c echo.Context) error {
	ctx := c.Request().Context()
	plan, err := a.pathPlan(c)
	if err != nil {
		return err
	}
	body := c.FormValue("body")
	_, err = models.AddComment(ctx, a.DB, currentUser(c), plan.ID, c.Param("number"), body, a.Now())
	var ie *models.InvalidError
	if errors.As(err, &ie) {
		return a.renderAction(c, http.StatusBadRequest, nil, &reviewForms{Comment: commentForm{Body: body, Error: ie.Message}})
	}
	if err != nil {
		return err
	}
	return c.Redirect(http.StatusSeeOther, actionPath(*plan, c.Param("number"))+"?saved=comment#comments")
}

// signoffSubmit records the board's sign-off with its meeting date and
// minute; problems re-show the form with what was typed.
func (a *App) signoffSubmit(c echo.Context) error {
	ctx := c.Request().Context()
	plan, err := a.pathPlan(c)
	if err != nil {
		return err
	}
	f := signoffForm{Board: trimmed(c, "board"), Minute: c.FormValue("minute"),
		Meeting: models.DateParts{Day: trimmed(c, "meeting_date-day"), Month: trimmed(c, "meeting_date-month"), Year: trimmed(c, "meeting_date-year")}}
	version, err := strconv.Atoi(c.FormValue("version"))
	if err != nil {
		return models.Invalid("version", "The form is missing the action's version; reload the page")
	}
	_, err = models.SignOff(ctx, a.DB, currentUser(c), plan.ID, c.Param("number"),
		models.SignOffInput{Version: &version, Board: f.Board, Meeting: f.Meeting, Minute: f.Minute}, a.Now(), a.flagConfig())
	if fe, ok := models.AsFieldErrors(err); ok && !fe.Has("status") {
		f.Errors = map[string]string{}
		for _, e := range fe {
			f.Errors[e.Field] = e.Message
			anchor := "s-" + e.Field
			switch e.Field {
			case "meeting_date":
				f.DateBad = f.Meeting.BadParts()
				anchor = "s-meeting-" + f.DateBad[0]
			case "board":
				anchor = "s-board"
			}
			f.Summary = append(f.Summary, summaryItem{Field: e.Field, Message: e.Message, Anchor: anchor})
		}
		f.Summary = inFormOrder(f.Summary, []string{"board", "meeting_date", "minute"})
		return a.renderAction(c, http.StatusBadRequest, nil, &reviewForms{SignOff: f})
	}
	if err != nil {
		return err
	}
	return c.Redirect(http.StatusSeeOther, actionPath(*plan, c.Param("number"))+"?saved=signoff")
}

// boardSignoffPage lists a board's complete actions awaiting its sign-off in
// every plan, grouped by plan: boards are shared by the plans.
func (a *App) boardSignoffPage(c echo.Context) error {
	ctx := c.Request().Context()
	rev, err := a.revisions(ctx)
	if err != nil {
		return err
	}
	ref, err := a.referenceAt(ctx, rev)
	if err != nil {
		return err
	}
	b, ok := ref.BoardBySlug(c.Param("slug"))
	if !ok {
		return models.ErrNotFound
	}
	q, err := models.AwaitingSignOff(ctx, a.DB, b.ID, models.MaxLimit)
	if err != nil {
		return err
	}
	plans, _, err := a.cachedPlans(ctx, rev)
	if err != nil {
		return err
	}
	u := currentUser(c)
	v := a.view(c, "Awaiting sign-off – "+b.Name, "boards")
	v.Data = signoffData{Board: b, Total: q.Total, Shown: len(q.Actions), More: q.Total > int64(len(q.Actions)), Groups: signoffGroups(q.Actions, plans, b.Slug),
		Member: u.MemberOfBoard(b.ID)}
	return c.Render(http.StatusOK, "signoff", v)
}

// signoffData feeds the sign-off queue.
type signoffData struct {
	Board  models.Board
	Total  int64
	Shown  int
	More   bool // Total is more than the Shown listed
	Groups []signoffGroup
	Member bool
}

// signoffGroup is one plan's part of the queue, with the plan's page of the
// board's signed-off actions.
type signoffGroup struct {
	Plan      string
	SignedOff string
	Rows      []signoffRow
}

type signoffRow struct {
	Number, Href, Text, Lead string
	MarkedComplete           *time.Time
}

// signoffGroups splits the queue (in plan order) into its plans.
func signoffGroups(actions []models.Action, plans []models.Plan, board string) []signoffGroup {
	byID := make(map[uint]models.Plan, len(plans))
	for _, p := range plans {
		byID[p.ID] = p
	}
	var out []signoffGroup
	var cur uint
	for _, act := range actions {
		p := byID[act.PlanID]
		if len(out) == 0 || act.PlanID != cur {
			cur = act.PlanID
			slug := p.Slug
			if p.IsDefault {
				slug = ""
			}
			out = append(out, signoffGroup{Plan: p.Name, SignedOff: fixedPath(slug, "boards", board) + "?signoff=signed_off"})
		}
		r := signoffRow{Number: act.Number, Href: p.ActionPath(act.Number) + "#signoff", Text: act.Text,
			Lead: cmp.Or(act.LeadsText(), act.LeadText), MarkedComplete: act.LastUpdateAt}
		g := &out[len(out)-1]
		g.Rows = append(g.Rows, r)
	}
	return out
}

// SignOffSentence says where a complete action stands with its board:
// "Complete — signed off by X at the SEND Improvement Board on 22 January
// 2025, minute 7.3." or "Complete — awaiting sign-off by the board."
func (d actionData) SignOffSentence() string {
	a := d.Action
	switch {
	case a.Status != models.StatusComplete:
		return ""
	case a.SignedOffAt == nil:
		return "Complete — awaiting sign-off by the board."
	}
	s := d.Activity.SignOff
	if s == nil {
		return "Complete — signed off by " + d.Activity.SignedBy + " on " + a.SignedOffAt.Format("2 January 2006") + "."
	}
	out := "Complete — signed off by " + s.SignedBy
	if s.BoardName != "" {
		out += " at the " + s.BoardName
	}
	out += " on " + s.Meeting().Format("2 January 2006")
	if s.Minute != "" {
		out += ", minute " + s.Minute
	}
	return out + "."
}
