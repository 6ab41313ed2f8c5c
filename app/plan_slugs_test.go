package app_test

import (
	"net/http"
	"net/url"
	"slices"
	"strings"
	"testing"

	"sendboard/app/apptest"
	"sendboard/models"
	"sendboard/models/modeltest"
)

// TestReservedPlanSlugsCoverTheRoutes: every fixed second segment of a route
// under /plans/ is a reserved plan slug, so a route added later cannot hide a
// plan's dashboard (or be hidden by one).
func TestReservedPlanSlugsCoverTheRoutes(t *testing.T) {
	t.Parallel()
	env := apptest.SQLite(t)
	seen := 0
	for _, r := range env.E.Routes() {
		rest, ok := strings.CutPrefix(r.Path, "/plans/")
		if !ok {
			continue
		}
		seg, _, _ := strings.Cut(rest, "/")
		if seg == "" || strings.HasPrefix(seg, ":") {
			continue
		}
		seen++
		if !slices.Contains(models.ReservedPlanSlugs, seg) {
			t.Errorf("route %s %s: %q is not in models.ReservedPlanSlugs; a plan with that slug would be hidden", r.Method, r.Path, seg)
		}
	}
	if seen == 0 {
		t.Fatal("no fixed route under /plans/: the check reads nothing")
	}
}

// TestPlanSlugsThroughThePage: the new-plan form refuses a fixed path as the
// short name, keeping what was typed, and derives a readable slug from a
// name with Polish letters.
func TestPlanSlugsThroughThePage(t *testing.T) {
	t.Parallel()
	apptest.Each(t, func(t *testing.T, env *apptest.Env, d modeltest.DB) {
		admin := env.SignIn(t, models.RoleAdmin)
		form := url.Values{"name": {"Import review plan"}, "slug": {"import"}, "type": {models.PlanPAP},
			"start_date-day": {"1"}, "start_date-month": {"4"}, "start_date-year": {"2026"}, "status": {models.PlanActive}}
		rec := env.PostForm(admin, "/plans", form)
		if body := rec.Body.String(); rec.Code != http.StatusBadRequest || !strings.Contains(body, "fixed web address") ||
			!strings.Contains(body, "Import review plan") {
			t.Errorf("slug import: %d, want 400 naming the fixed address and keeping the name\n%s", rec.Code, snippet(body))
		}
		form.Set("name", "Łódź-style PAP 2026")
		form.Del("slug")
		if rec := env.PostForm(admin, "/plans", form); rec.Code != http.StatusSeeOther {
			t.Fatalf("create: %d\n%s", rec.Code, snippet(rec.Body.String()))
		}
		var p models.Plan
		if err := d.DB.Where("name = ?", "Łódź-style PAP 2026").Take(&p).Error; err != nil || p.Slug != "lodz-style-pap-2026" {
			t.Errorf("slug %q (%v), want lodz-style-pap-2026", p.Slug, err)
		}
		if rec := env.Get(admin, "/plans/lodz-style-pap-2026"); rec.Code != http.StatusOK {
			t.Errorf("the plan's dashboard: %d", rec.Code)
		}
	})
}
