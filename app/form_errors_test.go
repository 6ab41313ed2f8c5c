package app_test

import (
	"fmt"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"

	"sendboard/app/apptest"
	"sendboard/models"
)

// summaryFirst matches a page whose main starts with an error summary that
// takes focus on load without JavaScript (after a stylesheet link, or inside
// the page's grid column).
var summaryFirst = regexp.MustCompile(`^<main[^>]*>\s*(?:<link[^>]*>\s*)?(?:<div class="govuk-grid-row">\s*<div class="govuk-grid-column-[a-z-]+">\s*)?<div class="govuk-error-summary" data-module="govuk-error-summary" tabindex="-1" autofocus>`)

// TestFormsShownAgainSayErrorFirst: every form re-shown with problems starts
// its title "Error: ", and its error summary is the first thing in main and
// is focused on load, whichever handler shows it.
func TestFormsShownAgainSayErrorFirst(t *testing.T) {
	t.Parallel()
	env := apptest.SQLite(t)
	admin := env.SignIn(t, models.RoleAdmin)
	v := fmt.Sprint(actionVersion(t, env, admin, "1.1"))
	act := "/plans/dorset-wsoa-2019/actions/1.1"
	cases := []struct {
		name, path string
		as         *apptest.Client
		form       url.Values
		want       string
	}{
		{"sign in", "/login", nil, url.Values{"email": {""}, "password": {""}}, "Enter your email address and password"},
		{"edit action", act + "/edit", admin, url.Values{"version": {v}, "action": {""}}, ""},
		{"revise due date", act + "/due", admin, url.Values{"version": {v}, "due-day": {"31"}, "due-month": {"3"}, "due-year": {"2031"}, "reason": {""}},
			"Give the reason the due date is changing"},
		{"retire", act + "/retire", admin, url.Values{"version": {v}, "reason": {""}}, ""},
		{"add user", "/users", admin, url.Values{"email": {"not an address"}, "name": {"Łucja Ŵyn"}, "role": {"viewer"}},
			"Enter an email address in the correct format, like name@example.com"},
		{"add user without email", "/users", admin, url.Values{"email": {""}, "name": {"Łucja Ŵyn"}, "role": {"viewer"}}, "Enter an email address"},
		{"add KPI", "/kpis/new", admin, url.Values{"code": {""}}, ""},
		{"change password", "/account/password", admin, url.Values{"current": {"wrong"}, "new": {"x"}, "confirm": {"y"}}, ""},
		{"add board", "/admin/boards", admin, url.Values{"name": {""}}, ""},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			rec := env.PostForm(tc.as, tc.path, tc.form)
			body := rec.Body.String()
			if rec.Code < 400 || rec.Code >= 500 {
				t.Fatalf("got %d, want a 4xx re-showing the form\n%s", rec.Code, snippet(body))
			}
			if !strings.Contains(body, "<title>Error: ") {
				t.Errorf(`the title does not start "Error: ": %s`, regexp.MustCompile(`<title>[^<]*`).FindString(body))
			}
			if strings.Contains(body, "Error: Error: ") {
				t.Error(`the title says "Error: " twice`)
			}
			main := body[strings.Index(body, "<main"):]
			if !summaryFirst.MatchString(main) {
				t.Errorf("the error summary is not first in main, focused: %.300s", main)
			}
			if tc.want != "" && !strings.Contains(body, tc.want) {
				t.Errorf("the page lacks %q", tc.want)
			}
			if strings.Contains(body, "1 problems") || strings.Contains(body, `is not an email address`) {
				t.Error("the page words a problem badly")
			}
		})
	}
	// A page without problems does not say Error.
	if body := env.Get(admin, act+"/due").Body.String(); strings.Contains(body, "<title>Error") || strings.Contains(body, "govuk-error-summary") {
		t.Error("the due date form says Error before anything was sent")
	}
}

// TestBackDatedUpdateJoinsTheHistory: an update dated before the latest is
// asked about once, then added to the history without changing the action's
// status or RAG, so the header and "Latest update" agree.
func TestBackDatedUpdateJoinsTheHistory(t *testing.T) {
	t.Parallel()
	env := apptest.SQLite(t)
	lead := env.SignIn(t, models.RoleLead, "DCO")
	now := env.App.Now()
	day := func(back int) url.Values {
		d := now.AddDate(0, 0, -back)
		return url.Values{"date-day": {fmt.Sprint(d.Day())}, "date-month": {fmt.Sprint(int(d.Month()))}, "date-year": {fmt.Sprint(d.Year())}}
	}
	post := func(vals url.Values, extra url.Values) *http.Response {
		for k, v := range extra {
			vals[k] = v
		}
		vals.Set("version", fmt.Sprint(actionVersion(t, env, lead, "1.2")))
		return env.PostForm(lead, "/actions/1.2/updates", vals).Result()
	}
	if r := post(day(1), url.Values{"narrative": {"Training paused → waiting for ≥ 3 trainers"}, "status": {"in_progress"}, "rag": {"red"}}); r.StatusCode != http.StatusSeeOther {
		t.Fatalf("first update: %d", r.StatusCode)
	}
	older := url.Values{"narrative": {"Earlier meeting with Şebnem Yıldız"}, "status": {"in_progress"}, "rag": {"green"}}
	rec := env.PostForm(lead, "/actions/1.2/updates", func() url.Values {
		v := day(20)
		for k, x := range older {
			v[k] = x
		}
		v.Set("version", fmt.Sprint(actionVersion(t, env, lead, "1.2")))
		return v
	}())
	body := rec.Body.String()
	if rec.Code != http.StatusOK || !strings.Contains(body, `id="p-earlier"`) || !strings.Contains(body, `name="earlier" value="1"`) ||
		!strings.Contains(body, "Earlier meeting with Şebnem Yıldız") {
		t.Fatalf("a back-dated update is not asked about, keeping the text: %d\n%s", rec.Code, snippet(body))
	}
	if r := post(day(20), mergeValues(older, url.Values{"earlier": {"1"}})); r.StatusCode != http.StatusSeeOther {
		t.Fatalf("confirmed back-dated update: %d", r.StatusCode)
	}
	page := env.Get(lead, "/actions/1.2").Body.String()
	if strings.Contains(page, "RAG: Green") || strings.Contains(page, "RAG Green") {
		t.Error("the back-dated green update became the action's RAG")
	}
	latest := page[strings.Index(page, `id="p-latest"`):]
	latest = latest[:strings.Index(latest, "</div>")]
	if !strings.Contains(latest, "Red") || !strings.Contains(latest, "Training paused → waiting for ≥ 3 trainers") {
		t.Errorf("the latest update shown is not the newest by date: %s", latest)
	}
	if !strings.Contains(page, "Earlier meeting with Şebnem Yıldız") {
		t.Error("the back-dated update is not in the history")
	}
	var a models.Action
	env.DB.DB.Where("number = ? AND plan_id = (SELECT id FROM plans WHERE slug = ?)", "1.2", "dorset-wsoa-2019").Take(&a)
	if a.RAG != "red" || !strings.Contains(a.Progress, "Training paused") {
		t.Errorf("the action holds RAG %q and progress %q, want the newest update's", a.RAG, a.Progress)
	}
}

func mergeValues(a, b url.Values) url.Values {
	out := url.Values{}
	for _, v := range []url.Values{a, b} {
		for k, x := range v {
			out[k] = x
		}
	}
	return out
}

// TestNoChangeUpdateIsNotAReopening: the reason given for "no change" is not
// shown as a reason for reopening.
func TestNoChangeUpdateIsNotAReopening(t *testing.T) {
	t.Parallel()
	env := apptest.SQLite(t)
	lead := env.SignIn(t, models.RoleLead, "DCO")
	rec := env.PostForm(lead, "/actions/1.2/updates", url.Values{"no_change": {"1"},
		"no_change_reason": {"Waiting for the January panel"}, "version": {fmt.Sprint(actionVersion(t, env, lead, "1.2"))}})
	if rec.Code != http.StatusSeeOther {
		t.Fatalf("no change: %d %s", rec.Code, snippet(rec.Body.String()))
	}
	page := env.Get(lead, "/actions/1.2").Body.String()
	if !strings.Contains(page, "Waiting for the January panel") {
		t.Fatal("the no-change update is not in the history")
	}
	if strings.Contains(page, "Reason for reopening:") {
		t.Error(`a no-change update shows a "Reason for reopening"`)
	}
}

// TestConflictFromYourOtherTab: a save refused because the same person saved
// in another tab says so, not "Someone else".
func TestConflictFromYourOtherTab(t *testing.T) {
	t.Parallel()
	env := apptest.SQLite(t)
	lead := env.SignIn(t, models.RoleLead, "DCO")
	v := fmt.Sprint(actionVersion(t, env, lead, "1.2"))
	form := url.Values{"narrative": {"From the first tab"}, "status": {"in_progress"}, "rag": {"amber"}, "version": {v}}
	if rec := env.PostForm(lead, "/actions/1.2/updates", form); rec.Code != http.StatusSeeOther {
		t.Fatalf("first tab: %d", rec.Code)
	}
	form.Set("narrative", "From the second tab")
	rec := env.PostForm(lead, "/actions/1.2/updates", form)
	body := rec.Body.String()
	if rec.Code != http.StatusConflict {
		t.Fatalf("second tab: %d, want 409", rec.Code)
	}
	if strings.Contains(body, "Someone else") || !strings.Contains(body, "You changed this action in another tab") {
		t.Errorf("the conflict does not say it was you: %s", snippet(body))
	}
	other := env.SignIn(t, models.RoleLead, "DCO")
	rec = env.PostForm(other, "/actions/1.2/updates", form)
	if rec.Code != http.StatusConflict || !strings.Contains(rec.Body.String(), "Someone else") {
		t.Errorf("another person's conflict: %d, want 409 naming someone else", rec.Code)
	}
}
