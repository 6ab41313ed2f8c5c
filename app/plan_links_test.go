package app_test

import (
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"sendboard/app/apptest"
	"sendboard/models"
	"sendboard/models/measure"
	"sendboard/models/modeltest"
)

// TestLinksReachActionsInTheirOwnPlan: the attention list, a round's tracker
// and a measure's page link an action of a second plan to that plan's
// address, not to the default plan's action of the same number; the action
// page lists the DfE measures linked to its impact measure with the area's
// latest figures; and a round can be opened in the second plan from /rounds.
func TestLinksReachActionsInTheirOwnPlan(t *testing.T) {
	t.Parallel()
	apptest.EachWithBenchmarks(t, func(t *testing.T, env *apptest.Env, d modeltest.DB) {
		env.App.Now = func() time.Time { return time.Date(2026, 12, 2, 10, 0, 0, 0, time.UTC) }
		admin := env.SignIn(t, models.RoleAdmin)
		post := func(path string, form url.Values) *httpResult { return env.PostForm(admin, path, form) }
		mustStatus(t, post("/plans", url.Values{"name": {"Priority Action Plan 2025"}, "type": {"pap"}, "status": {"active"},
			"start_date-day": {"1"}, "start_date-month": {"4"}, "start_date-year": {"2025"}, "partnership": {"Dorset"}}), 303, "create plan")
		const base = "/plans/priority-action-plan-2025"
		mustStatus(t, post(base+"/areas", url.Values{"code": {"A"}, "title": {"Joint commissioning"}, "owners": {"both"}}), 303, "add area")
		var area, lead uint
		d.DB.Raw("SELECT id FROM priority_areas WHERE code = 'A'").Scan(&area)
		d.DB.Raw("SELECT id FROM leads WHERE slug = 'dco'").Scan(&lead)
		mustStatus(t, post(base+"/actions", url.Values{"number": {"1.1"}, "priority": {itoa(area)}, "action": {"Publish the local offer"},
			"impact_measure": {"Plans issued on time"}, "lead": {itoa(lead)}, "milestone": {"0"}, "due": {"2027-03-31"},
			"status": {"in_progress"}}), 303, "create action")
		var planID uint
		d.DB.Raw("SELECT id FROM plans WHERE slug = 'priority-action-plan-2025'").Scan(&planID)
		if err := d.DB.Exec("UPDATE actions SET rag = 'red' WHERE plan_id = ? AND number = '1.1'", planID).Error; err != nil {
			t.Fatal(err)
		}

		body := mustStatus(t, env.Get(admin, base), 200, "the second plan's overview")
		attention := body[strings.Index(body, `id="attention-h"`):]
		if !strings.Contains(attention, `href="`+base+`/actions/1.1"`) {
			t.Errorf("the attention list does not link the second plan's 1.1 to its own page: %s", snippet(attention))
		}

		if err := measure.LinkActionBenchmark(t.Context(), d.DB, planID, "SEN_EHC_All_20wks", "1.1", false); err != nil {
			t.Fatal(err)
		}
		mustStatus(t, post("/benchmarks/SEN_EHC_All_20wks/links", url.Values{"kind": {"action"}, "action": {"3.6"}}), 303, "link 3.6")
		body = mustStatus(t, env.Get(admin, "/benchmarks/SEN_EHC_All_20wks"), 200, "measure page")
		for _, want := range []string{`href="/actions/3.6"`, `Priority Action Plan 2025: action <a class="govuk-link" href="` + base + `/actions/1.1"`} {
			if !strings.Contains(body, want) {
				t.Errorf("measure page lacks %q", want)
			}
		}
		body = mustStatus(t, env.Get(admin, base+"/actions/1.1"), 200, "the linked action")
		for _, want := range []string{"Impact in DfE", `href="/benchmarks/SEN_EHC_All_20wks"`,
			"2024", "49.1%", "45.9%", "31.0%", "Better than England"} {
			if !strings.Contains(body, want) {
				t.Errorf("action page lacks %q", want)
			}
		}
		if body := mustStatus(t, env.Get(admin, "/actions/1.1"), 200, "the default plan's 1.1"); strings.Contains(body, "Impact in DfE") {
			t.Error("the default plan's 1.1 shows the other plan's linked measure")
		}

		body = mustStatus(t, env.Get(admin, "/rounds?plan=priority-action-plan-2025"), 200, "rounds page for the second plan")
		if !strings.Contains(body, `name="plan" value="priority-action-plan-2025"`) || !strings.Contains(body, "Joint commissioning") {
			t.Errorf("the round form is not the second plan's: %s", snippet(body))
		}
		mustStatus(t, env.Get(admin, "/rounds?plan=no-such-plan"), http.StatusNotFound, "rounds page for an unknown plan")
		body = mustStatus(t, post("/rounds", url.Values{"plan": {"no-such-plan"}, "message": {"Kept message"},
			"due-day": {"15"}, "due-month": {"1"}, "due-year": {"2027"}}), http.StatusBadRequest, "a round in an unknown plan")
		if !strings.Contains(body, "there is no plan") || !strings.Contains(body, "Kept message") {
			t.Errorf("a round refused for its plan does not say why or loses the message: %s", snippet(body))
		}
		rec := post("/rounds", url.Values{"plan": {"priority-action-plan-2025"}, "due-day": {"15"}, "due-month": {"1"}, "due-year": {"2027"}})
		if rec.Code != http.StatusSeeOther {
			t.Fatalf("open a round in the second plan: %d %s", rec.Code, snippet(rec.Body.String()))
		}
		body = mustStatus(t, env.Get(admin, strings.SplitN(rec.Header().Get("Location"), "?", 2)[0]), 200, "the round")
		if !strings.Contains(body, `href="`+base+`/actions/1.1"`) || strings.Contains(body, `href="/actions/1.1"`) {
			t.Errorf("the round tracker does not link the second plan's action: %s", snippet(body))
		}
	})
}
