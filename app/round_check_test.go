package app_test

import (
	"html"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"
	"time"

	"sendboard/app/apptest"
	"sendboard/models"
	"sendboard/models/modeltest"
	"sendboard/models/round"
)

// TestRoundCheckYourAnswers walks the question flow of opening a round: with
// two plans the plan is asked on its own; "Check your answers" names the plan,
// lists the actions in scope and who will be emailed, warns about lead roles
// no one can be emailed for (and a round that would email nobody) and queues
// nothing; "Open round" opens it, and the tracker says per lead role how many
// people were emailed or that there was no one to email.
func TestRoundCheckYourAnswers(t *testing.T) {
	t.Parallel()
	apptest.Each(t, func(t *testing.T, base *apptest.Env, d modeltest.DB) {
		env := newRoundEnv(t, base, time.Date(2026, 12, 1, 9, 0, 0, 0, time.UTC))
		leads, _ := boardLeads(t, d, "send-improvement-board")
		l1, _ := twoLeads(leads)
		lead := env.SignIn(t, models.RoleLead, l1)
		admin := env.SignIn(t, models.RoleAdmin)
		post := func(path string, form url.Values) *httpResult { return env.PostForm(admin, path, form) }

		// A second plan, with one action whose lead role no one holds.
		mustStatus(t, post("/plans", url.Values{"name": {"Priority Action Plan 2025"}, "type": {"pap"}, "status": {"active"},
			"start_date-day": {"1"}, "start_date-month": {"4"}, "start_date-year": {"2025"}, "partnership": {"Dorset"}}), 303, "create plan")
		const planURL = "/plans/priority-action-plan-2025"
		mustStatus(t, post(planURL+"/areas", url.Values{"code": {"A"}, "title": {"Joint commissioning"}, "owners": {"both"}}), 303, "add area")
		var area, leadID uint
		var leadName string
		d.DB.Raw("SELECT id FROM priority_areas WHERE code = 'A'").Scan(&area)
		d.DB.Raw("SELECT id FROM leads WHERE slug = 'dco'").Scan(&leadID)
		d.DB.Raw("SELECT name FROM leads WHERE slug = 'dco'").Scan(&leadName)
		mustStatus(t, post(planURL+"/actions", url.Values{"number": {"1.1"}, "priority": {itoa(area)}, "action": {"Publish the local offer"},
			"impact_measure": {"Plans issued on time"}, "lead": {itoa(leadID)}, "milestone": {"0"}, "due": {"2027-03-31"},
			"status": {"in_progress"}}), 303, "create action")

		body := mustStatus(t, env.Get(admin, "/rounds"), 200, "rounds")
		if !strings.Contains(body, "Which plan is the round for?") || strings.Contains(body, `action="/rounds/check"`) {
			t.Fatalf("with two plans the plan is not asked first: %s", snippet(body))
		}
		body = mustStatus(t, env.Get(admin, "/rounds?plan=priority-action-plan-2025"), 200, "rounds, plan chosen")
		if !strings.Contains(body, `action="/rounds/check"`) || !strings.Contains(body, `name="plan" value="priority-action-plan-2025"`) {
			t.Fatalf("the details are not asked for the chosen plan: %s", snippet(body))
		}

		due := url.Values{"due-day": {"15"}, "due-month": {"12"}, "due-year": {"2026"}}
		form := url.Values{"plan": {"priority-action-plan-2025"}}
		for k, v := range due {
			form[k] = v
		}
		body = mustStatus(t, post("/rounds/check", form), 200, "check, second plan")
		for _, want := range []string{"Check your answers before opening the round", `id="check-plan">Priority Action Plan 2025<`,
			"This round would email nobody", html.EscapeString(leadName), "Publish the local offer", "Who will be emailed (0)"} {
			if !strings.Contains(body, want) {
				t.Errorf("check page (second plan) lacks %q", want)
			}
		}

		form = url.Values{"board": {"send-improvement-board"}}
		for k, v := range due {
			form[k] = v
		}
		body = mustStatus(t, post("/rounds/check", form), 200, "check, board")
		if !strings.Contains(body, lead.User.Email) || !strings.Contains(body, "Who will be emailed (1)") || strings.Contains(body, "would email nobody") {
			t.Errorf("the check page does not list the one lead to email: %s", snippet(body))
		}
		unreached := regexp.MustCompile(`(?s)id="round-unreached".*?</strong>`).FindString(body)
		if unreached == "" || strings.Contains(unreached, html.EscapeString(l1)) {
			t.Errorf("the warning does not list the lead roles with no one to email (and only them): %q", unreached)
		}
		for l := range leads {
			if l != l1 && !strings.Contains(unreached, html.EscapeString(l)) {
				t.Errorf("the warning leaves out %s", l)
			}
		}
		if n := outboxCount(t, d, "1 = 1"); n != 0 {
			t.Fatalf("checking the answers queued %d emails", n)
		}
		var rounds int64
		d.DB.Model(&round.Round{}).Count(&rounds)
		if rounds != 0 {
			t.Fatalf("checking the answers opened %d rounds", rounds)
		}

		token := regexp.MustCompile(`name="token" value="([0-9a-f]{32})"`).FindStringSubmatch(body)
		if token == nil {
			t.Fatal("no form token")
		}
		form.Set("token", token[1])
		rec := post("/rounds", form)
		if rec.Code != http.StatusSeeOther || !strings.Contains(rec.Header().Get("Location"), "opened=1") {
			t.Fatalf("open round: %d %q", rec.Code, rec.Header().Get("Location"))
		}
		path, _, _ := strings.Cut(rec.Header().Get("Location"), "?")
		body = mustStatus(t, env.Get(admin, path), 200, "tracker")
		lt := regexp.MustCompile(`(?s)<caption[^>]*>By lead</caption>.*?</table>`).FindString(body)
		if !strings.Contains(lt, "<th scope=\"col\" class=\"govuk-table__header\">Emailed</th>") || strings.Count(lt, "1 person") != 1 ||
			strings.Count(lt, "No one to email") != len(leads)-1 {
			t.Fatalf("the tracker's emailed column: %s", lt)
		}
	})
}
