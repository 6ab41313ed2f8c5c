package app

import (
	"context"
	"fmt"
	"net/http"
	"slices"
	"strings"

	"github.com/labstack/echo/v4"

	"sendboard/models"
	"sendboard/models/meeting"
)

// apiMeetingWrite runs write on the meeting in the path with its agenda, for
// a member of the meeting's board or an admin, and answers the meeting as it
// then stands. The refusals are the pages': models/meeting decides them.
func (a *App) apiMeetingWrite(c echo.Context, status int, write func(ctx context.Context, m *meeting.Meeting, items []meeting.Item) error) error {
	m, b, err := a.meetingAndBoard(c)
	if err != nil {
		return err
	}
	if !meeting.CanManage(currentUser(c), b.ID) {
		return models.ErrForbidden
	}
	ctx := c.Request().Context()
	items, err := meeting.Agenda(ctx, a.DB, m, b)
	if err != nil {
		return err
	}
	if err := write(ctx, m, items); err != nil {
		return err
	}
	return a.writeMeeting(c, status, m, b)
}

// apiNewItemRequest is the body of POST /api/v1/meetings/{id}/items: an item
// a member adds, as the meeting page's form takes it.
type apiNewItemRequest struct {
	Title string `json:"title"`
	Link  string `json:"link"`
}

func (a *App) apiAddMeetingItem(c echo.Context) error {
	return a.apiMeetingWrite(c, http.StatusCreated, func(ctx context.Context, m *meeting.Meeting, items []meeting.Item) error {
		var req apiNewItemRequest
		if err := decodeBody(c, &req, "title and link"); err != nil {
			return err
		}
		return meeting.AddItem(ctx, a.DB, currentUser(c), m, items, meeting.ItemInput{Title: req.Title, Link: req.Link}, a.Now())
	})
}

// apiMoveRequest is the body of POST /api/v1/meetings/{id}/items/{item}/move.
type apiMoveRequest struct {
	Direction string `json:"direction"` // "up" or "down"
}

func (a *App) apiMoveMeetingItem(c echo.Context) error {
	return a.apiMeetingWrite(c, http.StatusOK, func(ctx context.Context, m *meeting.Meeting, items []meeting.Item) error {
		var req apiMoveRequest
		if err := decodeBody(c, &req, "direction"); err != nil {
			return err
		}
		if req.Direction != "up" && req.Direction != "down" {
			return models.Invalid("direction", "Direction must be up or down")
		}
		key := c.Param("item")
		if !slices.ContainsFunc(items, func(it meeting.Item) bool { return it.Key() == key }) {
			return models.ErrNotFound
		}
		return meeting.Move(ctx, a.DB, currentUser(c), m, items, key, req.Direction == "up", a.Now())
	})
}

func (a *App) apiCloseMeeting(c echo.Context) error {
	return a.apiMeetingWrite(c, http.StatusOK, func(ctx context.Context, m *meeting.Meeting, items []meeting.Item) error {
		if err := decodeOptionalBody(c, &struct{}{}, "none: send an empty body or {}"); err != nil {
			return err
		}
		return meeting.Close(ctx, a.DB, currentUser(c), m, items, a.Now())
	})
}

// apiCorrectionRequest is the body of POST /api/v1/meetings/{id}/corrections.
type apiCorrectionRequest struct {
	Item   string `json:"item"` // the agenda item's key
	Note   string `json:"note"`
	Reason string `json:"reason"`
}

func (a *App) apiCorrectMinutes(c echo.Context) error {
	return a.apiMeetingWrite(c, http.StatusCreated, func(ctx context.Context, m *meeting.Meeting, items []meeting.Item) error {
		var req apiCorrectionRequest
		if err := decodeBody(c, &req, "item, note and reason"); err != nil {
			return err
		}
		in := meeting.CorrectionInput{Item: req.Item, Note: req.Note, Reason: req.Reason}
		return meeting.Correct(ctx, a.DB, currentUser(c), m, items, in, a.Now())
	})
}

// apiMinutesRequest is the body of PUT /api/v1/meetings/{id}/minutes: the
// whole of the minutes the page's form holds, in GET's shape. Attendance is
// by name: a name of a board member records that member, any other name is
// recorded as typed. An item left out of notes has no note, as a blank box
// on the page.
type apiMinutesRequest struct {
	Attendance *apiAttendance    `json:"attendance"`
	Notes      *[]apiMinutesNote `json:"notes"`
}

// apiMinutesNote is the note minuted against one agenda item.
type apiMinutesNote struct {
	Item string `json:"item"` // the agenda item's key
	Note string `json:"note"`
}

func (a *App) apiSaveMinutes(c echo.Context) error {
	return a.apiMeetingWrite(c, http.StatusOK, func(ctx context.Context, m *meeting.Meeting, items []meeting.Item) error {
		var req apiMinutesRequest
		if err := decodeBody(c, &req, "attendance and notes"); err != nil {
			return err
		}
		switch {
		case req.Attendance == nil:
			return models.Invalid("attendance", "Give attendance: who was present and who sent apologies (lists may be empty)")
		case req.Notes == nil:
			return models.Invalid("notes", "Give the notes against the agenda items (the list may be empty)")
		}
		rec, err := meeting.ReadRecord(ctx, a.DB, m)
		if err != nil {
			return err
		}
		in, noteAt, err := minutesInput(req, items, rec.Members)
		if err != nil {
			return err
		}
		err = meeting.SaveMinutes(ctx, a.DB, currentUser(c), m, items, in, a.Now())
		return renameFields(err, func(f string) string {
			switch f {
			case "present", "others_present":
				return "attendance.present"
			case "apologies", "other_apologies":
				return "attendance.apologies"
			}
			if key, ok := strings.CutPrefix(f, "note-"); ok {
				return fmt.Sprintf("notes[%d].note", noteAt[key])
			}
			return f
		})
	})
}

// minutesInput turns the API's minutes into the form's, and says where in
// notes each item's note was given.
func minutesInput(req apiMinutesRequest, items []meeting.Item, members []meeting.Member) (meeting.MinutesInput, map[string]int, error) {
	in := meeting.MinutesInput{Notes: make(map[string]string, len(items))}
	for _, it := range items {
		in.Notes[it.Key()] = ""
	}
	noteAt := map[string]int{}
	for i, n := range *req.Notes {
		if _, ok := in.Notes[n.Item]; !ok {
			return in, nil, models.Invalid(fmt.Sprintf("notes[%d].item", i), "No item %q on the agenda; use an item's key from the meeting", n.Item)
		}
		if _, twice := noteAt[n.Item]; twice {
			return in, nil, models.Invalid(fmt.Sprintf("notes[%d].item", i), "The item %q is given twice; give each item's note once", n.Item)
		}
		noteAt[n.Item] = i
		in.Notes[n.Item] = n.Note
	}
	used := map[uint]bool{}
	for _, list := range []struct {
		field  string
		names  []string
		ids    *[]uint
		others *string
	}{
		{"attendance.present", req.Attendance.Present, &in.Present, &in.OthersPresent},
		{"attendance.apologies", req.Attendance.Apologies, &in.Apologies, &in.OtherApologies},
	} {
		var others []string
		for i, name := range list.names {
			name = strings.TrimSpace(name)
			switch {
			case name == "":
				return in, nil, models.Invalid(fmt.Sprintf("%s[%d]", list.field, i), "Enter a name")
			case strings.ContainsAny(name, "\r\n"):
				return in, nil, models.Invalid(fmt.Sprintf("%s[%d]", list.field, i), "A name must be on one line")
			}
			if id, ok := memberNamed(members, name, used); ok {
				*list.ids = append(*list.ids, id)
				continue
			}
			others = append(others, name)
		}
		*list.others = strings.Join(others, "\n")
	}
	return in, noteAt, nil
}

// memberNamed is the board member called name not yet taken, so two members
// of one name are both recorded when the name is given twice; once all are
// taken it is the first again, which the minutes refuse as given twice.
func memberNamed(members []meeting.Member, name string, used map[uint]bool) (uint, bool) {
	first := uint(0)
	for _, mem := range members {
		if mem.Name != name {
			continue
		}
		if !used[mem.ID] {
			used[mem.ID] = true
			return mem.ID, true
		}
		if first == 0 {
			first = mem.ID
		}
	}
	return first, first != 0
}

// renameFields names the fields of a validation error as the API's body
// does; other errors pass as they are.
func renameFields(err error, rename func(string) string) error {
	if fe, ok := models.AsFieldErrors(err); ok {
		out := make(models.FieldErrors, len(fe))
		for i, e := range fe {
			out[i] = &models.InvalidError{Field: rename(e.Field), Message: e.Message}
		}
		return out
	}
	if ie, ok := models.IsInvalid(err); ok {
		return &models.InvalidError{Field: rename(ie.Field), Message: ie.Message}
	}
	return err
}
