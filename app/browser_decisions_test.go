package app_test

import (
	"net/http"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"sendboard/app/apptest"
	"sendboard/models/modeltest"
)

// TestBrowserDecisions: a board member raises a decision on the board's
// decisions page (a refused form first, keeping the input), records the
// decision on its page and finds it in the log; axe finds no WCAG problems
// on the pages and they reflow at 320 px.
func TestBrowserDecisions(t *testing.T) {
	t.Parallel()
	onSQLite(t, apptest.Seeded, func(t *testing.T, env *apptest.Env, d modeltest.DB) {
		browser := startBrowser(t)
		srv := env.Serve(t)
		chair := env.SignInBoard(t, "SEND Improvement Board")
		b := &tab{t: t, base: srv.URL, ctx: newTab(t, browser)}
		b.navigate("/login")
		b.signIn(chair.User.Email)
		b.navigate("/boards/send-improvement-board/decisions")
		b.mustHave("#f-question")
		b.axe("decisions page")

		// A real date is needed: the error is shown with the options kept.
		b.do(chromedp.SendKeys(chromedp.ID("f-options"), "A: Łódź model → Dorset"),
			chromedp.SendKeys(chromedp.ID("f-meeting-day"), "31"),
			chromedp.SendKeys(chromedp.ID("f-meeting-month"), "2"),
			chromedp.SendKeys(chromedp.ID("f-meeting-year"), "2026"))
		if st := b.submit("Raise decision"); st != http.StatusBadRequest {
			t.Fatalf("empty question: status %d, want 400", st)
		}
		b.mustHave(".govuk-error-summary")
		b.mustHave("#f-question-error")
		if got := b.eval(`document.getElementById('f-options').value`); got != "A: Łódź model → Dorset" {
			t.Errorf("options after the error = %q, want them kept", got)
		}
		b.axe("decisions page with errors")

		b.do(chromedp.SendKeys(chromedp.ID("f-question"), "Fund therapy hubs for ≥ 40 children (Yılmaz, Dafŵdd)?"),
			chromedp.SetValue(chromedp.ID("f-meeting-day"), "22"),
			chromedp.SetValue(chromedp.ID("f-meeting-month"), "4"))
		if st := b.submit("Raise decision"); st != http.StatusOK {
			t.Fatalf("raise: status %d", st)
		}
		log := b.eval(`document.getElementById('decision-log').innerText`)
		if !strings.Contains(log, "Fund therapy hubs for ≥ 40 children (Yılmaz, Dafŵdd)?") || !strings.Contains(log, "Open") {
			t.Fatalf("log after raising: %q", log)
		}
		path := b.eval(`document.querySelector('#decision-log a').getAttribute('href')`)
		b.navigate(path)
		b.mustHave("#decide")
		b.axe("decision page")
		b.do(chromedp.SendKeys(chromedp.ID("f-decision"), "Agreed → two hubs"),
			chromedp.SendKeys(chromedp.ID("f-meeting_date-day"), "1"),
			chromedp.SendKeys(chromedp.ID("f-meeting_date-month"), "12"),
			chromedp.SendKeys(chromedp.ID("f-meeting_date-year"), "2026"),
			chromedp.SendKeys(chromedp.ID("f-minute"), "7.3"))
		if st := b.submit("Record decision"); st != http.StatusOK {
			t.Fatalf("decide: status %d", st)
		}
		log = b.eval(`document.getElementById('decision-log').innerText`)
		if !strings.Contains(log, "Decided") || !strings.Contains(log, "Agreed → two hubs") || !strings.Contains(log, "minute 7.3") {
			t.Errorf("log after deciding: %q", log)
		}
		b.navigate(path)
		if b.has("#decide") || !strings.Contains(b.eval(`document.querySelector('main').innerText`), "locked") {
			t.Errorf("a decided decision still offers the form or does not say it is locked")
		}
		// Correcting the record: the details open without JavaScript's help.
		b.do(chromedp.Click(chromedp.CSS("#correct summary")))
		b.eval(`document.getElementById('f-minute').value = ''`)
		b.do(chromedp.SendKeys(chromedp.ID("f-minute"), "7.4"),
			chromedp.SendKeys(chromedp.ID("f-reason"), "The approved minutes say 7.4"))
		b.axe("decision page with the correction open")
		if st := b.submit("Save the correction"); st != http.StatusOK {
			t.Fatalf("correct: status %d", st)
		}
		if got := b.eval(`document.getElementById('corrections').nextElementSibling.innerText`); !strings.Contains(got, "The approved minutes say 7.4") {
			t.Errorf("the corrections after correcting: %q", got)
		}
		b.navigate("/boards/send-improvement-board/actions")
		b.axe("board actions page")
		b.reflow("/boards/send-improvement-board/decisions", path, "/boards/send-improvement-board/actions")
	})
}
