package app_test

import (
	"net/http"
	"testing"

	"sendboard/app/apptest"
	"sendboard/models"
	"sendboard/models/modeltest"
)

// maxQueriesPerPage bounds the SQL statements one read request may run,
// including the session or token lookup.
const maxQueriesPerPage = 16

// TestNoNPlusOne shows the read pages and API make the same small number of SQL
// statements with the 60 seeded actions as with 5,000.
func TestNoNPlusOne(t *testing.T) {
	t.Parallel()
	paths := []struct {
		path string
		api  bool
	}{
		{"/", false},
		{"/?milestone=3&q=training", false},
		{"/boards/send-improvement-board", false},
		{"/leads/dco", false},
		{"/?sort=-due&size=500&flag=any", false},
		{"/boards", false},
		{"/leads", false},
		{"/boards/send-improvement-board/signoff", false},
		{"/actions/1.1", false},
		{"/api/v1/actions", true},
		{"/api/v1/actions?limit=200&board=send-health-forum", true},
		{"/api/v1/actions/1.1", true},
	}
	apptest.Each(t, func(t *testing.T, env *apptest.Env, d modeltest.DB) {
		big := apptest.Like(t, d, apptest.Synthetic)
		measure := func(env *apptest.Env) map[string]int64 {
			c := env.SignIn(t, models.RoleViewer)
			counter := modeltest.CountQueries(env.DB.DB)
			out := map[string]int64{}
			for _, p := range paths {
				get := func() int {
					if p.api {
						return env.API(c, "GET", p.path, "").Code
					}
					return env.Get(c, p.path).Code
				}
				get() // warm up: the session and token last-seen writes happen at most once a minute
				counter.Reset()
				if code := get(); code != http.StatusOK {
					t.Fatalf("GET %s = %d", p.path, code)
				}
				out[p.path] = counter.N()
			}
			return out
		}
		small := measure(env)
		var n int64
		big.DB.DB.Model(&models.Action{}).Count(&n)
		if n != apptest.SyntheticActions {
			t.Fatalf("%d actions, want %d", n, apptest.SyntheticActions)
		}
		large := measure(big)
		var list apiListBody
		apiGet(t, big, big.SignIn(t, models.RoleViewer), "/api/v1/actions", http.StatusOK, &list)
		if list.Total != 5000 || len(list.Actions) != models.DefaultLimit {
			t.Errorf("API lists %d of %d actions, want %d of 5000", len(list.Actions), list.Total, models.DefaultLimit)
		}
		for _, p := range paths {
			s, l := small[p.path], large[p.path]
			t.Logf("%s GET %s: %d statements with 60 actions, %d with 5,000", d.Name, p.path, s, l)
			if s != l {
				t.Errorf("GET %s: %d statements with 60 actions but %d with 5,000", p.path, s, l)
			}
			if s < 1 || l > maxQueriesPerPage {
				t.Errorf("GET %s: %d statements, want between 1 (the revisions) and %d", p.path, l, maxQueriesPerPage)
			}
		}
	})
}
