package app_test

import (
	"net/http"
	"net/url"
	"strings"
	"testing"

	"sendboard/app/apptest"
	"sendboard/models"
	"sendboard/models/modeltest"
)

func mustStatus(t *testing.T, rec *httpResult, want int, what string) string {
	t.Helper()
	if rec.Code != want {
		t.Fatalf("%s: status %d, want %d\n%s", what, rec.Code, want, snippet(rec.Body.String()))
	}
	return rec.Body.String()
}

func versionOf(t *testing.T, d modeltest.DB, plan, number string) string {
	t.Helper()
	var v int
	if err := d.DB.Raw("SELECT a.version FROM actions a JOIN plans p ON p.id = a.plan_id WHERE p.slug = ? AND a.number = ?", plan, number).Scan(&v).Error; err != nil {
		t.Fatal(err)
	}
	return itoa(uint(v))
}

// An admin builds a second plan through the pages; both plans have their
// overview and action pages, the default plan keeps its old addresses,
// board and lead pages and "My actions" span plans, a due date revision shows
// the original, and a retired action leaves the counts.
func TestPlansThroughThePages(t *testing.T) {
	t.Parallel()
	apptest.Each(t, func(t *testing.T, env *apptest.Env, d modeltest.DB) {
		admin := env.SignIn(t, models.RoleAdmin)
		dco := env.SignIn(t, models.RoleLead, "DCO")
		post := func(path string, form url.Values) *httpResult { return env.PostForm(admin, path, form) }
		get := func(c *apptest.Client, path string) *httpResult { return env.Get(c, path) }

		body := mustStatus(t, post("/plans", url.Values{"name": {""}, "partnership": {"Kept text"}, "type": {"pap"}}), 400, "a plan without a name")
		for _, want := range []string{"govuk-error-summary", `href="#f-name"`, "Enter the plan", `value="Kept text"`} {
			if !strings.Contains(body, want) {
				t.Errorf("refused plan form lacks %q", want)
			}
		}
		rec := post("/plans", url.Values{"name": {"Priority Action Plan 2025"}, "type": {"pap"}, "status": {"active"},
			"start_date-day": {"1"}, "start_date-month": {"4"}, "start_date-year": {"2025"}, "partnership": {"Dorset"}})
		if rec.Code != http.StatusSeeOther || rec.Header().Get("Location") != "/plans/priority-action-plan-2025/settings" {
			t.Fatalf("create plan: %d %s", rec.Code, rec.Header().Get("Location"))
		}
		const base = "/plans/priority-action-plan-2025"
		mustStatus(t, post(base+"/areas", url.Values{"code": {"A"}, "title": {"Joint commissioning"}, "owners": {"both"}}), 303, "add area")
		mustStatus(t, post(base+"/milestones", url.Values{"label": {"By March 2025"}, "due": {"2025-03"}}), 303, "add milestone")
		mustStatus(t, post("/admin/leads", url.Values{"name": {"Director of Education"}}), 303, "add lead")
		mustStatus(t, post("/admin/boards", url.Values{"name": {"SEND Reform Board"}}), 303, "add board")
		var area, lead, board, sro uint
		d.DB.Raw("SELECT id FROM priority_areas WHERE code = 'A'").Scan(&area)
		d.DB.Raw("SELECT id FROM leads WHERE slug = 'dco'").Scan(&lead)
		d.DB.Raw("SELECT id FROM leads WHERE slug = 'director-of-education'").Scan(&sro)
		d.DB.Raw("SELECT id FROM boards WHERE slug = 'send-improvement-board'").Scan(&board)
		rec = post(base+"/actions", url.Values{"number": {"1.1"}, "priority": {itoa(area)}, "action": {"Publish the local offer"},
			"impact_measure": {"Parents find it"}, "lead": {itoa(lead)}, "sro": {itoa(sro)}, "boards": {itoa(board)},
			"milestone": {"0"}, "due": {"2025-01-31"}, "status": {"in_progress"}})
		if rec.Code != http.StatusSeeOther || rec.Header().Get("Location") != base+"/actions/1.1" {
			t.Fatalf("create action: %d %s\n%s", rec.Code, rec.Header().Get("Location"), snippet(rec.Body.String()))
		}
		body = mustStatus(t, post(base+"/actions", url.Values{"number": {"1.1"}, "priority": {itoa(area)}, "action": {"Again"}, "due": {"2025-02"}}), 400, "a second 1.1")
		if !strings.Contains(body, "already has an action 1.1") || !strings.Contains(body, ">Again</textarea>") {
			t.Error("a refused action form does not say why or loses the text")
		}

		body = mustStatus(t, get(admin, base), 200, "the new plan's overview")
		if !strings.Contains(body, `href="`+base+`/actions/1.1"`) || !strings.Contains(body, "Priority Action Plan 2025") {
			t.Error("the new plan's overview does not link its action")
		}
		mustStatus(t, get(admin, "/actions/1.1"), 200, "the default plan's old action address")
		if !strings.Contains(mustStatus(t, get(admin, "/plans/dorset-wsoa-2019/actions/1.1"), 200, "the seeded action under its plan"), "Framework has been agreed") {
			t.Error("the seeded plan's action under /plans is not the seeded 1.1")
		}

		// The due date is asked for as a GOV.UK date: 31/03/2025 typed the British way is refused with the example to follow.
		rec = post(base+"/actions/1.1/due", url.Values{"due-day": {"31/03/2025"}, "reason": {"Printing delayed"}, "version": {versionOf(t, d, "priority-action-plan-2025", "1.1")}})
		body = mustStatus(t, rec, 400, "a due date in one box")
		if !strings.Contains(body, "like 31 3 2027") || !strings.Contains(body, "<title>Error: ") || !strings.Contains(body, "Printing delayed") {
			t.Errorf("a bad due date is not refused as GOV.UK asks, keeping the reason\n%s", snippet(body))
		}
		rec = post(base+"/actions/1.1/due", url.Values{"due-day": {"31"}, "due-month": {"3"}, "due-year": {"2025"}, "reason": {"Printing delayed"}, "version": {versionOf(t, d, "priority-action-plan-2025", "1.1")}})
		mustStatus(t, rec, 303, "revise the due date")
		body = mustStatus(t, get(admin, base+"/actions/1.1"), 200, "the revised action")
		for _, want := range []string{"due 31 March 2025 (revised from 31 January 2025)", "Printing delayed", "Director of Education"} {
			if !strings.Contains(body, want) {
				t.Errorf("action page lacks %q", want)
			}
		}

		// The board and the lead span plans.
		body = mustStatus(t, get(admin, "/boards/send-improvement-board"), 200, "board page")
		if !strings.Contains(body, "by plan") || !strings.Contains(body, `href="`+base+`/boards/send-improvement-board"`) {
			t.Error("the board page does not list its actions in the other plan")
		}
		mustStatus(t, get(admin, base+"/boards/send-improvement-board"), 200, "the board in the new plan")
		if body = mustStatus(t, get(dco, "/me"), 200, "my actions"); !strings.Contains(body, base+"/actions/1.1#record") || !strings.Contains(body, "1.2") {
			t.Error("My actions does not span plans")
		}

		// Home page choice.
		mustStatus(t, post("/plans/home", url.Values{"home": {"list"}}), 303, "home choice")
		if body = mustStatus(t, get(admin, "/"), 200, "home"); !strings.Contains(body, "Priority Action Plan 2025") || !strings.Contains(body, "What the home page shows") {
			t.Error("with two active plans and the list chosen, / does not show the list")
		}
		mustStatus(t, post("/plans/home", url.Values{"home": {"default"}}), 303, "home choice")
		if body = mustStatus(t, get(admin, "/"), 200, "home"); !strings.Contains(body, "Where every action stands") {
			t.Error("/ does not show the default plan")
		}

		// Retiring leaves the counts but keeps the page.
		mustStatus(t, post(base+"/actions/1.1/retire", url.Values{"reason": {"Merged"}, "version": {versionOf(t, d, "priority-action-plan-2025", "1.1")}}), 303, "retire")
		if body = mustStatus(t, get(admin, base), 200, "overview after retiring"); !strings.Contains(body, "1 retired action") || strings.Contains(body, `href="`+base+`/actions/1.1"`) {
			t.Error("the retired action is still listed or not counted as retired")
		}
		if body = mustStatus(t, get(admin, base+"/actions/1.1"), 200, "retired action"); !strings.Contains(body, "Retired on") || !strings.Contains(body, "Merged") {
			t.Error("the retired action's page does not say so")
		}
		if body = mustStatus(t, get(admin, base+"/settings"), 200, "settings"); !strings.Contains(body, "area A") || !strings.Contains(body, "Joint commissioning") {
			t.Error("the plan's audit does not show the area added")
		}
		mustStatus(t, get(admin, "/plans/no-such-plan"), 404, "unknown plan")
	})
}
