package app_test

import (
	"net/http"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"sendboard/app/apptest"
	"sendboard/models/modeltest"
)

// TestBrowserMeeting: a board member opens a meeting with the GOV.UK date
// input (a refused date first), adds an item, records attendance and a note,
// closes the meeting and corrects a note with a reason (refused without
// one); axe finds no WCAG problems on the pages, open and closed, and they
// reflow at 320 px.
func TestBrowserMeeting(t *testing.T) {
	t.Parallel()
	onSQLite(t, apptest.Seeded, func(t *testing.T, env *apptest.Env, d modeltest.DB) {
		browser := startBrowser(t)
		srv := env.Serve(t)
		chair := env.SignInBoard(t, "SEND Improvement Board")
		if rec := env.API(chair, "POST", "/api/v1/boards/send-improvement-board/decisions", `{"question":"Fund the hubs → Łódź?","meeting":"2026-04-22"}`); rec.Code != http.StatusCreated {
			t.Fatalf("decision: %d %s", rec.Code, rec.Body)
		}
		b := &tab{t: t, base: srv.URL, ctx: newTab(t, browser)}
		b.navigate("/login")
		b.signIn(chair.User.Email)
		b.navigate("/boards/send-improvement-board/meetings")
		b.mustHave("#f-date-day")
		b.axe("meetings page")

		b.do(chromedp.SendKeys(chromedp.ID("f-date-day"), "31"),
			chromedp.SendKeys(chromedp.ID("f-date-month"), "2"),
			chromedp.SendKeys(chromedp.ID("f-date-year"), "2026"))
		if st := b.submit("Open meeting"); st != http.StatusBadRequest {
			t.Fatalf("31 February: status %d, want 400", st)
		}
		b.mustHave(".govuk-error-summary")
		b.mustHave("#f-date-error")
		if got := b.eval(`document.getElementById('f-date-day').value`); got != "31" {
			t.Errorf("day after the error = %q, want it kept", got)
		}
		b.axe("meetings page with errors")
		b.do(chromedp.SetValue(chromedp.ID("f-date-day"), "22"), chromedp.SetValue(chromedp.ID("f-date-month"), "4"))
		if st := b.submit("Open meeting"); st != http.StatusOK {
			t.Fatalf("open: status %d", st)
		}
		b.mustHave("#agenda-items")
		path := b.eval(`location.pathname`)
		if agenda := b.eval(`document.getElementById('agenda-items').innerText`); !strings.Contains(agenda, "Fund the hubs → Łódź?") || !strings.Contains(agenda, "Highlight report") {
			t.Errorf("agenda: %q", agenda)
		}
		b.axe("meeting page")

		b.do(chromedp.SendKeys(chromedp.ID("f-title"), "SENDIASS annual report → Gwenllian ap Dafŵdd"))
		if st := b.submit("Add item"); st != http.StatusOK {
			t.Fatalf("add item: status %d", st)
		}
		b.do(chromedp.Click(chromedp.ID("f-present-0")),
			chromedp.SendKeys(chromedp.ID("f-others_present"), "Ελένη (DfE adviser)"),
			chromedp.SendKeys(chromedp.ID("f-note-apologies-0"), "No apologies; Yılmaz to chair ≥ 2 items"))
		if st := b.submit("Save minutes"); st != http.StatusOK {
			t.Fatalf("save minutes: status %d", st)
		}
		if att := b.eval(`document.getElementById('attendance').innerText`); !strings.Contains(att, chair.User.Name) || !strings.Contains(att, "Ελένη (DfE adviser)") {
			t.Errorf("attendance: %q", att)
		}
		if st := b.submit("Close the meeting"); st != http.StatusOK {
			t.Fatalf("close: status %d", st)
		}
		if b.has("#f-note-apologies-0") || !b.has("#f-reason") {
			t.Fatal("a closed meeting still offers the minutes form, or no correction form")
		}
		b.axe("closed meeting page")
		b.do(chromedp.SetValue(chromedp.ID("f-item"), "apologies-0"),
			chromedp.SendKeys(chromedp.ID("f-note"), "Apologies from Ольга"))
		if st := b.submit("Record correction"); st != http.StatusBadRequest {
			t.Fatalf("correction without a reason: status %d, want 400", st)
		}
		b.mustHave("#f-reason-error")
		b.axe("correction with errors")
		b.do(chromedp.SendKeys(chromedp.ID("f-reason"), "Agreed at the next meeting"))
		if st := b.submit("Record correction"); st != http.StatusOK {
			t.Fatalf("correction: status %d", st)
		}
		if c := b.eval(`document.getElementById('corrections-list').innerText`); !strings.Contains(c, "Apologies from Ольга") || !strings.Contains(c, "Agreed at the next meeting") {
			t.Errorf("corrections: %q", c)
		}
		b.reflow("/boards/send-improvement-board/meetings", path)
	})
}
