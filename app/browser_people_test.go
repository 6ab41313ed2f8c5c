package app_test

import (
	"fmt"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"sendboard/app/apptest"
	"sendboard/models"
	"sendboard/models/modeltest"
)

// TestBrowserLeadAllErrors drives real Chromium: a lead's form with several
// mistakes shows them all at once, summarised at the top of main with
// "Error: " in the title and the typed date kept, checked with axe and at
// 320px; corrected, it saves and the latest update shows above the form.
func TestBrowserLeadAllErrors(t *testing.T) {
	t.Parallel()
	onSQLite(t, apptest.Seeded, func(t *testing.T, env *apptest.Env, d modeltest.DB) {
		browser := startBrowser(t)
		srv := env.Serve(t)
		dco := env.SignIn(t, models.RoleLead, "DCO")

		b := &tab{t: t, base: srv.URL, ctx: newTab(t, browser)}
		b.navigate("/login")
		b.signIn(dco.User.Email)
		b.navigate("/actions/1.2")
		if b.has(`input[type=date]`) {
			t.Error("the progress form still uses the browser's date picker")
		}
		b.fill(map[string]string{"p-date-day": "31", "p-date-month": "2", "p-date-year": "2026", "p-evidence_url": "not a link"})
		if st := b.submit("Save progress"); st != http.StatusBadRequest {
			t.Fatalf("form with mistakes: status %d, want 400", st)
		}
		if title := b.eval(`document.title`); !strings.HasPrefix(title, "Error: ") {
			t.Errorf("title %q does not start with \"Error: \"", title)
		}
		if first := b.eval(`document.querySelector('main').firstElementChild.className`); !strings.Contains(first, "govuk-error-summary") {
			t.Errorf("the first thing in main is %q, not the error summary", first)
		}
		summary := b.eval(`document.querySelector('.govuk-error-summary').innerText`)
		for _, want := range []string{"Enter what has happened since the last update", "Choose a RAG rating",
			"Enter a full web address starting https://", "Date of update must be a real date"} {
			if !strings.Contains(summary, want) {
				t.Errorf("the error summary lacks %q:\n%s", want, summary)
			}
		}
		// Each link lands on a field, and the field (or its group) is described by its message.
		if bad := b.eval(`[...document.querySelectorAll('.govuk-error-summary a')].map(a => {
			const f = document.getElementById(a.getAttribute('href').slice(1));
			if (!f) return a.getAttribute('href');
			const owner = f.closest('fieldset') || f;
			const ids = (owner.getAttribute('aria-describedby') || '').split(' ');
			return ids.some(id => document.getElementById(id)?.classList.contains('govuk-error-message')) ? '' : '#' + f.id;
		}).filter(Boolean).join(' ')`); bad != "" {
			t.Errorf("summary links that do not land on a described field: %s", bad)
		}
		if got := b.eval(`['day','month','year'].map(p => document.getElementById('p-date-' + p).value).join('/')`); got != "31/2/2026" {
			t.Errorf("the date boxes after the error hold %q, want 31/2/2026 kept", got)
		}
		if n := b.eval(`String(document.querySelectorAll('.govuk-date-input .govuk-input--error').length)`); n != "3" {
			t.Errorf("%s date boxes highlighted for an impossible date, want 3", n)
		}
		if got := b.eval(`document.getElementById('p-evidence_url').value`); got != "not a link" {
			t.Errorf("the link after the error is %q, want it kept", got)
		}
		b.review("progress-all-errors")

		now := time.Now()
		b.fill(map[string]string{"p-date-day": fmt.Sprint(now.Day()), "p-date-month": fmt.Sprint(int(now.Month())),
			"p-date-year": fmt.Sprint(now.Year()), "p-evidence_url": "", "p-narrative": "Shared with every health team"})
		b.do(chromedp.Click(chromedp.ID("p-rag-green")))
		if st := b.submit("Save progress"); st != http.StatusOK {
			t.Fatalf("save: status %d after the redirect", st)
		}
		if latest := b.eval(`(document.getElementById('p-latest') || {}).innerText || ''`); !strings.Contains(latest, "Shared with every health team") {
			t.Errorf("the latest update above the form is %q", latest)
		}

	})
}

// TestBrowserBoardSignOff: a member of the board governing a complete action
// signs it off with the meeting date and minute; a board member of another
// board gets no button and a forged post gets 403. Every state is checked
// with axe and at 320px.
func TestBrowserBoardSignOff(t *testing.T) {
	t.Parallel()
	onSQLite(t, apptest.Seeded, func(t *testing.T, env *apptest.Env, d modeltest.DB) {
		browser := startBrowser(t)
		srv := env.Serve(t)
		now := time.Now()
		// 3.8 is governed by the SEND Health Forum alone.
		completeAction(t, env, env.SignIn(t, models.RoleLead, "DCO"), "3.8")
		member := env.SignInBoard(t, "SEND Health Forum")
		other := env.SignInBoard(t, "SEND Improvement Board")

		o := &tab{t: t, base: srv.URL, ctx: newTab(t, browser)}
		o.navigate("/login")
		o.signIn(other.User.Email)
		o.navigate("/actions/3.8")
		if o.has(`form[action="/actions/3.8/signoff"]`) || o.has("#c-body") {
			t.Error("a member of another board is offered sign-off or comments on 3.8")
		}
		if s := o.eval(`document.getElementById('signoff-status').innerText`); !strings.Contains(s, "awaiting sign-off") {
			t.Errorf("3.8's status line: %q", s)
		}
		forged := o.eval(`fetch('/actions/3.8/signoff', {method: 'POST', body: new URLSearchParams({
			_csrf: document.querySelector('input[name=_csrf]').value, version: '99', 'meeting_date-day': '1',
			'meeting_date-month': '1', 'meeting_date-year': '2025', minute: 'forged'})}).then(r => String(r.status))`, chromedp.EvalAwaitPromise)
		if forged != "403" {
			t.Errorf("forged sign-off by a member of another board: status %s, want 403", forged)
		}
		o.review("action-not-my-board")

		m := &tab{t: t, base: srv.URL, ctx: newTab(t, browser)}
		m.navigate("/login")
		m.signIn(member.User.Email)
		m.navigate("/boards/send-health-forum/signoff")
		if main := m.eval(`document.querySelector('main').innerText`); !strings.Contains(main, "3.8") || strings.Contains(main, "Nothing is awaiting") {
			t.Errorf("the awaiting sign-off view lacks 3.8: %q", main)
		}
		m.review("awaiting-signoff")
		m.mustHave(`a[href="/actions/3.8#signoff"]`)
		m.navigate("/actions/3.8")
		m.mustHave(`form[action="/actions/3.8/signoff"]`)
		if st := m.submit("Sign off completion"); st != http.StatusBadRequest {
			t.Fatalf("sign-off without a meeting date: status %d, want 400", st)
		}
		if s := m.eval(`document.querySelector('.govuk-error-summary').innerText`); !strings.Contains(s, "Enter meeting date") {
			t.Errorf("error summary %q", s)
		}
		m.review("signoff-error")
		m.fill(map[string]string{"s-meeting-day": fmt.Sprint(now.Day()), "s-meeting-month": fmt.Sprint(int(now.Month())),
			"s-meeting-year": fmt.Sprint(now.Year()), "s-minute": "7.3"})
		if st := m.submit("Sign off completion"); st != http.StatusOK {
			t.Fatalf("sign off: status %d after the redirect", st)
		}
		want := fmt.Sprintf("Complete — signed off by %s at the SEND Health Forum on %s, minute 7.3.", member.User.Name, now.Format("2 January 2006"))
		if s := m.eval(`document.getElementById('signoff-status').innerText`); s != want {
			t.Errorf("after sign-off: %q, want %q", s, want)
		}
		if m.has(`form[action="/actions/3.8/signoff"]`) {
			t.Error("the sign-off form is still offered after signing off")
		}
		m.review("signed-off")
		m.navigate("/boards/send-health-forum/signoff")
		if main := m.eval(`document.querySelector('main').innerText`); !strings.Contains(main, "Nothing is awaiting") {
			t.Errorf("3.8 still awaits sign-off: %q", main)
		}
	})
}

// fill sets the value of each field by id, replacing what was there.
func (b *tab) fill(values map[string]string) {
	b.t.Helper()
	for id, v := range values {
		if got := b.eval(fmt.Sprintf(`(f => f ? (f.value = %q, 'ok') : 'missing')(document.getElementById(%q))`, v, id)); got != "ok" {
			b.t.Fatalf("no field #%s to fill", id)
		}
	}
}
