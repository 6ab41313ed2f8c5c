package app_test

import (
	"context"
	"fmt"
	"net/http"
	"slices"
	"strings"
	"testing"
	"time"

	"sendboard/app/apptest"
	"sendboard/models"
	"sendboard/models/modeltest"
	"sendboard/models/planfile"
	"sendboard/models/planimport"
)

// TestPlanPagesQueriesDoNotGrowWithPlans shows a plan's overview, action
// pages, lists and the plans list make as many SQL statements with one plan
// of 60 actions as with 5 plans and 10,000 actions, rendered afresh (the page
// cache off) so every statement of the uncached path is counted.
func TestPlanPagesQueriesDoNotGrowWithPlans(t *testing.T) {
	t.Parallel()
	type probe struct {
		path, twin string // twin: the same page of another plan, measured when there are several
		api        bool
	}
	probes := []probe{
		{"/", "", false},
		{"/plans", "", false},
		{"/plans/dorset-wsoa-2019", "/plans/plan-2", false},
		{"/plans/dorset-wsoa-2019?priority=1&status=in_progress", "/plans/plan-3?priority=1&status=in_progress", false},
		{"/plans/dorset-wsoa-2019/actions/1.1", "/plans/plan-4/actions/1.1", false},
		{"/boards/send-improvement-board", "/plans/plan-5/boards/send-improvement-board", false},
		{"/leads/dco", "/plans/plan-2/leads/dco", false},
		{"/api/v1/plans", "", true},
		{"/api/v1/plans/dorset-wsoa-2019/actions", "/api/v1/plans/plan-2/actions", true},
		{"/api/v1/plans/dorset-wsoa-2019/actions/1.1", "/api/v1/plans/plan-3/actions/1.1", true},
	}
	apptest.Each(t, func(t *testing.T, env *apptest.Env, d modeltest.DB) {
		env.App.Config.NoPageCache = true
		c := env.SignIn(t, models.RoleViewer)
		counter := modeltest.CountQueries(d.DB)
		count := func(path string, api bool) int64 {
			get := func() int {
				if api {
					return env.API(c, "GET", path, "").Code
				}
				return env.Get(c, path).Code
			}
			get() // warm up: session last-seen writes and the per-revision reference lists
			// The fewer of two: the session's sliding expiry is written once a
			// minute, and on a slow machine a minute can end between the warm-up
			// and the measured request.
			least := int64(-1)
			for range 2 {
				counter.Reset()
				if code := get(); code != http.StatusOK {
					t.Fatalf("GET %s = %d", path, code)
				}
				if n := counter.N(); least < 0 || n < least {
					least = n
				}
			}
			return least
		}
		one := map[string]int64{}
		for _, p := range probes {
			one[p.path] = count(p.path, p.api)
		}

		start := time.Now()
		admin := &models.User{ID: env.SignIn(t, models.RoleAdmin).User.ID, Name: "Loader", Role: models.RoleAdmin}
		for i := 2; i <= 5; i++ {
			plan := &planfile.Plan{Areas: []planfile.Area{{Code: "1", Title: "One", Owners: models.OwnerCouncil}, {Code: "2", Title: "Two", Owners: models.OwnerHealth}}}
			for n := 0; n < 2485; n++ {
				a := planfile.Action{Number: fmt.Sprintf("%d.%d", 1+n%2, 1+n/2), AreaCode: fmt.Sprint(1 + n%2),
					Text: fmt.Sprintf("Action %d", n), Lead: "DCO", Boards: []string{"SEND Improvement Board"},
					Status: models.StatusInProgress, RAG: "amber", Progress: "Under way"}
				if n%2 == 1 {
					a.Milestone, a.Due = "Year one", "2026-03"
				}
				plan.Actions = append(plan.Actions, a)
			}
			// A sheet's milestone holds for the rows below it, so the rows with none come first.
			slices.SortStableFunc(plan.Actions, func(a, b planfile.Action) int { return strings.Compare(a.Milestone, b.Milestone) })
			file, err := planfile.WriteCSV(plan)
			if err != nil {
				t.Fatal(err)
			}
			in := planimport.Request{Name: fmt.Sprintf("Plan %d", i), Type: models.PlanPAP, File: "plan.csv"}
			if _, err := planimport.Import(context.Background(), d.DB, admin, file, in, time.Now()); err != nil {
				t.Fatal(err)
			}
		}
		var n int64
		d.DB.Model(&models.Action{}).Count(&n)
		if n != 10000 {
			t.Fatalf("%d actions, want 10,000", n)
		}
		t.Logf("%s: 4 plans of 2,485 actions imported in %v", d.Name, time.Since(start).Round(time.Millisecond))
		for _, p := range probes {
			many := count(p.path, p.api)
			t.Logf("%s GET %s: %d statements with 1 plan of 60 actions, %d with 5 plans and 10,000", d.Name, p.path, one[p.path], many)
			if many != one[p.path] || many > maxQueriesPerPage {
				t.Errorf("GET %s: %d statements with one plan, %d with five (at most %d)", p.path, one[p.path], many, maxQueriesPerPage)
			}
			if p.twin != "" {
				if twin := count(p.twin, p.api); twin != one[p.path] {
					t.Errorf("GET %s: %d statements, but %d for the default plan's page", p.twin, twin, one[p.path])
				}
			}
		}
	})
}
