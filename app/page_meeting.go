package app

import (
	"errors"
	"net/http"
	"net/url"
	"strconv"

	"github.com/labstack/echo/v4"

	"sendboard/models"
	"sendboard/models/meeting"
)

// meetingForm is what was typed into one of the meeting page's forms, kept
// when it is refused.
type meetingForm struct {
	Kind       string // "minutes", "item" or "correction"
	Minutes    meeting.MinutesInput
	Item       meeting.ItemInput
	Correction meeting.CorrectionInput
	Errors     map[string]string
	Refused    string // why the change was refused, for a closed meeting
}

// agendaRow is an agenda item as the page lists it.
type agendaRow struct {
	meeting.Item
	N           int
	First, Last bool
	NoteField   formField
}

// meetingData feeds a meeting's page.
type meetingData struct {
	Board            models.Board
	M                *meeting.Meeting
	Agenda           []agendaRow
	Record           *meeting.Record
	CanManage        bool
	Editable         bool // CanManage and the meeting open
	RoundHref        string
	PackHref         string
	Attendance       []formField
	ItemFields       []formField
	CorrectionFields []formField
	Summary          errorSummary
}

// meetingAndBoard is the meeting named by the path's :id with its board.
func (a *App) meetingAndBoard(c echo.Context) (*meeting.Meeting, models.Board, error) {
	id, err := pathID(c)
	if err != nil {
		return nil, models.Board{}, err
	}
	ctx := c.Request().Context()
	m, err := meeting.Find(ctx, a.DB, id)
	if err != nil {
		return nil, models.Board{}, err
	}
	ref, err := a.reference(ctx)
	if err != nil {
		return nil, models.Board{}, err
	}
	for _, b := range ref.Boards {
		if b.ID == m.BoardID {
			return m, b, nil
		}
	}
	return nil, models.Board{}, models.ErrNotFound
}

func (a *App) meetingPage(c echo.Context) error {
	return a.renderMeeting(c, http.StatusOK, meetingForm{})
}

func (a *App) renderMeeting(c echo.Context, status int, f meetingForm) error {
	ctx := c.Request().Context()
	m, b, err := a.meetingAndBoard(c)
	if err != nil {
		return err
	}
	items, err := meeting.Agenda(ctx, a.DB, m, b)
	if err != nil {
		return err
	}
	rec, err := meeting.ReadRecord(ctx, a.DB, m)
	if err != nil {
		return err
	}
	u := currentUser(c)
	d := meetingData{Board: b, M: m, Record: rec, CanManage: meeting.CanManage(u, b.ID)}
	d.Editable = d.CanManage && !m.Closed()
	day := m.Day()
	d.RoundHref = "/rounds?" + url.Values{"board": {b.Slug}, "meeting-day": {strconv.Itoa(day.Day())},
		"meeting-month": {strconv.Itoa(int(day.Month()))}, "meeting-year": {strconv.Itoa(day.Year())}}.Encode() + "#open"
	d.PackHref = "/packs?" + url.Values{"board": {b.Slug}, "quarter": {models.QuarterOf(day).String()}}.Encode()
	e := f.Errors
	edited := f.Kind == "minutes"
	for i, it := range items {
		note := it.Note
		if edited {
			note = f.Minutes.Notes[it.Key()]
		}
		d.Agenda = append(d.Agenda, agendaRow{Item: it, N: i + 1, First: i == 0, Last: i == len(items)-1,
			NoteField: formField{Name: "note-" + it.Key(), Label: "What was said / what we will do: " + it.Title, Type: "textarea", Value: note, Error: e["note-"+it.Key()]}})
	}
	var present, apologies []option
	for _, mem := range rec.Members {
		id := strconv.FormatUint(uint64(mem.ID), 10)
		p, ap := rec.Marked(mem.ID, meeting.Present), rec.Marked(mem.ID, meeting.Apologies)
		if edited {
			p, ap = containsID(f.Minutes.Present, mem.ID), containsID(f.Minutes.Apologies, mem.ID)
		}
		present = append(present, option{Value: id, Label: mem.Name, Selected: p})
		apologies = append(apologies, option{Value: id, Label: mem.Name, Selected: ap})
	}
	othersPresent, otherApologies := rec.Others(meeting.Present), rec.Others(meeting.Apologies)
	if edited {
		othersPresent, otherApologies = f.Minutes.OthersPresent, f.Minutes.OtherApologies
	}
	if len(rec.Members) > 0 {
		d.Attendance = append(d.Attendance,
			formField{Name: "present", Label: "Board members present", Type: "checkboxes", Options: present, Error: e["present"]},
			formField{Name: "apologies", Label: "Board members sending apologies", Type: "checkboxes", Options: apologies, Error: e["apologies"]})
	}
	d.Attendance = append(d.Attendance,
		formField{Name: "others_present", Label: "Others present (optional)", Hint: "One name a line, with their role if it helps", Type: "textarea", Value: othersPresent, Error: e["others_present"]},
		formField{Name: "other_apologies", Label: "Other apologies (optional)", Hint: "One name a line", Type: "textarea", Value: otherApologies, Error: e["other_apologies"]})
	d.ItemFields = []formField{
		{Name: "title", Label: "Item", Hint: "For example, SENDIASS annual report", Value: f.Item.Title, Error: e["title"]},
		{Name: "link", Label: "Link (optional)", Hint: "A page of sendboard, starting /, or a web address", Value: f.Item.Link, Error: e["link"]},
	}
	itemOpts := []option{{Value: "", Label: "Choose an item"}}
	for _, it := range items {
		itemOpts = append(itemOpts, option{Value: it.Key(), Label: it.Title, Selected: it.Key() == f.Correction.Item})
	}
	d.CorrectionFields = []formField{
		{Name: "item", Label: "Item whose note is corrected", Type: "select", Options: itemOpts, Error: e["item"]},
		{Name: "note", Label: "Corrected note", Hint: "The whole note as it should read", Type: "textarea", Value: f.Correction.Note, Error: e["note"]},
		{Name: "reason", Label: "Reason for the correction", Hint: "For example, agreed at the next meeting: the date was wrong", Type: "textarea", Value: f.Correction.Reason, Error: e["reason"]},
	}
	order := []string{"present", "apologies", "others_present", "other_apologies"}
	for _, it := range items {
		order = append(order, "note-"+it.Key())
	}
	order = append(order, "title", "link", "item", "note", "reason")
	d.Summary = summaryOf(e, order, meetingAnchor)
	if f.Refused != "" {
		d.Summary = errorSummary{Intro: f.Refused}
	}
	v := a.view(c, "Meeting of "+models.HumanDate(m.Date)+" – "+b.Name, "boards")
	switch c.QueryParam("saved") {
	case "opened":
		v.Flash = "Meeting opened. Its agenda has been assembled from what is due for the board."
	case "minutes":
		v.Flash = "Minutes saved."
	case "item":
		v.Flash = "Item added to the agenda."
	case "moved":
		v.Flash = "Agenda reordered."
	case "closed":
		v.Flash = "Meeting closed. Its minutes are locked; changes are made as corrections."
	case "corrected":
		v.Flash = "Correction recorded."
	}
	v.Data = d
	return c.Render(status, "meeting", v)
}

// meetingAnchor links a summary line to its field: a checkbox group to its
// first box.
func meetingAnchor(field string) string {
	if field == "present" || field == "apologies" {
		return "f-" + field + "-0"
	}
	return "f-" + field
}

func containsID(ids []uint, id uint) bool {
	for _, x := range ids {
		if x == id {
			return true
		}
	}
	return false
}

// formIDs reads the ticked ids of a checkbox group; anything not a number
// is dropped, as no member has it.
func formIDs(c echo.Context, name string) []uint {
	params, _ := c.FormParams()
	var out []uint
	for _, s := range params[name] {
		if n, err := strconv.ParseUint(s, 10, 64); err == nil && n > 0 {
			out = append(out, uint(n))
		}
	}
	return out
}

// meetingWrite runs write on the meeting in the path with its agenda, then
// redirects to the page with saved, or shows the page again with what was
// typed and the problems (400), or the refusal of a locked meeting (409).
func (a *App) meetingWrite(c echo.Context, f meetingForm, saved string, write func(m *meeting.Meeting, items []meeting.Item) error) error {
	m, b, err := a.meetingAndBoard(c)
	if err != nil {
		return err
	}
	if !meeting.CanManage(currentUser(c), b.ID) {
		return models.ErrForbidden
	}
	items, err := meeting.Agenda(c.Request().Context(), a.DB, m, b)
	if err != nil {
		return err
	}
	err = write(m, items)
	if errs, ok := fieldErrors(err); ok {
		f.Errors = errs
		return a.renderMeeting(c, http.StatusBadRequest, f)
	}
	var ce *models.ConflictError
	if errors.As(err, &ce) {
		f.Refused = ce.Message
		return a.renderMeeting(c, http.StatusConflict, f)
	}
	if err != nil {
		return err
	}
	anchor := map[string]string{"minutes": "#minutes", "item": "#agenda", "moved": "#agenda", "corrected": "#corrections"}[saved]
	return c.Redirect(http.StatusSeeOther, "/meetings/"+strconv.FormatUint(uint64(m.ID), 10)+"?saved="+saved+anchor)
}

func (a *App) meetingMinutesSubmit(c echo.Context) error {
	params, err := c.FormParams()
	if err != nil {
		return err
	}
	in := meeting.MinutesInput{Present: formIDs(c, "present"), Apologies: formIDs(c, "apologies"),
		OthersPresent: c.FormValue("others_present"), OtherApologies: c.FormValue("other_apologies"), Notes: map[string]string{}}
	for k, v := range params {
		if len(k) > 5 && k[:5] == "note-" && len(v) > 0 {
			in.Notes[k[5:]] = v[0]
		}
	}
	return a.meetingWrite(c, meetingForm{Kind: "minutes", Minutes: in}, "minutes", func(m *meeting.Meeting, items []meeting.Item) error {
		return meeting.SaveMinutes(c.Request().Context(), a.DB, currentUser(c), m, items, in, a.Now())
	})
}

func (a *App) meetingItemSubmit(c echo.Context) error {
	in := meeting.ItemInput{Title: c.FormValue("title"), Link: c.FormValue("link")}
	return a.meetingWrite(c, meetingForm{Kind: "item", Item: in}, "item", func(m *meeting.Meeting, items []meeting.Item) error {
		return meeting.AddItem(c.Request().Context(), a.DB, currentUser(c), m, items, in, a.Now())
	})
}

func (a *App) meetingMoveSubmit(c echo.Context) error {
	key, up := c.FormValue("item"), c.FormValue("dir") == "up"
	return a.meetingWrite(c, meetingForm{}, "moved", func(m *meeting.Meeting, items []meeting.Item) error {
		return meeting.Move(c.Request().Context(), a.DB, currentUser(c), m, items, key, up, a.Now())
	})
}

func (a *App) meetingCloseSubmit(c echo.Context) error {
	return a.meetingWrite(c, meetingForm{}, "closed", func(m *meeting.Meeting, items []meeting.Item) error {
		return meeting.Close(c.Request().Context(), a.DB, currentUser(c), m, items, a.Now())
	})
}

func (a *App) meetingCorrectionSubmit(c echo.Context) error {
	in := meeting.CorrectionInput{Item: c.FormValue("item"), Note: c.FormValue("note"), Reason: c.FormValue("reason")}
	return a.meetingWrite(c, meetingForm{Kind: "correction", Correction: in}, "corrected", func(m *meeting.Meeting, items []meeting.Item) error {
		return meeting.Correct(c.Request().Context(), a.DB, currentUser(c), m, items, in, a.Now())
	})
}
