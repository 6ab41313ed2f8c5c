package app_test

import (
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"testing"
	"time"

	"sendboard/app/apptest"
	"sendboard/models"
	"sendboard/models/measure"
	"sendboard/models/meeting"
	"sendboard/models/modeltest"
	packs "sendboard/models/pack"
	"sendboard/models/round"
)

// meetingJSON is GET /api/v1/meetings/{id} as the tests read it.
type meetingJSON struct {
	ID     uint   `json:"id"`
	Board  string `json:"board"`
	Date   string `json:"date"`
	Status string `json:"status"`
	Agenda []struct {
		Kind, Title, Note string
		Link              *string
	} `json:"agenda"`
	Attendance struct {
		Present, Apologies []string
	} `json:"attendance"`
	Decisions []struct {
		ID                 uint
		Question, Decision string
	} `json:"decisions"`
	BoardActions []struct{ Title string } `json:"board_actions"`
	Corrections  []struct{ Item, Before, After, Reason string }
}

func getMeeting(t *testing.T, env *apptest.Env, c *apptest.Client, id uint) meetingJSON {
	t.Helper()
	var m meetingJSON
	apiGet(t, env, c, fmt.Sprintf("/api/v1/meetings/%d", id), http.StatusOK, &m)
	return m
}

// openMeeting opens a meeting of the SEND Improvement Board through the API.
func openMeeting(t *testing.T, env *apptest.Env, c *apptest.Client, date string) uint {
	t.Helper()
	rec := env.API(c, "POST", "/api/v1/boards/"+sib+"/meetings", `{"date":"`+date+`"}`)
	if rec.Code != http.StatusCreated {
		t.Fatalf("open meeting %s: %d %s", date, rec.Code, rec.Body)
	}
	var m meetingJSON
	if err := json.Unmarshal(rec.Body.Bytes(), &m); err != nil {
		t.Fatal(err)
	}
	return m.ID
}

// kinds lists the agenda's kinds, each once, in the order they first appear.
func kinds(m meetingJSON) []string {
	var out []string
	for _, it := range m.Agenda {
		if !slices.Contains(out, it.Kind) {
			out = append(out, it.Kind)
		}
	}
	return out
}

// TestMeetingAgendaAssembledFromTheBoard sets up the SEND Improvement
// Board's state across the seeded plan and a second one (a board action, a
// 4 × 4 risk, open decisions, a complete action awaiting its sign-off, a KPI
// off track, a round for the meeting) and finds each on the agenda of its
// meeting in order, and none of them on another board's. An added item is
// moved up, and the order and a note stay.
func TestMeetingAgendaAssembledFromTheBoard(t *testing.T) {
	t.Parallel()
	apptest.EachWith(t, twoPlans, func(t *testing.T, env *apptest.Env, d modeltest.DB) {
		now := pinNow(env)
		member := env.SignInBoard(t, "SEND Improvement Board")
		admin := env.SignIn(t, models.RoleAdmin)
		const day = "2026-04-22"
		prev := openMeeting(t, env, member, "2026-01-15")

		if rec := env.API(member, "POST", "/api/v1/boards/"+sib+"/board-actions",
			`{"title":"The chair to write to the ICB → Ольга","owner":"`+polyOwner+`","meeting_date":"2026-01-15"}`); rec.Code != http.StatusCreated {
			t.Fatalf("board action: %d %s", rec.Code, rec.Body)
		}
		if rec := env.API(admin, "POST", "/api/v1/plans/"+secondSlug+"/risks",
			`{"title":"Therapists ≥ 18 weeks away → Łódź","owner":"DCO","likelihood":4,"impact":4,"actions":["1.2"]}`); rec.Code != http.StatusCreated {
			t.Fatalf("risk: %d %s", rec.Code, rec.Body)
		}
		for _, q := range []struct{ question, meeting string }{{polyQuestion, day}, {"Adopt the ŵ charter?", ""}, {"Not for this meeting", "2026-05-01"}} {
			body := fmt.Sprintf(`{"question":%q,"meeting":%q}`, q.question, q.meeting)
			if rec := env.API(member, "POST", "/api/v1/boards/"+sib+"/decisions", body); rec.Code != http.StatusCreated {
				t.Fatalf("decision: %d %s", rec.Code, rec.Body)
			}
		}
		var second models.Plan
		d.DB.Where("slug = ?", secondSlug).Take(&second)
		d.DB.Model(&models.Action{}).Where("plan_id = ? AND number = ?", second.ID, "1.3").Update("status", models.StatusComplete)
		var kpi measure.KPI
		d.DB.Order("id").Take(&kpi)
		d.DB.Create(&measure.KPIException{KPIID: kpi.ID, Kind: measure.KPIOffTrack, Period: "2025-26 Q4", Value: 1, RaisedAt: now})
		var sibBoard models.Board
		d.DB.Where("slug = ?", sib).Take(&sibBoard)
		stored := packs.Stored{PlanID: second.ID, BoardKey: sib, BoardID: &sibBoard.ID, BoardName: sibBoard.Name, Quarter: "2026-27 Q1",
			QuarterSort: 20261, Version: 1, GeneratedAt: now, GeneratedBy: polyOwner, Formats: "xlsx html"}
		d.DB.Create(&stored)
		r, _, err := env.App.OpenRound(t.Context(), member.User, round.Input{Board: "SEND Improvement Board", Plan: secondSlug, Due: "2026-04-15", Meeting: day})
		if err != nil {
			t.Fatal(err)
		}

		// Opened on the page with the GOV.UK date boxes.
		rec := env.PostForm(member, "/boards/"+sib+"/meetings", url.Values{"date-day": {"22"}, "date-month": {"4"}, "date-year": {"2026"}})
		if rec.Code != http.StatusSeeOther {
			t.Fatalf("open on the page: %d\n%s", rec.Code, snippet(rec.Body.String()))
		}
		var id uint
		fmt.Sscanf(rec.Header().Get("Location"), "/meetings/%d", &id)
		m := getMeeting(t, env, env.SignIn(t, models.RoleViewer), id)
		if m.Board != sib || m.Date != day || m.Status != "open" {
			t.Fatalf("meeting %+v", m)
		}
		want := []string{"apologies", "board_action", "highlight", "risk", "decision", "signoff", "kpi_exception", "round", "pack"}
		if got := kinds(m); !slices.Equal(got, want) {
			t.Fatalf("agenda kinds %v, want %v", got, want)
		}
		titles := map[string][]string{}
		links := map[string][]string{}
		for _, it := range m.Agenda {
			titles[it.Kind] = append(titles[it.Kind], it.Title)
			if it.Link != nil {
				links[it.Kind] = append(links[it.Kind], *it.Link)
			}
		}
		check := func(kind, want string, in map[string][]string) {
			t.Helper()
			if !slices.ContainsFunc(in[kind], func(s string) bool { return strings.Contains(s, want) }) {
				t.Errorf("%s items %q lack %q", kind, in[kind], want)
			}
		}
		check("apologies", "15 January 2026", titles)
		check("apologies", fmt.Sprintf("/meetings/%d", prev), links)
		check("board_action", "The chair to write to the ICB → Ольга – "+polyOwner, titles)
		check("highlight", secondBase+"/highlights/A/2026-27-Q1", links)
		check("highlight", "/plans/dorset-wsoa-2019/highlights/", links)
		check("risk", "Risk escalated (4 × 4 = 16): Therapists ≥ 18 weeks away → Łódź", titles)
		check("risk", secondBase+"/risks/", links)
		check("decision", polyQuestion, titles)
		check("decision", "Adopt the ŵ charter?", titles)
		check("signoff", secondBase+"/actions/1.3", links)
		check("kpi_exception", kpi.Name, titles)
		check("round", fmt.Sprintf("/rounds/%d", r.ID), links)
		check("pack", fmt.Sprintf("/packs/%d/xlsx", stored.ID), links)
		if slices.ContainsFunc(titles["decision"], func(s string) bool { return strings.Contains(s, "Not for this meeting") }) {
			t.Error("a decision for another meeting is on the agenda")
		}

		// The SEND Health Forum's meeting has none of the board's own items.
		forum := env.SignInBoard(t, "SEND Health Forum")
		rec = env.API(forum, "POST", "/api/v1/boards/send-health-forum/meetings", `{"date":"`+day+`"}`)
		var other meetingJSON
		json.Unmarshal(rec.Body.Bytes(), &other)
		if rec.Code != http.StatusCreated || slices.ContainsFunc(kinds(other), func(k string) bool {
			return k == "risk" || k == "decision" || k == "board_action" || k == "round" || k == "pack"
		}) {
			t.Errorf("the forum's meeting: %d kinds %v", rec.Code, kinds(other))
		}
		if !slices.Contains(kinds(other), "signoff") {
			t.Errorf("the forum's meeting lacks the 1.1 sign-offs it awaits: %v", kinds(other))
		}

		// The page lists it all, with the links into the round and pack forms.
		page := env.Get(member, fmt.Sprintf("/meetings/%d", id)).Body.String()
		for _, s := range []string{"Meeting of 22 April 2026", "Therapists ≥ 18 weeks away → Łódź", "Fund Łódź-style therapy hubs",
			"/rounds?board=send-improvement-board&amp;meeting-day=22&amp;meeting-month=4&amp;meeting-year=2026#open",
			"/packs?board=send-improvement-board&amp;quarter=2026-27&#43;Q1", "Open the update round for this meeting", "Make the pack for this meeting"} {
			if !strings.Contains(page, s) {
				t.Errorf("meeting page lacks %q", s)
			}
		}

		// An added item goes last; moved up it swaps with the pack.
		if rec := env.PostForm(member, fmt.Sprintf("/meetings/%d/items", id), url.Values{"title": {"SENDIASS report → Gwenllian ap Dafŵdd"}, "link": {"/kpis"}}); rec.Code != http.StatusSeeOther {
			t.Fatalf("add item: %d\n%s", rec.Code, snippet(rec.Body.String()))
		}
		m = getMeeting(t, env, member, id)
		last := m.Agenda[len(m.Agenda)-1]
		if last.Kind != "item" || last.Title != "SENDIASS report → Gwenllian ap Dafŵdd" {
			t.Fatalf("last item %+v", last)
		}
		var added meeting.StoredItem
		d.DB.Where("meeting_id = ? AND kind = ?", id, "item").Take(&added)
		if rec := env.PostForm(member, fmt.Sprintf("/meetings/%d/move", id), url.Values{"item": {"item-" + added.Ref}, "dir": {"up"}}); rec.Code != http.StatusSeeOther {
			t.Fatalf("move: %d\n%s", rec.Code, snippet(rec.Body.String()))
		}
		m = getMeeting(t, env, member, id)
		n := len(m.Agenda)
		if m.Agenda[n-2].Kind != "item" || m.Agenda[n-1].Kind != "pack" {
			t.Errorf("after moving up, the last two are %s, %s", m.Agenda[n-2].Kind, m.Agenda[n-1].Kind)
		}
		// Attendance and a note.
		min := url.Values{"present": {fmt.Sprint(member.User.ID)}, "others_present": {"Ελένη (DfE adviser)\n\n王芳"}, "other_apologies": {"أحمد"},
			"note-apologies-0": {"Minutes of 15 January agreed → Ł"}}
		if rec := env.PostForm(member, fmt.Sprintf("/meetings/%d/minutes", id), min); rec.Code != http.StatusSeeOther {
			t.Fatalf("minutes: %d\n%s", rec.Code, snippet(rec.Body.String()))
		}
		m = getMeeting(t, env, member, id)
		if !slices.Equal(m.Attendance.Present, []string{member.User.Name, "Ελένη (DfE adviser)", "王芳"}) || !slices.Equal(m.Attendance.Apologies, []string{"أحمد"}) ||
			m.Agenda[0].Note != "Minutes of 15 January agreed → Ł" || m.Agenda[n-2].Kind != "item" {
			t.Errorf("after saving minutes: %+v %+v", m.Attendance, m.Agenda[0])
		}
		// A second meeting on the same day is refused.
		if rec := env.API(member, "POST", "/api/v1/boards/"+sib+"/meetings", `{"date":"`+day+`"}`); rec.Code != http.StatusConflict {
			t.Errorf("second meeting on the day: %d, want 409", rec.Code)
		}
	})
}

// TestMeetingMinutesLockedOnClose records the minutes (a note, attendance, a
// decision taken and a board action set on the day), closes the meeting and
// shows every change refused after that, except a correction with a
// reason, which is kept, shown and audited.
func TestMeetingMinutesLockedOnClose(t *testing.T) {
	t.Parallel()
	apptest.Each(t, func(t *testing.T, env *apptest.Env, d modeltest.DB) {
		pinNow(env)
		member := env.SignInBoard(t, "SEND Improvement Board")
		const day = "2026-03-19"
		id := openMeeting(t, env, member, day)
		path := fmt.Sprintf("/meetings/%d", id)
		rec := env.API(member, "POST", "/api/v1/boards/"+sib+"/decisions", `{"question":"Fund the hubs → Łódź?","meeting":"`+day+`"}`)
		var dec struct{ ID uint }
		json.Unmarshal(rec.Body.Bytes(), &dec)
		if rec := env.API(member, "POST", fmt.Sprintf("/api/v1/boards/%s/decisions/%d/decide", sib, dec.ID),
			`{"decision":"Agreed ≥ two hubs","meeting_date":"`+day+`","minute":"7.3"}`); rec.Code != http.StatusOK {
			t.Fatalf("decide: %d %s", rec.Code, rec.Body)
		}
		if rec := env.API(member, "POST", "/api/v1/boards/"+sib+"/board-actions", `{"title":"Write to Ольга","owner":"The chair","meeting_date":"`+day+`"}`); rec.Code != http.StatusCreated {
			t.Fatalf("board action: %d", rec.Code)
		}
		if rec := env.PostForm(member, path+"/minutes", url.Values{"note-apologies-0": {"No apologies; Ŵ noted"}, "other_apologies": {"Yılmaz"}}); rec.Code != http.StatusSeeOther {
			t.Fatalf("minutes: %d\n%s", rec.Code, snippet(rec.Body.String()))
		}
		m := getMeeting(t, env, member, id)
		if len(m.Decisions) != 1 || m.Decisions[0].Decision != "Agreed ≥ two hubs" || len(m.BoardActions) != 1 || m.BoardActions[0].Title != "Write to Ольга" {
			t.Fatalf("minuted record %+v", m)
		}
		// A refused note keeps what was typed.
		long := strings.Repeat("ŵ", meeting.MaxNote+1)
		rec = env.PostForm(member, path+"/minutes", url.Values{"note-apologies-0": {long}, "others_present": {"Kept → Ł"}})
		if rec.Code != http.StatusBadRequest || !strings.Contains(rec.Body.String(), "Kept → Ł") || !strings.Contains(rec.Body.String(), `href="#f-note-apologies-0"`) {
			t.Errorf("too long a note: %d", rec.Code)
		}

		if rec := env.PostForm(member, path+"/close", url.Values{}); rec.Code != http.StatusSeeOther {
			t.Fatalf("close: %d\n%s", rec.Code, snippet(rec.Body.String()))
		}
		// The closed agenda is the one kept at closing, with its notes.
		m = getMeeting(t, env, member, id)
		if m.Status != "closed" || m.Agenda[0].Note != "No apologies; Ŵ noted" {
			t.Errorf("closed meeting %+v", m)
		}
		for _, w := range []struct {
			path string
			form url.Values
		}{
			{path + "/minutes", url.Values{"note-apologies-0": {"Changed"}}},
			{path + "/items", url.Values{"title": {"Late item"}}},
			{path + "/move", url.Values{"item": {"apologies-0"}, "dir": {"down"}}},
			{path + "/close", url.Values{}},
		} {
			rec := env.PostForm(member, w.path, w.form)
			if rec.Code != http.StatusConflict || !strings.Contains(rec.Body.String(), "locked") {
				t.Errorf("POST %s after closing: %d, want 409 saying the minutes are locked", w.path, rec.Code)
			}
		}
		if got := getMeeting(t, env, member, id); got.Agenda[0].Note != "No apologies; Ŵ noted" || len(got.Agenda) != len(m.Agenda) {
			t.Errorf("a refused change altered the minutes: %+v", got.Agenda[0])
		}
		// A correction needs a reason.
		rec = env.PostForm(member, path+"/corrections", url.Values{"item": {"apologies-0"}, "note": {"Apologies from Yılmaz → noted"}})
		if rec.Code != http.StatusBadRequest || !strings.Contains(rec.Body.String(), "Enter why the minutes are corrected") ||
			!strings.Contains(rec.Body.String(), "Apologies from Yılmaz → noted") {
			t.Errorf("correction without a reason: %d", rec.Code)
		}
		rec = env.PostForm(member, path+"/corrections", url.Values{"item": {"apologies-0"}, "note": {"Apologies from Yılmaz → noted"}, "reason": {"Agreed at the next meeting ≥ quorum"}})
		if rec.Code != http.StatusSeeOther {
			t.Fatalf("correction: %d\n%s", rec.Code, snippet(rec.Body.String()))
		}
		m = getMeeting(t, env, member, id)
		if m.Agenda[0].Note != "Apologies from Yılmaz → noted" || len(m.Corrections) != 1 || m.Corrections[0].Before != "No apologies; Ŵ noted" ||
			m.Corrections[0].Reason != "Agreed at the next meeting ≥ quorum" {
			t.Errorf("after the correction: %+v %+v", m.Agenda[0], m.Corrections)
		}
		page := env.Get(env.SignIn(t, models.RoleViewer), path).Body.String()
		for _, s := range []string{"Corrections", "Agreed at the next meeting ≥ quorum", "No apologies; Ŵ noted", "Closed", "Agreed ≥ two hubs", "Write to Ольга"} {
			if !strings.Contains(page, s) {
				t.Errorf("closed meeting page lacks %q", s)
			}
		}
		var audits []models.AuditEntry
		d.DB.Where("kind = ? AND subject = ?", "meeting", fmt.Sprintf("meeting %d", id)).Order("id").Find(&audits)
		fields := []string{}
		for _, a := range audits {
			fields = append(fields, a.Field)
		}
		if !slices.Equal(fields, []string{"status", "minutes", "status", "correction"}) || audits[3].UserID == nil || *audits[3].UserID != member.User.ID {
			t.Errorf("audit of the meeting: %v", fields)
		}
	})
}

// TestMeetingPageStatementsDoNotGrow reads a meeting's page and API and the
// board's meetings with 2 meetings and with 30, the measured meeting holding
// few items and then many added ones with notes.
func TestMeetingPageStatementsDoNotGrow(t *testing.T) {
	t.Parallel()
	apptest.Each(t, func(t *testing.T, env *apptest.Env, d modeltest.DB) {
		now := pinNow(env)
		member := env.SignInBoard(t, "SEND Improvement Board")
		start := time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC)
		var ids []uint
		add := func(n int) {
			for i := 0; i < n; i++ {
				ids = append(ids, openMeeting(t, env, member, start.AddDate(0, 0, 7*len(ids)).Format(time.DateOnly)))
			}
		}
		add(2)
		measured := ids[1]
		mt, _ := meeting.Find(t.Context(), d.DB, measured)
		counter := modeltest.CountQueries(env.DB.DB)
		measure := func() map[string]int64 {
			out := map[string]int64{}
			for _, p := range []string{fmt.Sprintf("/meetings/%d", measured), fmt.Sprintf("/api/v1/meetings/%d", measured), "/boards/" + sib + "/meetings", "/api/v1/boards/" + sib + "/meetings"} {
				get := func() int {
					if strings.HasPrefix(p, "/api/") {
						return env.API(member, "GET", p, "").Code
					}
					return env.Get(member, p).Code
				}
				get()
				counter.Reset()
				if code := get(); code != http.StatusOK {
					t.Fatalf("GET %s: %d", p, code)
				}
				out[p] = counter.N()
			}
			return out
		}
		small := measure()
		add(28)
		var board models.Board
		d.DB.Where("slug = ?", sib).Take(&board)
		for i := 0; i < 20; i++ {
			items, err := meeting.Agenda(t.Context(), d.DB, mt, board)
			if err != nil {
				t.Fatal(err)
			}
			if err := meeting.AddItem(t.Context(), d.DB, member.User, mt, items, meeting.ItemInput{Title: fmt.Sprintf("Item %d → Ł", i)}, now.Add(time.Duration(i))); err != nil {
				t.Fatal(err)
			}
		}
		items, _ := meeting.Agenda(t.Context(), d.DB, mt, board)
		notes := map[string]string{}
		for _, it := range items {
			notes[it.Key()] = "Said ≥ done: " + it.Title
		}
		if err := meeting.SaveMinutes(t.Context(), d.DB, member.User, mt, items, meeting.MinutesInput{Notes: notes, OthersPresent: "Ελένη\nОльга"}, now); err != nil {
			t.Fatal(err)
		}
		large := measure()
		for p, s := range small {
			t.Logf("%s GET %s: %d statements with 2 meetings, %d with 30 and %d items", d.Name, p, s, large[p], len(items))
			if s != large[p] {
				t.Errorf("GET %s: %d statements with 2 meetings, %d with 30", p, s, large[p])
			}
		}
	})
}
