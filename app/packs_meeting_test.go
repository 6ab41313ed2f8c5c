package app_test

import (
	"bytes"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"sendboard/app/apptest"
	"sendboard/models/modeltest"
	packs "sendboard/models/pack"
)

// TestPackForAMeetingOpensWithItsAgenda: the pack made from a meeting's page
// names the meeting and opens with its agenda, in the preview, the stored
// HTML and the XLSX; a meeting of another board or quarter is refused next
// to the form with the choices kept.
func TestPackForAMeetingOpensWithItsAgenda(t *testing.T) {
	t.Parallel()
	apptest.Each(t, func(t *testing.T, env *apptest.Env, d modeltest.DB) {
		member := env.SignInBoard(t, "SEND Improvement Board")
		id := openMeeting(t, env, member, "2026-01-22")
		if rec := env.PostForm(member, fmt.Sprintf("/meetings/%d/items", id), url.Values{"title": {"SENDIASS report → Łódź, Gwenllian ap Dafŵdd ≥ 18"}}); rec.Code != http.StatusSeeOther {
			t.Fatalf("add item: %d %s", rec.Code, snippet(rec.Body.String()))
		}
		from := env.Get(member, fmt.Sprintf("/meetings/%d", id)).Body.String()
		link := fmt.Sprintf("/packs?board=send-improvement-board&amp;meeting=%d&amp;quarter=2025-26&#43;Q4", id)
		if !strings.Contains(from, link) {
			t.Fatalf("the meeting page does not link to its pack (%s)", link)
		}

		preview := env.Get(member, fmt.Sprintf("/packs?board=send-improvement-board&quarter=2025-26+Q4&meeting=%d&preview=1", id))
		body := preview.Body.String()
		for _, want := range []string{"Agenda for the meeting on 22 January 2026", "SENDIASS report → Łódź, Gwenllian ap Dafŵdd ≥ 18",
			fmt.Sprintf(`<input type="hidden" name="meeting" value="%d">`, id), `<dd class="pk-meeting">22 January 2026`, "Apologies"} {
			if !strings.Contains(body, want) {
				t.Errorf("the meeting's pack preview lacks %q", want)
			}
		}

		for _, c := range []struct{ query, want, field string }{
			{"board=send-improvement-board&quarter=2025-26+Q3", "falls in 2025-26 Q4, not 2025-26 Q3", "quarter"},
			{"board=schools-forum&quarter=2025-26+Q4", "is not a meeting of the Schools Forum", "meeting"},
			{"board=all&quarter=2025-26+Q4", "A whole-plan pack is not made for a board meeting", "meeting"},
		} {
			rec := env.Get(member, fmt.Sprintf("/packs?%s&meeting=%d&preview=1", c.query, id))
			if rec.Code != http.StatusBadRequest || !strings.Contains(rec.Body.String(), c.want) || !strings.Contains(rec.Body.String(), `href="#`+c.field+`"`) {
				t.Errorf("%s: %d, want 400 saying %q", c.query, rec.Code, c.want)
			}
		}

		rec := env.PostForm(member, "/packs", url.Values{"board": {"send-improvement-board"}, "quarter": {"2025-26 Q4"}, "meeting": {fmt.Sprint(id)}, "generate": {"1"}})
		if rec.Code != http.StatusSeeOther || !strings.Contains(rec.Header().Get("Location"), fmt.Sprintf("meeting=%d", id)) {
			t.Fatalf("generate: %d %q %s", rec.Code, rec.Header().Get("Location"), snippet(rec.Body.String()))
		}
		var sp packs.Stored
		if err := d.DB.Order("id DESC").Take(&sp).Error; err != nil || sp.MeetingID == nil || *sp.MeetingID != id {
			t.Fatalf("the stored pack does not name the meeting: %+v %v", sp, err)
		}
		_, html, err := packs.FindFile(t.Context(), d.DB, sp.ID, packs.HTML)
		if err != nil || !strings.Contains(string(html.Content), "SENDIASS report → Łódź, Gwenllian ap Dafŵdd ≥ 18") {
			t.Errorf("the stored HTML lacks the agenda: %v", err)
		}
		_, xf, err := packs.FindFile(t.Context(), d.DB, sp.ID, packs.XLSX)
		if err != nil {
			t.Fatal(err)
		}
		x, err := excelize.OpenReader(bytes.NewReader(xf.Content))
		if err != nil {
			t.Fatal(err)
		}
		rows, err := x.GetRows("Agenda")
		if err != nil || len(rows) < 3 || rows[0][1] != "Business for the meeting on 22 January 2026" {
			t.Fatalf("Agenda sheet: %v %v", rows, err)
		}
		if last := rows[len(rows)-1]; last[1] != "SENDIASS report → Łódź, Gwenllian ap Dafŵdd ≥ 18" || last[0] != fmt.Sprint(len(rows)-1) {
			t.Errorf("the last agenda row is %v", last)
		}
		if env.Get(member, "/packs?board=send-improvement-board&quarter=2025-26+Q4&preview=1").Body.String() == body {
			t.Error("a pack without the meeting reads the same")
		}
	})
}
