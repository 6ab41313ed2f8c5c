package app

import (
	"net/http"

	"github.com/labstack/echo/v4"

	"sendboard/models"
	"sendboard/models/meeting"
)

// apiMeetingSummary is a meeting as the board's list shows it.
type apiMeetingSummary struct {
	ID     uint   `json:"id"`
	Board  string `json:"board"`
	Date   string `json:"date"`
	Status string `json:"status"`
}

// apiAgendaItem is one agenda item with its minuted note. Key names it to
// the writes: moving it, minuting it, correcting its note.
type apiAgendaItem struct {
	Key   string  `json:"key"`
	Kind  string  `json:"kind"`
	Title string  `json:"title"`
	Link  *string `json:"link"`
	Note  string  `json:"note"`
}

// apiAttendance is who came and who sent apologies.
type apiAttendance struct {
	Present   []string `json:"present"`
	Apologies []string `json:"apologies"`
}

// apiMeetingDecision is a decision taken at the meeting.
type apiMeetingDecision struct {
	ID       uint    `json:"id"`
	Question string  `json:"question"`
	Decision string  `json:"decision"`
	Minute   *string `json:"minute"`
}

// apiMeetingSignOff is a sign-off given at the meeting.
type apiMeetingSignOff struct {
	Plan     string  `json:"plan"`
	Action   string  `json:"action"`
	SignedBy string  `json:"signed_by"`
	Minute   *string `json:"minute"`
}

// apiCorrection is a change made to the minutes after closing.
type apiCorrection struct {
	Item   string `json:"item"`
	Before string `json:"before"`
	After  string `json:"after"`
	Reason string `json:"reason"`
	By     string `json:"by"`
}

// apiMeeting is a meeting with its agenda and minutes.
type apiMeeting struct {
	apiMeetingSummary
	Agenda       []apiAgendaItem      `json:"agenda"`
	Attendance   apiAttendance        `json:"attendance"`
	Decisions    []apiMeetingDecision `json:"decisions"`
	SignOffs     []apiMeetingSignOff  `json:"signoffs"`
	BoardActions []apiBoardAction     `json:"board_actions"`
	Corrections  []apiCorrection      `json:"corrections"`
}

func (a *App) apiListMeetings(c echo.Context) error {
	b, err := a.pathBoard(c)
	if err != nil {
		return err
	}
	ms, total, err := meeting.List(c.Request().Context(), a.DB, b.ID, meetingsShown)
	if err != nil {
		return err
	}
	out := make([]apiMeetingSummary, len(ms))
	for i, m := range ms {
		out[i] = apiMeetingSummary{ID: m.ID, Board: b.Slug, Date: m.Date, Status: m.Status}
	}
	return c.JSON(http.StatusOK, map[string]any{"meetings": out, "total": total})
}

// apiOpenMeetingRequest is the body of POST /api/v1/boards/{slug}/meetings.
type apiOpenMeetingRequest struct {
	Date string `json:"date"` // YYYY-MM-DD
}

func (a *App) apiOpenMeeting(c echo.Context) error {
	b, err := a.pathBoard(c)
	if err != nil {
		return err
	}
	if !meeting.CanManage(currentUser(c), b.ID) {
		return models.ErrForbidden
	}
	var req apiOpenMeetingRequest
	if err := decodeBody(c, &req, "date"); err != nil {
		return err
	}
	day, err := isoParts("date", req.Date)
	if err != nil {
		return err
	}
	m, err := meeting.Open(c.Request().Context(), a.DB, currentUser(c), b, day, a.Now())
	if err != nil {
		return err
	}
	return a.writeMeeting(c, http.StatusCreated, m, b)
}

func (a *App) apiGetMeeting(c echo.Context) error {
	m, b, err := a.meetingAndBoard(c)
	if err != nil {
		return err
	}
	return a.writeMeeting(c, http.StatusOK, m, b)
}

// writeMeeting answers with the meeting, its agenda and minutes.
func (a *App) writeMeeting(c echo.Context, status int, m *meeting.Meeting, b models.Board) error {
	ctx := c.Request().Context()
	items, err := meeting.Agenda(ctx, a.DB, m, b)
	if err != nil {
		return err
	}
	rec, err := meeting.ReadRecord(ctx, a.DB, m)
	if err != nil {
		return err
	}
	out := apiMeeting{apiMeetingSummary: apiMeetingSummary{ID: m.ID, Board: b.Slug, Date: m.Date, Status: m.Status},
		Agenda: make([]apiAgendaItem, len(items)), Attendance: apiAttendance{Present: []string{}, Apologies: []string{}},
		Decisions: []apiMeetingDecision{}, SignOffs: []apiMeetingSignOff{}, BoardActions: []apiBoardAction{}, Corrections: []apiCorrection{}}
	for i, it := range items {
		out.Agenda[i] = apiAgendaItem{Key: it.Key(), Kind: it.Kind, Title: it.Title, Link: optional(it.Link), Note: it.Note}
	}
	out.Attendance.Present = append(out.Attendance.Present, rec.Names(meeting.Present)...)
	out.Attendance.Apologies = append(out.Attendance.Apologies, rec.Names(meeting.Apologies)...)
	for _, d := range rec.Decisions {
		out.Decisions = append(out.Decisions, apiMeetingDecision{ID: d.ID, Question: d.Question, Decision: d.Decision, Minute: optional(d.Minute)})
	}
	for _, s := range rec.SignOffs {
		out.SignOffs = append(out.SignOffs, apiMeetingSignOff{Plan: s.PlanSlug, Action: s.ActionNumber, SignedBy: s.SignedBy, Minute: optional(s.Minute)})
	}
	for _, ba := range rec.BoardActions {
		out.BoardActions = append(out.BoardActions, toAPIBoardAction(ba))
	}
	for _, cr := range rec.Corrections {
		out.Corrections = append(out.Corrections, apiCorrection{Item: cr.Part, Before: cr.BeforeText, After: cr.AfterText, Reason: cr.Reason, By: cr.UserName})
	}
	return c.JSON(status, out)
}
