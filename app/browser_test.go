package app_test

import (
	"context"
	_ "embed"
	"fmt"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"sendboard/app/apptest"
	"sendboard/models"
	"sendboard/models/modeltest"
)

// axeSource is axe-core (MPL-2.0, see testdata/axe-LICENSE.txt), vendored from
// npm so the accessibility check runs offline and on a pinned version.
//
//go:embed testdata/axe.min.js
var axeSource string

// axeRun checks the page against WCAG 2.0, 2.1 and 2.2 A and AA, and returns
// the violations in short (at most five elements each).
const axeRun = `axe.run(document, {runOnly: {type: 'tag', values: ['wcag2a','wcag2aa','wcag21a','wcag21aa','wcag22aa']}})
  .then(r => ({passes: r.passes.length, violations: r.violations.map(v => ({id: v.id, impact: v.impact || '', help: v.help,
    nodes: v.nodes.slice(0, 5).map(n => n.target.join(' ') + ' — ' + (n.failureSummary || '').replace(/\s+/g, ' '))}))}))`

type axeViolation struct {
	ID, Impact, Help string
	Nodes            []string
}

// TestBrowser drives the real app in headless Chromium: a lead signs in,
// records progress on an action they lead and sees it on the dashboard; a lead
// of another action gets no form and a forged post is refused; axe-core finds
// no serious or critical WCAG problems on the main pages.
func TestBrowser(t *testing.T) {
	t.Parallel()
	browser := startBrowser(t)
	onSQLite(t, apptest.Seeded, func(t *testing.T, env *apptest.Env, d modeltest.DB) {
		srv := env.Serve(t)
		dco := env.SignIn(t, models.RoleLead, "DCO")
		qa := env.SignIn(t, models.RoleLead, "SEND Quality Assurance Officer")

		b := &tab{t: t, base: srv.URL, ctx: newTab(t, browser)}
		b.navigate("/login")
		b.axe("sign-in page")
		b.shot("signin")
		b.signIn(dco.User.Email)
		b.axe("dashboard")
		b.shot("dashboard")
		if row := b.dashboardRow("/?status=in_progress&rag=green", "1.2"); row != "" {
			t.Fatalf("1.2 is already in progress and green before the update: %q", row)
		}

		b.navigate("/actions/1.2")
		b.mustHave("#p-narrative")
		b.axe("action page with the progress form")
		b.shot("action")

		// An empty narrative re-shows the form with the error and what was typed.
		b.do(chromedp.SendKeys(chromedp.ID("p-evidence"), "kept evidence"))
		if st := b.submit("Save progress"); st != http.StatusBadRequest {
			t.Fatalf("empty narrative: status %d, want 400", st)
		}
		b.mustHave("#p-narrative-error")
		if d := b.eval(`document.getElementById('p-narrative').getAttribute('aria-describedby')`); !strings.Contains(d, "p-narrative-error") {
			t.Errorf("the narrative field is not described by its error (aria-describedby=%q)", d)
		}
		if loc, _ := chromedp.Run(b.ctx, chromedp.Location()); !strings.HasSuffix(loc, "#record") {
			t.Errorf("after an error the page opens at %s, not at the form (#record)", loc)
		}
		if got := b.eval(`document.getElementById('p-evidence').value`); got != "kept evidence" {
			t.Errorf("evidence after the error = %q, want it kept", got)
		}
		b.axe("progress form with a validation error")

		narrative := fmt.Sprintf("Face to face sessions held with %s staff", d.Name)
		b.do(chromedp.SendKeys(chromedp.ID("p-narrative"), narrative),
			chromedp.Click(chromedp.ID("p-status-in_progress")), chromedp.Click(chromedp.ID("p-rag-green")))
		if st := b.submit("Save progress"); st != http.StatusOK {
			t.Fatalf("save progress: status %d after the redirect, want 200", st)
		}
		if banner := b.eval(`(document.querySelector('.govuk-notification-banner--success') || {}).innerText || ''`); banner == "" {
			t.Errorf("no success banner after saving progress")
		}
		if tl := b.eval(`(document.querySelector('.sb-timeline') || {}).innerText || ''`); !strings.Contains(tl, narrative) ||
			!strings.Contains(tl, "In progress, Green") {
			t.Errorf("progress timeline %q lacks the new update", tl)
		}
		row := b.dashboardRow("/?status=in_progress&rag=green", "1.2")
		if !strings.Contains(row, "In progress") || !strings.Contains(row, "Green") {
			t.Errorf("dashboard filtered on in progress + green: row for 1.2 = %q", row)
		}
		b.shot("dashboard-after")

		b.navigate("/kpis")
		b.axe("KPIs")
		b.shot("kpis")
		b.navigate("/me")
		b.axe("my actions")
		b.shot("me")
		if !strings.Contains(b.eval(`document.querySelector('main').innerText`), "1.2") {
			t.Errorf("/me for the DCO lead does not list 1.2")
		}
		b.reflow("/", "/actions/1.2", "/kpis", "/me")

		// A lead of another action: the form shows on theirs (1.4), not on 1.2,
		// and a post forged with a valid CSRF token is refused.
		o := &tab{t: t, base: srv.URL, ctx: newTab(t, browser)}
		o.navigate("/login")
		o.signIn(qa.User.Email)
		o.navigate("/actions/1.4")
		o.mustHave("#p-narrative")
		o.navigate("/actions/1.2")
		if o.has("#p-narrative") || o.has(`form[action="/actions/1.2/updates"]`) {
			t.Errorf("a lead of another action sees the progress form on 1.2")
		}
		forged := o.eval(`fetch('/actions/1.2/updates', {method: 'POST', body: new URLSearchParams({
			_csrf: document.querySelector('input[name=_csrf]').value, narrative: 'forged', status: 'complete',
			rag: 'red', evidence: 'none', version: '2'})}).then(r => String(r.status))`, chromedp.EvalAwaitPromise)
		if forged != "403" {
			t.Errorf("forged progress post by a lead of another action: status %s, want 403", forged)
		}
		o.navigate("/actions/1.2")
		if tl := o.eval(`document.querySelector('main').innerText`); strings.Contains(tl, "forged") {
			t.Errorf("the forged update was saved")
		}
	})
}

// TestMain stops the package's Chromium, then drops the databases and
// templates the tests made (see modeltest.Main).
func TestMain(m *testing.M) { modeltest.Main(m, func() { browserStop() }) }

// onSQLite runs a browser test once, on a copy of fixture f on SQLite: what a
// page shows does not depend on the database, and the HTTP tests cover the
// database-dependent behaviour on both.
func onSQLite(t *testing.T, f modeltest.Fixture, fn func(t *testing.T, env *apptest.Env, d modeltest.DB)) {
	t.Helper()
	t.Run("sqlite", func(t *testing.T) {
		d := modeltest.SQLiteWith(t, f)
		fn(t, apptest.Open(t, d), d)
	})
}

// startBrowser gives the test the package's headless Chromium with a time
// limit of its own, generous enough for a loaded machine. In CI a missing
// browser fails the test; elsewhere it skips with a message.
func startBrowser(t *testing.T) context.Context {
	t.Helper()
	return startBrowserFor(t, 4*time.Minute)
}

// startBrowserFor is startBrowser with a time limit for tests that visit
// many pages. The limit is the test's alone: tabs of other tests do not count.
func startBrowserFor(t *testing.T, budget time.Duration) context.Context {
	t.Helper()
	b := sharedBrowser(t)
	ctx, cancel := context.WithTimeout(b, budget)
	t.Cleanup(cancel)
	return ctx
}

// One Chromium serves every test of the package (starting one takes seconds);
// each test's tabs have browser contexts of their own, so no cookies are shared.
var (
	browserOnce sync.Once
	browserCtx  context.Context
	browserErr  error
	browserStop = func() {}
)

func sharedBrowser(t *testing.T) context.Context {
	t.Helper()
	path := os.Getenv("SENDBOARD_CHROMIUM")
	if path == "" {
		path = "/usr/bin/chromium"
		if p, err := exec.LookPath("chromium"); err == nil {
			path = p
		}
	}
	if _, err := os.Stat(path); err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatalf("Chromium not found at %s (SENDBOARD_CHROMIUM): CI must run the browser test (see .ci/run)", path)
		}
		t.Skipf("no Chromium at %s; install chromium or set SENDBOARD_CHROMIUM to run the browser test", path)
	}
	browserOnce.Do(func() { browserCtx, browserErr = launchBrowser(path) })
	if browserErr != nil {
		t.Fatalf("start Chromium at %s: %v", path, browserErr)
	}
	return browserCtx
}

func launchBrowser(path string) (context.Context, error) {
	dir, err := os.MkdirTemp("", "sendboard-chromium-")
	if err != nil {
		return nil, err
	}
	opts := append(chromedp.DefaultExecAllocatorOptions[:], chromedp.ExecPath(path), chromedp.Headless,
		chromedp.NoSandbox, chromedp.DisableGPU, chromedp.NoFirstRun, chromedp.UserDataDir(dir),
		chromedp.Flag("disable-background-networking", true), chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true), chromedp.WindowSize(1280, 900))
	alloc, cancelAlloc := chromedp.NewExecAllocator(context.Background(), opts...)
	bctx, cancelBrowser := chromedp.NewContext(alloc)
	browserStop = func() { cancelBrowser(); cancelAlloc(); os.RemoveAll(dir) }
	// The first run starts the browser and binds it to the context it is given,
	// so it must be bctx itself, not one with a deadline; the wait for the
	// browser's first answer is bounded by chromedp (WSURLReadTimeout).
	if err := chromedp.Do(bctx); err != nil {
		browserStop()
		return nil, err
	}
	return bctx, nil
}

// newTab opens a tab in its own browser context, so each user has their own cookies.
func newTab(t *testing.T, browser context.Context) context.Context {
	ctx, cancel := chromedp.NewContext(browser, chromedp.WithNewBrowserContext())
	t.Cleanup(cancel)
	return ctx
}

// tab is one signed-in (or not yet) user's browser tab on the test server.
type tab struct {
	t    *testing.T
	base string
	ctx  context.Context
}

func (b *tab) do(steps ...chromedp.Action[chromedp.Void]) {
	b.t.Helper()
	if err := chromedp.Do(b.ctx, steps...); err != nil {
		b.t.Fatalf("browser: %v", err)
	}
}

func (b *tab) navigate(path string) {
	b.t.Helper()
	resp, err := chromedp.Run(b.ctx, chromedp.NavigateResponse(b.base+path))
	if err != nil {
		b.t.Fatalf("navigate %s: %v", path, err)
	}
	if resp.Status != http.StatusOK {
		b.t.Fatalf("navigate %s: status %d", path, resp.Status)
	}
}

// submit clicks the button labelled label and waits for the page it leads to,
// returning that page's status (after any redirect).
func (b *tab) submit(label string) int64 {
	b.t.Helper()
	sel := chromedp.JSPath(fmt.Sprintf(`[...document.querySelectorAll('button[type=submit]')].find(e => e.textContent.trim() === %q)`, label))
	resp, err := chromedp.RunResponse(b.ctx, chromedp.Click(sel))
	if err != nil {
		b.t.Fatalf("submit %q: %v", label, err)
	}
	return resp.Status
}

func (b *tab) signIn(email string) {
	b.t.Helper()
	b.do(chromedp.SendKeys(chromedp.ID("email"), email),
		chromedp.SendKeys(chromedp.ID("password"), "correct horse battery staple"))
	if st := b.submit("Sign in"); st != http.StatusOK {
		b.t.Fatalf("sign in as %s: status %d", email, st)
	}
	if loc, _ := chromedp.Run(b.ctx, chromedp.Location()); strings.HasSuffix(loc, "/login") {
		b.t.Fatalf("sign in as %s: still on the sign-in page", email)
	}
}

// eval runs a JavaScript expression that yields a string.
func (b *tab) eval(js string, opts ...chromedp.EvaluateOption) string {
	b.t.Helper()
	s, err := chromedp.Run(b.ctx, chromedp.Evaluate[string](js, opts...))
	if err != nil {
		b.t.Fatalf("evaluate %.60q: %v", js, err)
	}
	return s
}

func (b *tab) has(css string) bool {
	b.t.Helper()
	return b.eval(fmt.Sprintf(`String(document.querySelector(%q) !== null)`, css)) == "true"
}

func (b *tab) mustHave(css string) {
	b.t.Helper()
	if !b.has(css) {
		b.t.Fatalf("%s not on the page", css)
	}
}

// dashboardRow returns the text of the dashboard row linking to an action
// ("" when the filtered list does not show it).
func (b *tab) dashboardRow(path, number string) string {
	b.t.Helper()
	b.navigate(path)
	return b.eval(fmt.Sprintf(`(() => { const a = document.querySelector('table.sb-actions a[href="/actions/%s"]');
		return a ? a.closest('tr').innerText : '' })()`, number))
}

// axe injects axe-core through the DevTools protocol (not subject to the
// page's CSP) and fails on serious or critical violations; lesser ones are logged.
func (b *tab) axe(page string) {
	b.t.Helper()
	// Injected once per page: a page checked in several states keeps it.
	if b.eval(`typeof axe`) == "undefined" {
		if err := chromedp.Do(b.ctx, chromedp.Evaluate[chromedp.Void](axeSource)); err != nil {
			b.t.Fatalf("inject axe-core on %s: %v", page, err)
		}
	}
	res, err := chromedp.Run(b.ctx, chromedp.Evaluate[struct {
		Passes     int
		Violations []axeViolation
	}](axeRun, chromedp.EvalAwaitPromise))
	if err != nil {
		b.t.Fatalf("axe on %s: %v", page, err)
	}
	if res.Passes == 0 {
		b.t.Fatalf("axe on %s checked nothing", page)
	}
	for _, v := range res.Violations {
		nodes := strings.Join(v.Nodes, "\n    ")
		if v.Impact == "serious" || v.Impact == "critical" {
			b.t.Errorf("axe on %s: %s (%s): %s\n    %s", page, v.ID, v.Impact, v.Help, nodes)
		} else {
			b.t.Logf("axe on %s (not failing): %s (%s): %s\n    %s", page, v.ID, v.Impact, v.Help, nodes)
		}
	}
}

// reflow checks WCAG 1.4.10 (which axe does not): at 320 CSS pixels wide the
// page does not scroll sideways; wide tables scroll inside their own box.
func (b *tab) reflow(paths ...string) {
	b.t.Helper()
	b.do(chromedp.EmulateViewport(320, 800))
	defer b.do(chromedp.EmulateViewport(1280, 900))
	for _, p := range paths {
		b.navigate(p)
		if w := b.eval(`(r => r.scrollWidth > r.clientWidth ? String(r.scrollWidth) : '')(document.documentElement)`); w != "" {
			b.t.Errorf("at 320px %s is %spx wide: it scrolls sideways", p, w)
		}
		b.shot("narrow" + strings.ReplaceAll(p, "/", "-"))
	}
}

// shot saves a full-page screenshot to $SENDBOARD_SHOTS, when set, for a person to look at.
func (b *tab) shot(name string) {
	b.t.Helper()
	dir := os.Getenv("SENDBOARD_SHOTS")
	if dir == "" {
		return
	}
	png, err := chromedp.Run(b.ctx, chromedp.FullScreenshot(100))
	if err != nil {
		b.t.Fatalf("screenshot %s: %v", name, err)
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		b.t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, b.t.Name()[strings.LastIndex(b.t.Name(), "/")+1:]+"-"+name+".png"), png, 0o644); err != nil {
		b.t.Fatal(err)
	}
}
