package app_test

import (
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"testing"

	"sendboard/app/apptest"
	"sendboard/models"
	"sendboard/models/meeting"
	"sendboard/models/modeltest"
)

// apiWrite sends a write and insists on its status; for a refusal with a
// field it insists on the field too, and answers the body.
func apiWrite(t *testing.T, env *apptest.Env, c *apptest.Client, method, path, body string, want int, field string) string {
	t.Helper()
	rec := env.API(c, method, path, body)
	if rec.Code != want {
		t.Fatalf("%s %s %s = %d, want %d: %.300s", method, path, body, rec.Code, want, rec.Body.String())
	}
	if field != "" {
		var e apiErrorBody
		if err := json.Unmarshal(rec.Body.Bytes(), &e); err != nil || e.Field != field || e.Error == "" {
			t.Errorf("%s %s %s: error %+v, want one naming %q", method, path, body, e, field)
		}
	}
	return rec.Body.String()
}

// meetingKeys is GET /api/v1/meetings/{id}'s agenda as keys and titles.
type meetingKeys struct {
	Status string `json:"status"`
	Agenda []struct {
		Key, Kind, Title, Note string
		Link                   *string
	} `json:"agenda"`
}

func agendaKeys(t *testing.T, env *apptest.Env, c *apptest.Client, id uint) meetingKeys {
	t.Helper()
	var m meetingKeys
	apiGet(t, env, c, fmt.Sprintf("/api/v1/meetings/%d", id), http.StatusOK, &m)
	return m
}

func keyIndex(m meetingKeys, key string) int {
	return slices.IndexFunc(m.Agenda, func(it struct {
		Key, Kind, Title, Note string
		Link                   *string
	}) bool {
		return it.Key == key
	})
}

// TestMeetingAPIAgendaWrites adds an item and moves it through the API, with
// the refusals: a field named for each bad value, 404 for an unknown meeting
// or item, 403 for another board's member and a viewer, nothing changed by
// any of them.
func TestMeetingAPIAgendaWrites(t *testing.T) {
	t.Parallel()
	apptest.Each(t, func(t *testing.T, env *apptest.Env, d modeltest.DB) {
		pinNow(env)
		member := env.SignInBoard(t, "SEND Improvement Board")
		elsewhere := env.SignInBoard(t, "SEND Health Forum")
		viewer := env.SignIn(t, models.RoleViewer)
		id := openMeeting(t, env, member, "2026-04-22")
		base := fmt.Sprintf("/api/v1/meetings/%d", id)
		before := agendaKeys(t, env, member, id)

		item := `{"title":"Hubs → Łódź ≥ 2","link":"/boards/` + sib + `"}`
		apiWrite(t, env, elsewhere, "POST", base+"/items", item, http.StatusForbidden, "")
		apiWrite(t, env, viewer, "POST", base+"/items", item, http.StatusForbidden, "")
		apiWrite(t, env, member, "POST", "/api/v1/meetings/999999/items", item, http.StatusNotFound, "")
		apiWrite(t, env, member, "POST", base+"/items", `{"title":"  "}`, http.StatusBadRequest, "title")
		apiWrite(t, env, member, "POST", base+"/items", `{"title":"Ŵ","link":"javascript:alert(1)"}`, http.StatusBadRequest, "link")
		apiWrite(t, env, member, "POST", base+"/items", `{"title":"`+strings.Repeat("ı", meeting.MaxTitle+1)+`"}`, http.StatusBadRequest, "title")
		apiWrite(t, env, member, "POST", base+"/items", `{"title":"Ŵ","kind":"risk"}`, http.StatusBadRequest, "body")
		if got := agendaKeys(t, env, member, id); len(got.Agenda) != len(before.Agenda) {
			t.Fatalf("refused items changed the agenda: %d items, was %d", len(got.Agenda), len(before.Agenda))
		}

		var added meetingKeys
		if err := json.Unmarshal([]byte(apiWrite(t, env, member, "POST", base+"/items", item, http.StatusCreated, "")), &added); err != nil {
			t.Fatal(err)
		}
		last := added.Agenda[len(added.Agenda)-1]
		if len(added.Agenda) != len(before.Agenda)+1 || last.Kind != "item" || last.Title != "Hubs → Łódź ≥ 2" ||
			last.Link == nil || *last.Link != "/boards/"+sib || !strings.HasPrefix(last.Key, "item-") {
			t.Fatalf("the added item: %+v", last)
		}

		move := base + "/items/" + last.Key + "/move"
		apiWrite(t, env, elsewhere, "POST", move, `{"direction":"up"}`, http.StatusForbidden, "")
		apiWrite(t, env, member, "POST", move, `{"direction":"sideways"}`, http.StatusBadRequest, "direction")
		apiWrite(t, env, member, "POST", move, `{}`, http.StatusBadRequest, "direction")
		apiWrite(t, env, member, "POST", base+"/items/item-999999/move", `{"direction":"up"}`, http.StatusNotFound, "")
		apiWrite(t, env, member, "POST", "/api/v1/meetings/999999/items/"+last.Key+"/move", `{"direction":"up"}`, http.StatusNotFound, "")
		if got := agendaKeys(t, env, member, id); keyIndex(got, last.Key) != len(got.Agenda)-1 {
			t.Fatalf("a refused move moved the item to %d", keyIndex(got, last.Key))
		}
		apiWrite(t, env, member, "POST", move, `{"direction":"up"}`, http.StatusOK, "")
		got := agendaKeys(t, env, viewer, id)
		if i := keyIndex(got, last.Key); i != len(got.Agenda)-2 {
			t.Errorf("moved up, the item is at %d of %d", i, len(got.Agenda))
		}
		apiWrite(t, env, member, "POST", move, `{"direction":"down"}`, http.StatusOK, "")
		if got := agendaKeys(t, env, viewer, id); keyIndex(got, last.Key) != len(got.Agenda)-1 {
			t.Errorf("moved back down, the item is at %d", keyIndex(got, last.Key))
		}

		var audits []string
		d.DB.Model(&models.AuditEntry{}).Where("kind = ? AND subject = ? AND field = ?", "meeting", fmt.Sprintf("meeting %d", id), "agenda").
			Order("id").Pluck("after_value", &audits)
		if len(audits) != 3 || audits[0] != "item added: Hubs → Łódź ≥ 2" || !strings.HasPrefix(audits[1], "moved up") {
			t.Errorf("the agenda's audit: %q", audits)
		}
	})
}

// TestMeetingAPIAddedItemsAreBounded fills a meeting with as many added
// items as an agenda takes of one kind; the next is refused through the API
// and the page alike, and nothing is added.
func TestMeetingAPIAddedItemsAreBounded(t *testing.T) {
	t.Parallel()
	apptest.Each(t, func(t *testing.T, env *apptest.Env, d modeltest.DB) {
		pinNow(env)
		member := env.SignInBoard(t, "SEND Improvement Board")
		id := openMeeting(t, env, member, "2026-04-22")
		rows := make([]meeting.StoredItem, meeting.MaxPerKind-1)
		for i := range rows {
			pos := 100 + i
			rows[i] = meeting.StoredItem{MeetingID: id, Kind: meeting.KindAdded, Ref: fmt.Sprint(900000 + i), Title: fmt.Sprintf("Item %d → Ł", i), Position: &pos}
		}
		if err := d.DB.Create(&rows).Error; err != nil {
			t.Fatal(err)
		}
		base := fmt.Sprintf("/api/v1/meetings/%d/items", id)
		apiWrite(t, env, member, "POST", base, `{"title":"The last one ≥ fits"}`, http.StatusCreated, "")
		body := apiWrite(t, env, member, "POST", base, `{"title":"One too many"}`, http.StatusConflict, "")
		if !strings.Contains(body, fmt.Sprint(meeting.MaxPerKind)) {
			t.Errorf("the refusal does not say the bound: %s", body)
		}
		if rec := env.PostForm(member, fmt.Sprintf("/meetings/%d/items", id), url.Values{"title": {"One too many"}}); rec.Code != http.StatusConflict {
			t.Errorf("the page's add past the bound: %d, want 409", rec.Code)
		}
		var n int64
		d.DB.Model(&meeting.StoredItem{}).Where("meeting_id = ? AND kind = ?", id, meeting.KindAdded).Count(&n)
		if n != meeting.MaxPerKind {
			t.Errorf("%d added items, want %d", n, meeting.MaxPerKind)
		}
	})
}

// TestMeetingAPIMinutesCloseAndCorrect records the minutes through the API
// (a board member by name, others as given, a note), closes the meeting and
// corrects a note, with the refusals of each: fields named, 409 once closed
// and for a correction while open, 403 for another board's member.
func TestMeetingAPIMinutesCloseAndCorrect(t *testing.T) {
	t.Parallel()
	apptest.Each(t, func(t *testing.T, env *apptest.Env, d modeltest.DB) {
		pinNow(env)
		member := env.SignInBoard(t, "SEND Improvement Board")
		colleague := env.SignInBoard(t, "SEND Improvement Board")
		elsewhere := env.SignInBoard(t, "SEND Health Forum")
		if err := d.DB.Model(&models.User{}).Where("id = ?", colleague.User.ID).Update("name", "Łucja Ŵyn").Error; err != nil {
			t.Fatal(err)
		}
		id := openMeeting(t, env, member, "2026-04-22")
		base := fmt.Sprintf("/api/v1/meetings/%d", id)
		minutes := `{"attendance":{"present":["Łucja Ŵyn","Ελένη → guest"],"apologies":["` + member.User.Name + `","Yılmaz"]},
			"notes":[{"item":"apologies-0","note":"Apologies noted ≥ quorum"}]}`

		apiWrite(t, env, elsewhere, "PUT", base+"/minutes", minutes, http.StatusForbidden, "")
		apiWrite(t, env, member, "PUT", "/api/v1/meetings/999999/minutes", minutes, http.StatusNotFound, "")
		apiWrite(t, env, member, "PUT", base+"/minutes", `{"notes":[]}`, http.StatusBadRequest, "attendance")
		apiWrite(t, env, member, "PUT", base+"/minutes", `{"attendance":{}}`, http.StatusBadRequest, "notes")
		apiWrite(t, env, member, "PUT", base+"/minutes", `{"attendance":{},"notes":[{"item":"risk-999999","note":"Ŵ"}]}`, http.StatusBadRequest, "notes[0].item")
		apiWrite(t, env, member, "PUT", base+"/minutes", `{"attendance":{},"notes":[{"item":"apologies-0","note":"a"},{"item":"apologies-0","note":"b"}]}`,
			http.StatusBadRequest, "notes[1].item")
		apiWrite(t, env, member, "PUT", base+"/minutes", `{"attendance":{},"notes":[{"item":"apologies-0","note":"`+strings.Repeat("ŵ", meeting.MaxNote+1)+`"}]}`,
			http.StatusBadRequest, "notes[0].note")
		apiWrite(t, env, member, "PUT", base+"/minutes", `{"attendance":{"present":["Łucja Ŵyn"],"apologies":["Łucja Ŵyn"]},"notes":[]}`,
			http.StatusBadRequest, "attendance.apologies")
		apiWrite(t, env, member, "PUT", base+"/minutes", `{"attendance":{"present":["Ł","  "]},"notes":[]}`, http.StatusBadRequest, "attendance.present[1]")
		apiWrite(t, env, member, "PUT", base+"/minutes", `{"attendance":{"apologies":["`+strings.Repeat("ı", meeting.MaxName+1)+`"]},"notes":[]}`,
			http.StatusBadRequest, "attendance.apologies")
		if n := countRows(d, &meeting.Attendee{}, id); n != 0 {
			t.Fatalf("refused minutes recorded %d attendees", n)
		}

		apiWrite(t, env, member, "PUT", base+"/minutes", minutes, http.StatusOK, "")
		m := getMeeting(t, env, elsewhere, id)
		if !slices.Equal(m.Attendance.Present, []string{"Łucja Ŵyn", "Ελένη → guest"}) || !slices.Equal(m.Attendance.Apologies, []string{member.User.Name, "Yılmaz"}) ||
			m.Agenda[0].Note != "Apologies noted ≥ quorum" {
			t.Fatalf("minutes read back: %+v %q", m.Attendance, m.Agenda[0].Note)
		}
		var byMember []string
		d.DB.Model(&meeting.Attendee{}).Where("meeting_id = ? AND user_id IS NOT NULL", id).Order("name").Pluck("name", &byMember)
		if !slices.Equal(byMember, []string{"Łucja Ŵyn", member.User.Name}) && !slices.Equal(byMember, []string{member.User.Name, "Łucja Ŵyn"}) {
			t.Errorf("the board's members recorded as members: %q", byMember)
		}
		// The minutes are the whole of them: a second save replaces both.
		apiWrite(t, env, member, "PUT", base+"/minutes", `{"attendance":{"present":["Łucja Ŵyn"]},"notes":[]}`, http.StatusOK, "")
		if m := getMeeting(t, env, member, id); len(m.Attendance.Present) != 1 || len(m.Attendance.Apologies) != 0 || m.Agenda[0].Note != "" {
			t.Errorf("second minutes: %+v %q", m.Attendance, m.Agenda[0].Note)
		}
		apiWrite(t, env, member, "PUT", base+"/minutes", minutes, http.StatusOK, "")

		correction := `{"item":"apologies-0","note":"Apologies from Yılmaz → noted","reason":"Agreed at the next meeting ≥ quorum"}`
		apiWrite(t, env, member, "POST", base+"/corrections", correction, http.StatusConflict, "")
		apiWrite(t, env, elsewhere, "POST", base+"/close", "", http.StatusForbidden, "")
		apiWrite(t, env, member, "POST", base+"/close", `{"now":true}`, http.StatusBadRequest, "body")
		if body := apiWrite(t, env, member, "POST", base+"/close", "", http.StatusOK, ""); !strings.Contains(body, `"status":"closed"`) {
			t.Fatalf("close answered %s", body)
		}
		apiWrite(t, env, member, "POST", base+"/close", `{}`, http.StatusConflict, "")
		apiWrite(t, env, member, "PUT", base+"/minutes", minutes, http.StatusConflict, "")
		apiWrite(t, env, member, "POST", base+"/items", `{"title":"Late"}`, http.StatusConflict, "")
		apiWrite(t, env, member, "POST", base+"/items/apologies-0/move", `{"direction":"down"}`, http.StatusConflict, "")
		apiWrite(t, env, member, "POST", "/api/v1/meetings/999999/close", "", http.StatusNotFound, "")

		apiWrite(t, env, elsewhere, "POST", base+"/corrections", correction, http.StatusForbidden, "")
		apiWrite(t, env, member, "POST", "/api/v1/meetings/999999/corrections", correction, http.StatusNotFound, "")
		apiWrite(t, env, member, "POST", base+"/corrections", `{"item":"apologies-0","note":"Ŵ","reason":"  "}`, http.StatusBadRequest, "reason")
		apiWrite(t, env, member, "POST", base+"/corrections", `{"item":"risk-999999","note":"Ŵ","reason":"Ł"}`, http.StatusBadRequest, "item")
		apiWrite(t, env, member, "POST", base+"/corrections", `{"item":"apologies-0","note":"Apologies noted ≥ quorum","reason":"Ł"}`, http.StatusBadRequest, "note")
		apiWrite(t, env, member, "POST", base+"/corrections", correction, http.StatusCreated, "")
		m = getMeeting(t, env, elsewhere, id)
		if m.Status != "closed" || m.Agenda[0].Note != "Apologies from Yılmaz → noted" || len(m.Corrections) != 1 ||
			m.Corrections[0].Before != "Apologies noted ≥ quorum" || m.Corrections[0].Reason != "Agreed at the next meeting ≥ quorum" {
			t.Errorf("after the correction: %+v %+v", m.Agenda[0], m.Corrections)
		}
		var fields []string
		d.DB.Model(&models.AuditEntry{}).Where("kind = ? AND subject = ?", "meeting", fmt.Sprintf("meeting %d", id)).Order("id").Pluck("field", &fields)
		if !slices.Equal(fields, []string{"status", "minutes", "minutes", "minutes", "status", "correction"}) {
			t.Errorf("audit of the meeting: %q", fields)
		}
	})
}

func countRows(d modeltest.DB, model any, meetingID uint) int64 {
	var n int64
	d.DB.Model(model).Where("meeting_id = ?", meetingID).Count(&n)
	return n
}
