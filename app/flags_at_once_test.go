package app_test

import (
	"context"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"testing"
	"time"

	"sendboard/app/apptest"
	"sendboard/models"
	"sendboard/models/modeltest"
)

// TestFlagsAtOnceThroughThePages: an action added through the page with its
// due date past shows its flag on its page and in the plan's attention list at once;
// retired, it shows none, and the daily run does not raise them again.
func TestFlagsAtOnceThroughThePages(t *testing.T) {
	t.Parallel()
	apptest.Each(t, func(t *testing.T, env *apptest.Env, d modeltest.DB) {
		now := time.Date(2026, 12, 2, 10, 0, 0, 0, time.UTC)
		env.App.Now = func() time.Time { return now }
		admin := env.SignIn(t, models.RoleAdmin)
		post := func(path string, form url.Values) *httpResult { return env.PostForm(admin, path, form) }
		mustStatus(t, post("/plans", url.Values{"name": {"Łódź-style PAP 2026"}, "type": {"pap"}, "status": {"active"},
			"start_date-day": {"1"}, "start_date-month": {"4"}, "start_date-year": {"2026"}}), 303, "create plan")
		mustStatus(t, post(secondBase+"/areas", url.Values{"code": {"A"}, "title": {"Inclusion"}, "owners": {"council"}}), 303, "add area")
		var area uint
		d.DB.Raw("SELECT id FROM priority_areas WHERE code = 'A'").Scan(&area)
		mustStatus(t, post(secondBase+"/actions", url.Values{"number": {"1.1"}, "priority": {strconv.FormatUint(uint64(area), 10)},
			"action": {"Publish the local offer"}, "milestone": {"0"}, "due": {"2026-03-31"}, "status": {"in_progress"}}), 303, "create action")
		page := mustStatus(t, env.Get(admin, secondBase+"/actions/1.1"), http.StatusOK, "the new action")
		if !strings.Contains(page, "Due date passed: due 31 March 2026") {
			t.Errorf("the new action does not show its milestone-passed flag at once")
		}
		body := mustStatus(t, env.Get(admin, secondBase), http.StatusOK, "the plan's overview")
		if attention := body[strings.Index(body, `id="attention-h"`):]; !strings.Contains(attention[:strings.Index(attention, "</section>")], `href="`+secondBase+`/actions/1.1"`) {
			t.Errorf("the plan's attention list does not list the new action")
		}
		var a models.Action
		d.DB.Where("number = ? AND plan_id = (SELECT id FROM plans WHERE slug = ?)", "1.1", secondSlug).Take(&a)
		mustStatus(t, post(secondBase+"/actions/1.1/retire", url.Values{"reason": {"Merged into the new plan"},
			"version": {strconv.Itoa(a.Version)}}), 303, "retire")
		if page := mustStatus(t, env.Get(admin, secondBase+"/actions/1.1"), http.StatusOK, "the retired action"); strings.Contains(page, "passed: due") {
			t.Errorf("the retired action still shows its flag")
		}
		if _, err := models.RunFlags(context.Background(), d.DB, now.AddDate(0, 0, 1), time.UTC, 90); err != nil {
			t.Fatal(err)
		}
		var open int64
		d.DB.Model(&models.Flag{}).Where("action_id = ? AND resolved_at IS NULL", a.ID).Count(&open)
		if open != 0 {
			t.Errorf("the daily run raised %d flags on the retired action", open)
		}
	})
}
