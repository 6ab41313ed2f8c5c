package app_test

import (
	"context"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"sendboard/app/apptest"
	"sendboard/models"
	"sendboard/models/modeltest"
	"sendboard/models/planfile"
	"sendboard/models/planimport"
)

// TestBrowserPlans drives an admin creating a plan, an area and an action
// through the pages in Chromium, with a refused form on the way, and checks
// each new page with axe-core and at 320 CSS pixels.
func TestBrowserPlans(t *testing.T) {
	t.Parallel()
	onSQLite(t, apptest.Seeded, func(t *testing.T, env *apptest.Env, d modeltest.DB) {
		browser := startBrowser(t)
		srv := env.Serve(t)
		admin := env.SignIn(t, models.RoleAdmin)
		b := &tab{t: t, base: srv.URL, ctx: newTab(t, browser)}
		b.navigate("/login")
		b.signIn(admin.User.Email)

		b.navigate("/plans/new")
		b.do(chromedp.SendKeys(chromedp.ID("f-partnership"), "Dorset local area partnership"))
		if st := b.submit("Create plan"); st != http.StatusBadRequest {
			t.Fatalf("a plan without a name: status %d, want 400", st)
		}
		b.errorLinksLand("new plan")
		b.review("plan-new-error")
		b.do(chromedp.SendKeys(chromedp.ID("f-name"), "Priority Action Plan 2025"),
			chromedp.SendKeys(chromedp.ID("f-start_date-day"), "1"), chromedp.SendKeys(chromedp.ID("f-start_date-month"), "4"),
			chromedp.SendKeys(chromedp.ID("f-start_date-year"), "2025"))
		if st := b.submit("Create plan"); st != http.StatusOK {
			t.Fatalf("create plan: status %d", st)
		}

		const base = "/plans/priority-action-plan-2025"
		b.navigate(base + "/areas")
		b.do(chromedp.SendKeys(chromedp.ID("f-code"), "A"), chromedp.SendKeys(chromedp.ID("f-title"), "Joint commissioning"),
			chromedp.Click(chromedp.ID("f-owners-2")))
		if st := b.submit("Add area"); st != http.StatusOK {
			t.Fatalf("add area: status %d", st)
		}
		if !strings.Contains(b.eval(`document.querySelector('main table').innerText`), "Joint commissioning") {
			t.Fatal("the new area is not listed")
		}

		b.navigate(base + "/actions/new")
		b.do(chromedp.SendKeys(chromedp.ID("f-number"), "1.1"), chromedp.SendKeys(chromedp.ID("f-action"), "Publish the joint commissioning strategy"),
			chromedp.SendKeys(chromedp.ID("f-due"), "2025-01-31"))
		if st := b.submit("Add action"); st != http.StatusOK {
			t.Fatalf("add action: status %d", st)
		}
		if loc, _ := chromedp.Run(b.ctx, chromedp.Location()); !strings.HasSuffix(loc, base+"/actions/1.1") {
			t.Fatalf("after adding the action the browser is at %s", loc)
		}
		if due := b.eval(`document.getElementById('due').innerText`); due != "due 31 January 2025" {
			t.Errorf("due shown as %q", due)
		}
		b.review("plan-action")

		b.navigate(base + "/actions/1.1/due")
		b.do(chromedp.SendKeys(chromedp.ID("f-due-day"), "31"), chromedp.SendKeys(chromedp.ID("f-due-month"), "3"),
			chromedp.SendKeys(chromedp.ID("f-due-year"), "2025"), chromedp.SendKeys(chromedp.ID("f-reason"), "Consultation extended"))
		if st := b.submit("Save the new due date"); st != http.StatusOK {
			t.Fatalf("revise due: status %d", st)
		}
		if due := b.eval(`document.getElementById('due').innerText`); due != "due 31 March 2025 (revised from 31 January 2025)" {
			t.Errorf("revised due shown as %q", due)
		}
		b.navigate(base)
		if n := b.eval(`String(document.querySelectorAll('table.sb-actions a[href="` + base + `/actions/1.1"]').length)`); n != "1" {
			t.Errorf("the plan's overview links its new action %s times, want once", n)
		}
	})
}

// TestBrowserPlanPages checks the other new pages with axe-core and at 320
// CSS pixels, on a plan made through the models.
func TestBrowserPlanPages(t *testing.T) {
	t.Parallel()
	onSQLite(t, apptest.Seeded, func(t *testing.T, env *apptest.Env, d modeltest.DB) {
		browser := startBrowser(t)
		srv := env.Serve(t)
		admin := env.SignIn(t, models.RoleAdmin)
		ctx := context.Background()
		file, err := planfile.WriteCSV(&planfile.Plan{Areas: []planfile.Area{{Code: "A", Title: "Inclusion", Owners: models.OwnerBoth}},
			Actions: []planfile.Action{{Number: "1.1", AreaCode: "A", Milestone: "Year one", Text: "Train SENCOs", Lead: "DCO",
				SRO: "Director of Education", Boards: []string{"SEND Improvement Board"}, Due: "2026-03-31", Status: models.StatusInProgress, RAG: "green"}}})
		if err != nil {
			t.Fatal(err)
		}
		in := planimport.Request{Name: "SEND reform plan", Type: models.PlanReformPlan, File: "reform.csv"}
		if _, err := planimport.Import(ctx, d.DB, admin.User, file, in, time.Now()); err != nil {
			t.Fatal(err)
		}
		b := &tab{t: t, base: srv.URL, ctx: newTab(t, browser)}
		b.navigate("/login")
		b.signIn(admin.User.Email)
		const base = "/plans/send-reform-plan"
		for _, p := range []struct{ path, name string }{{"/plans", "plans"}, {base + "/settings", "plan-settings"},
			{base + "/areas", "plan-areas"}, {base + "/milestones", "plan-milestones"}, {base + "/actions/1.1/due", "plan-action-due"},
			{base + "/actions/1.1/retire", "plan-action-retire"}, {base, "plan-dashboard"}, {"/admin/boards", "admin-boards"},
			{"/admin/leads", "admin-leads"}, {"/boards/send-improvement-board", "board-across-plans"}} {
			b.navigate(p.path)
			b.review(p.name)
		}
	})
}
