package app_test

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"sendboard/app/apptest"
	"sendboard/models"
	"sendboard/models/modeltest"
)

// journeyEnv gives env's database flags as of today, 1.4 red and 3.8
// complete awaiting sign-off, and serves it; it returns an admin who leads as DCO.
func journeyEnv(t *testing.T, env *apptest.Env) (*httptest.Server, *apptest.Client) {
	d := env.DB
	srv := env.Serve(t)
	if _, err := models.RunFlags(context.Background(), d.DB, time.Now(), time.UTC, 90); err != nil {
		t.Fatal(err)
	}
	d.DB.Model(&models.Action{}).Where("number = ?", "1.4").Update("rag", "red")
	lead := env.SignIn(t, models.RoleLead, "DCO")
	completeAction(t, env, lead, "3.8")
	return srv, env.SignIn(t, models.RoleAdmin, "DCO")
}

// TestBrowserDashboardJourney: a board member opens the dashboard and sees
// what needs attention first, sorts the table by its headings and chooses a
// page size; the dashboard and indexes pass axe.
func TestBrowserDashboardJourney(t *testing.T) {
	t.Parallel()
	onSQLite(t, apptest.Seeded, func(t *testing.T, env *apptest.Env, d modeltest.DB) {
		browser := startBrowserFor(t, 5*time.Minute)
		srv, admin := journeyEnv(t, env)

		b := &tab{t: t, base: srv.URL, ctx: newTab(t, browser)}
		b.navigate("/login")
		b.signIn(admin.User.Email)
		b.navigate("/")
		// The first heading after the page's h1 is the attention list.
		if h := b.eval(`document.querySelector('main h2').innerText`); h != "Needs attention" {
			t.Errorf("the first section of the dashboard is %q, want Needs attention", h)
		}
		counts := b.eval(`[...document.querySelectorAll('.sb-attention-group h3')].map(h => h.innerText.replace(/\s+/g, ' ')).join('|')`)
		for _, want := range []string{"Rated red 1 action", "Overdue initiation 12 actions", "Milestone passed 59 actions",
			"No update for 90 days 59 actions", "Complete, awaiting sign-off 1 action"} {
			if !strings.Contains(counts, want) {
				t.Errorf("attention groups %q lack %q", counts, want)
			}
		}
		// Milestone passed, longest first: the July 2019 actions lead.
		first := b.eval(`document.querySelector('#attention-milestone_passed li').innerText`)
		if !strings.HasPrefix(first, "1.1 ") || !strings.Contains(first, "due July 2019") {
			t.Errorf("first milestone passed = %q, want 1.1 due July 2019", first)
		}
		if r := b.eval(`document.querySelector('.sb-results').innerText`); r != "Showing 1–50 of 60 actions." {
			t.Errorf("results line = %q", r)
		}
		b.axe("dashboard with attention and charts")
		b.shot("journey-dashboard")

		// Sort by due (ascending, then descending) and by RAG, by clicking the headings.
		clickLink := func(text string) {
			t.Helper()
			sel := fmt.Sprintf(`[...document.querySelectorAll('table.sb-actions thead a')].find(a => a.innerText.trim().startsWith(%q))`, text)
			if _, err := chromedp.RunResponse(b.ctx, chromedp.Click(chromedp.JSPath(sel))); err != nil {
				t.Fatalf("click %s: %v", text, err)
			}
		}
		firstRow := func() string {
			return b.eval(`document.querySelector('table.sb-actions tbody tr').innerText.replace(/\s+/g, ' ')`)
		}
		clickLink("Due")
		if r := firstRow(); !strings.Contains(r, "Due July 2019") || !strings.HasPrefix(r, "1.1") {
			t.Errorf("sorted by due, first row = %q", r)
		}
		if s := b.eval(`document.querySelector('th[aria-sort]').innerText.trim()`); !strings.HasPrefix(s, "Due") {
			t.Errorf("aria-sort is on %q, want the Due column", s)
		}
		clickLink("Due")
		if r := firstRow(); !strings.Contains(r, "Due May 2020") || !strings.HasPrefix(r, "3.17") {
			t.Errorf("sorted by due descending, first row = %q", r)
		}
		if s := b.eval(`document.querySelector('th[aria-sort]').getAttribute('aria-sort')`); s != "descending" {
			t.Errorf("aria-sort = %q after the second click, want descending", s)
		}
		clickLink("RAG")
		if r := firstRow(); !strings.HasPrefix(r, "1.4") || !strings.Contains(r, "Red") {
			t.Errorf("sorted by RAG, first row = %q, want 1.4 (red)", r)
		}
		// A bigger page keeps the sort.
		b.eval(`(document.getElementById('f-size').value = '100', '')`)
		b.submit("Show")
		if r := b.eval(`document.querySelector('.sb-results').innerText`); r != "Showing 1–60 of 60 actions." {
			t.Errorf("after choosing 100 a page: %q", r)
		}
		if r := firstRow(); !strings.HasPrefix(r, "1.4") {
			t.Errorf("the page size lost the sort: first row %q", r)
		}

		b.navigate("/boards")
		b.axe("boards index")
		b.navigate("/leads")
		b.axe("leads index")
	})
}

// TestBrowserPhoneWidths: at 320 and 390 px no page scrolls sideways (the
// action page's audit log and KPI tables included), and the dashboard,
// board, lead and My actions tables keep number, status, RAG and flags on
// screen without a scrolling box.
func TestBrowserPhoneWidths(t *testing.T) {
	t.Parallel()
	onSQLite(t, apptest.Seeded, func(t *testing.T, env *apptest.Env, d modeltest.DB) {
		srv, admin := journeyEnv(t, env)
		// Audit entries on 1.2 for the action page's audit log.
		var a models.Action
		d.DB.Preload("Boards").Where("number = ?", "1.2").Take(&a)
		form := url.Values{"aim": {a.Aim}, "action": {"Health teams share the local offer with every family they see, at every contact."},
			"impact_measure": {a.ImpactMeasure}, "lead": {fmt.Sprint(*a.LeadID)}, "priority": {fmt.Sprint(a.PriorityAreaID)},
			"version": {fmt.Sprint(a.Version)}}
		if a.MilestoneID != nil {
			form.Set("milestone", fmt.Sprint(*a.MilestoneID))
		}
		if rec := env.PostForm(admin, "/actions/1.2/edit", form); rec.Code != http.StatusSeeOther {
			t.Fatalf("edit 1.2: %d", rec.Code)
		}
		pages := []string{"/", "/?sort=-due&size=100", "/boards", "/leads", "/boards/send-improvement-board", "/leads/dco",
			"/actions/1.2", "/actions/3.6", "/actions/1.2/edit", "/kpis", "/me", "/packs", "/account", "/users", "/jobs"}
		for _, w := range []int64{320, 390} {
			b := &tab{t: t, base: srv.URL, ctx: newTab(t, startBrowserFor(t, 8*time.Minute))}
			b.navigate("/login")
			b.signIn(admin.User.Email)
			b.reflowAt(w, pages...)
		}
	})
}

// reflowAt checks each page at width w: the page does not scroll sideways,
// no table box scrolls either on the dashboard, board, lead and My actions
// pages, and their rows' number, status, RAG and flags are on screen.
func (b *tab) reflowAt(w int64, paths ...string) {
	b.t.Helper()
	b.do(chromedp.EmulateViewport(w, 800))
	defer b.do(chromedp.EmulateViewport(1280, 900))
	for _, p := range paths {
		b.navigate(p)
		if sw := b.eval(`(r => r.scrollWidth > r.clientWidth ? String(r.scrollWidth) : '')(document.documentElement)`); sw != "" {
			wide := b.eval(`[...document.querySelectorAll('main table, main pre, main dl, main form')].filter(e => e.getBoundingClientRect().right > innerWidth + 1)
				.map(e => e.tagName.toLowerCase() + '.' + [...e.classList].join('.') + ' "' + ((e.caption || {}).innerText || '') + '" ' + Math.round(e.getBoundingClientRect().width) + 'px').join(', ')`)
			b.t.Errorf("at %dpx %s is %spx wide: it scrolls sideways (widest: %s)", w, p, sw, wide)
		}
		if !b.has("table.sb-actions") {
			continue
		}
		hidden := b.eval(`(() => {
			const bad = [];
			document.querySelectorAll('.sb-table-wrap').forEach(e => { if (e.scrollWidth > e.clientWidth + 1) bad.push('table box scrolls ' + e.scrollWidth + '>' + e.clientWidth); });
			const row = document.querySelector('table.sb-actions tbody tr');
			for (const c of ['sb-c-number', 'sb-c-status', 'sb-c-rag', 'sb-c-flags']) {
				const cell = row.querySelector('.' + c);
				if (!cell) { bad.push(c + ' missing'); continue; }
				const r = cell.getBoundingClientRect();
				if (cell.innerText.trim() !== '' && (r.width === 0 || r.left < 0 || r.right > innerWidth)) bad.push(c + ' off screen at ' + Math.round(r.left) + '..' + Math.round(r.right));
			}
			return bad.join('; ');
		})()`)
		if hidden != "" {
			b.t.Errorf("at %dpx %s: %s", w, p, hidden)
		}
		b.shot(fmt.Sprintf("w%d%s", w, strings.ReplaceAll(strings.NewReplacer("?", "-", "&", "-", "=", "").Replace(p), "/", "-")))
	}
}
