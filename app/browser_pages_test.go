package app_test

import (
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"sendboard/app/apptest"
	"sendboard/models"
	"sendboard/models/modeltest"
)

// TestBrowserMorePages extends TestBrowser to the pages it does not visit, as
// the role that sees each one in full: packs (before and after storing one,
// and the preview), a board member's view of a complete action, the board
// page, the account page with a new token, and an admin's jobs, users, action
// edit and KPI import pages, with their forms re-shown with an error, and the
// 404 and 400 pages. Each state must pass axe-core (no serious or critical
// violations) and not scroll sideways at 320 CSS pixels.
func TestBrowserMorePages(t *testing.T) {
	t.Parallel()
	browser := startBrowser(t)
	onSQLite(t, apptest.Seeded, func(t *testing.T, env *apptest.Env, d modeltest.DB) {
		srv := env.Serve(t)
		admin := env.SignIn(t, models.RoleAdmin)
		board := env.SignInBoard(t, "SEND Improvement Board", "SEND Health Forum")
		lead := env.SignIn(t, models.RoleLead, "DCO")
		completeAction(t, env, lead, "3.8")

		b := &tab{t: t, base: srv.URL, ctx: newTab(t, browser)}
		b.navigate("/login")
		b.signIn(board.User.Email)

		b.navigate("/packs")
		b.review("packs")
		if st := b.submitPrefix("Generate and store the pack"); st != http.StatusOK {
			t.Fatalf("generate a pack: status %d after the redirect, want 200", st)
		}
		if n := b.eval(`String(document.querySelectorAll('main table.govuk-table tbody tr').length)`); n != "1" {
			t.Errorf("stored packs table has %s rows after generating one, want 1", n)
		}
		b.review("packs-stored")
		b.navigate("/packs?board=send-improvement-board&quarter=2024-25+Q4&preview=1")
		b.mustHave(".sb-pack-preview")
		b.review("packs-preview")

		b.navigate("/actions/3.8")
		b.mustHave(`form[action="/actions/3.8/signoff"]`)
		b.mustHave("#c-body")
		b.review("action-board")
		if st := b.submit("Add comment"); st != http.StatusBadRequest {
			t.Fatalf("empty comment: status %d, want 400", st)
		}
		b.mustHave("#c-body-error")
		if loc, _ := chromedp.Run(b.ctx, chromedp.Location()); !strings.HasSuffix(loc, "#comments") {
			t.Errorf("after an empty comment the page opens at %s, not at the comments (#comments)", loc)
		}
		b.review("action-board-comment-error")

		b.navigate("/boards/send-improvement-board")
		b.review("board")

		b.navigate("/account")
		b.do(chromedp.SendKeys(chromedp.ID("t-name"), "quarterly report script"))
		if st := b.submit("Create token"); st != http.StatusCreated {
			t.Fatalf("create token: status %d, want 201", st)
		}
		b.mustHave("#new-token")
		b.mustHave(".sb-table-wrap table")
		b.review("account-token")

		a := &tab{t: t, base: srv.URL, ctx: newTab(t, browser)}
		a.navigate("/login")
		a.signIn(admin.User.Email)

		a.navigate("/jobs")
		if st := a.submit("Run now flag-overdue"); st != http.StatusOK {
			t.Fatalf("run flag-overdue: status %d after the redirect, want 200", st)
		}
		if runs := a.eval(`[...document.querySelectorAll('main table')].pop().innerText`); !strings.Contains(runs, "flag-overdue") {
			t.Errorf("recent runs after running flag-overdue: %q", runs)
		}
		a.review("jobs-ran")

		a.navigate("/users")
		a.review("users")
		a.do(chromedp.SendKeys(chromedp.ID("u-email"), "someone@example.test"))
		if st := a.submit("Add account"); st != http.StatusBadRequest {
			t.Fatalf("account without a name: status %d, want 400", st)
		}
		a.errorLinksLand("users form with an error")
		a.review("users-error")

		a.navigate("/actions/1.2/edit")
		a.review("action-edit")
		a.eval(`(document.getElementById('e-action').value = '')`)
		if st := a.submit("Save changes"); st != http.StatusBadRequest {
			t.Fatalf("edit with no action text: status %d, want 400", st)
		}
		a.errorLinksLand("action edit form with an error")
		a.review("action-edit-error")

		a.navigate("/kpis")
		a.mustHave("#kpi-file")
		a.do(chromedp.Click(chromedp.CSS(".sb-kpi-feed summary")))
		a.review("kpis-admin")

		a.open("/nowhere", http.StatusNotFound)
		a.review("404")
		a.open("/?status=finished", http.StatusBadRequest)
		a.review("400")
	})
}

// completeAction marks an action complete through the real form post, so a
// board member is offered the sign-off.
func completeAction(t *testing.T, env *apptest.Env, lead *apptest.Client, number string) {
	t.Helper()
	rec := env.PostForm(lead, "/actions/"+number+"/updates", url.Values{"narrative": {"Pathway embedded"},
		"status": {"complete"}, "rag": {"blue"}, "evidence": {"Audit of referrals"},
		"version": {fmt.Sprint(actionVersion(t, env, lead, number))}})
	if rec.Code != http.StatusSeeOther {
		t.Fatalf("complete %s: status %d: %.300s", number, rec.Code, rec.Body)
	}
}

// open navigates to a page expected to answer with status (an error page).
func (b *tab) open(path string, status int64) {
	b.t.Helper()
	resp, err := chromedp.Run(b.ctx, chromedp.NavigateResponse(b.base+path))
	if err != nil {
		b.t.Fatalf("navigate %s: %v", path, err)
	}
	if resp.Status != status {
		b.t.Fatalf("navigate %s: status %d, want %d", path, resp.Status, status)
	}
}

// submitPrefix clicks the submit button whose label starts with prefix.
func (b *tab) submitPrefix(prefix string) int64 {
	b.t.Helper()
	sel := chromedp.JSPath(fmt.Sprintf(`[...document.querySelectorAll('button[type=submit]')].find(e => e.textContent.trim().startsWith(%q))`, prefix))
	resp, err := chromedp.RunResponse(b.ctx, chromedp.Click(sel))
	if err != nil {
		b.t.Fatalf("submit %q: %v", prefix, err)
	}
	return resp.Status
}

// review checks the page as it stands (without reloading it, so a form
// re-shown with an error is checked as shown): axe-core, a screenshot, and at
// 320 CSS pixels no sideways scroll (WCAG 1.4.10) and a narrow screenshot.
func (b *tab) review(name string) {
	b.t.Helper()
	b.axe(name)
	b.shot(name)
	b.do(chromedp.EmulateViewport(320, 800))
	defer b.do(chromedp.EmulateViewport(1280, 900))
	if w := b.eval(`(r => r.scrollWidth > r.clientWidth ? String(r.scrollWidth) : '')(document.documentElement)`); w != "" {
		b.t.Errorf("at 320px %s is %spx wide: it scrolls sideways (widest: %s)", name, w, b.eval(widest))
	}
	// Tables scroll in their own box only at this width, so that box must be
	// reachable by keyboard (axe's rule, run here as well as at full width).
	if v := b.eval(`axe.run(document, {runOnly: ['scrollable-region-focusable']})
		.then(r => r.violations.flatMap(v => v.nodes.map(n => n.target.join(' '))).join(', '))`, chromedp.EvalAwaitPromise); v != "" {
		b.t.Errorf("at 320px %s has scrolling boxes a keyboard cannot reach: %s", name, v)
	}
	b.shot(name + "-narrow")
}

// widest names the elements sticking out past the viewport, to say what to fix.
const widest = `[...document.querySelectorAll('body *')].filter(e => e.getBoundingClientRect().right > document.documentElement.clientWidth + 1)
  .filter(e => !e.closest('.sb-table-wrap') || getComputedStyle(e).position === 'absolute')
  .slice(0, 5).map(e => e.tagName.toLowerCase() + (e.id ? '#' + e.id : '') + (e.className && typeof e.className === 'string' ? '.' + e.className.trim().split(/\s+/).join('.') : '')
  + ' ' + Math.round(e.getBoundingClientRect().right) + 'px').join(', ')`

// errorLinksLand checks the error summary is there and each of its links
// points at an element on the page (GOV.UK pattern: the link moves focus to
// the field in error).
func (b *tab) errorLinksLand(page string) {
	b.t.Helper()
	b.mustHave(".govuk-error-summary")
	if bad := b.eval(`[...document.querySelectorAll('.govuk-error-summary a[href^="#"]')]
		.filter(a => !document.getElementById(a.getAttribute('href').slice(1))).map(a => a.getAttribute('href')).join(' ')`); bad != "" {
		b.t.Errorf("%s: error summary links to missing ids: %s", page, bad)
	}
	// A field in error must be described by its message, so a screen reader
	// reads the message on reaching the field, not only in the summary.
	if bad := b.eval(`[...document.querySelectorAll('.govuk-error-summary a[href^="#"]')]
		.map(a => document.getElementById(a.getAttribute('href').slice(1)))
		.filter(f => f && f.matches('input, select, textarea') && !(f.getAttribute('aria-describedby') || '').split(' ')
			.some(id => document.getElementById(id)?.classList.contains('govuk-error-message')))
		.map(f => '#' + f.id).join(' ')`); bad != "" {
		b.t.Errorf("%s: fields not described by their error message: %s", page, bad)
	}
}
