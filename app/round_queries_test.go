package app_test

import (
	"context"
	"fmt"
	"net/http"
	"strconv"
	"strings"
	"testing"
	"time"

	"sendboard/app/apptest"
	"sendboard/models"
	"sendboard/models/modeltest"
	"sendboard/models/round"
)

// TestRoundPagesQueries: the rounds list, a round's tracker and their API
// twins run the same number of SQL statements for a round of 60 actions as
// for rounds of 5,000, and with one round as with three.
func TestRoundPagesQueries(t *testing.T) {
	t.Parallel()
	apptest.Each(t, func(t *testing.T, env *apptest.Env, d modeltest.DB) {
		now := time.Date(2026, 12, 2, 10, 0, 0, 0, time.UTC)
		measurer := func(env *apptest.Env, rounds int) map[string]int64 {
			env.App.Now = func() time.Time { return now }
			admin := env.SignIn(t, models.RoleAdmin)
			var last uint
			for i := range rounds {
				// One open round per due date: each of these is a round of its own.
				r, _, err := env.App.OpenRound(context.Background(), admin.User, round.Input{Due: fmt.Sprintf("2027-01-%02d", 15+i), Meeting: "2027-01-22"})
				if err != nil {
					t.Fatal(err)
				}
				last = r.ID
			}
			counter := modeltest.CountQueries(env.DB.DB)
			out := map[string]int64{}
			paths := []struct {
				path string
				api  bool
			}{{"/rounds", false}, {"/rounds/{id}", false}, {"/api/v1/rounds", true}, {"/api/v1/rounds/{id}", true}}
			for _, p := range paths {
				path := strings.Replace(p.path, "{id}", strconv.Itoa(int(last)), 1)
				get := func() int {
					if p.api {
						return env.API(admin, "GET", path, "").Code
					}
					return env.Get(admin, path).Code
				}
				get()
				counter.Reset()
				if code := get(); code != http.StatusOK {
					t.Fatalf("GET %s = %d", path, code)
				}
				out[p.path] = counter.N()
			}
			return out
		}
		small := measurer(env, 1)
		big := apptest.Like(t, d, apptest.Synthetic)
		large := measurer(big, 3)
		var requested int64
		big.DB.DB.Model(&round.Action{}).Where("round_id = (SELECT MAX(id) FROM rounds)").Count(&requested)
		if requested < apptest.SyntheticActions*9/10 {
			t.Fatalf("the last round asked about %d actions, want about %d", requested, apptest.SyntheticActions)
		}
		for path, n := range small {
			if large[path] != n || n > maxQueriesPerPage {
				t.Errorf("%s: %d statements with one round of 60 actions, %d with three rounds of up to 5,000 (at most %d)", path, n, large[path], maxQueriesPerPage)
			}
		}
	})
}
