package app_test

import (
	"net/http"
	"testing"

	"sendboard/app/apptest"
	"sendboard/models"
	"sendboard/models/modeltest"
)

// giveJointLeads gives up to limit actions, those led by lead first, a
// second and a third lead, in three statements whatever their number.
func giveJointLeads(t *testing.T, d modeltest.DB, lead string, limit int) {
	t.Helper()
	var ids []uint
	d.DB.Model(&models.Lead{}).Where("name <> ?", lead).Order("id").Limit(2).Pluck("id", &ids)
	var first uint
	d.DB.Model(&models.Lead{}).Where("name = ?", lead).Pluck("id", &first)
	for pos, id := range ids {
		err := d.DB.Exec(`INSERT INTO action_leads (action_id, lead_id, position)
			SELECT a.id, ?, ? FROM actions a WHERE NOT EXISTS (SELECT 1 FROM action_leads al WHERE al.action_id = a.id AND al.lead_id = ?)
			AND a.id IN (SELECT id FROM actions ORDER BY CASE WHEN lead_id = ? THEN 0 ELSE 1 END, id LIMIT ?)`, id, pos+1, id, first, limit).Error
		if err != nil {
			t.Fatal(err)
		}
	}
}

// TestJointLeadsNoNPlusOne shows the pages listing actions with several
// leads make as many statements with ten such actions as with 5,000.
func TestJointLeadsNoNPlusOne(t *testing.T) {
	t.Parallel()
	paths := []struct {
		path string
		api  bool
	}{
		{"/", false},
		{"/?size=500", false},
		{"/leads/dco", false},
		{"/leads", false},
		{"/me", false},
		{"/actions/1.1", false},
		{"/api/v1/actions?limit=200", true},
	}
	apptest.Each(t, func(t *testing.T, env *apptest.Env, d modeltest.DB) {
		big := apptest.Like(t, d, apptest.Synthetic)
		giveJointLeads(t, d, "DCO", 10)
		giveJointLeads(t, big.DB, "DCO", apptest.SyntheticActions)
		measure := func(env *apptest.Env) map[string]int64 {
			c := env.SignIn(t, models.RoleLead, "DCO")
			counter := modeltest.CountQueries(env.DB.DB)
			out := map[string]int64{}
			for _, p := range paths {
				get := func() int {
					if p.api {
						return env.API(c, "GET", p.path, "").Code
					}
					return env.Get(c, p.path).Code
				}
				get()
				counter.Reset()
				if code := get(); code != http.StatusOK {
					t.Fatalf("GET %s = %d", p.path, code)
				}
				out[p.path] = counter.N()
			}
			return out
		}
		small, large := measure(env), measure(big)
		var joint int64
		big.DB.DB.Raw("SELECT COUNT(*) FROM (SELECT action_id FROM action_leads GROUP BY action_id HAVING COUNT(*) > 1) x").Scan(&joint)
		if joint != apptest.SyntheticActions {
			t.Fatalf("%d actions with several leads, want %d", joint, apptest.SyntheticActions)
		}
		for _, p := range paths {
			s, l := small[p.path], large[p.path]
			t.Logf("%s GET %s: %d statements with 10 joint-lead actions, %d with 5,000", d.Name, p.path, s, l)
			if s != l || l > maxQueriesPerPage {
				t.Errorf("GET %s: %d statements with 10 joint-lead actions, %d with 5,000 (at most %d)", p.path, s, l, maxQueriesPerPage)
			}
		}
	})
}
