package app_test

import (
	"context"
	"net/http"
	"strconv"
	"strings"
	"testing"
	"time"

	"sendboard/app/apptest"
	"sendboard/models"
	"sendboard/models/modeltest"
	"sendboard/models/round"
	"sendboard/seeds"
)

// TestRoundPagesQueries: the rounds list, a round's tracker and their API
// twins run the same number of SQL statements for a round of 60 actions as
// for rounds of 2,000, and with one round as with six.
func TestRoundPagesQueries(t *testing.T) {
	t.Parallel()
	modeltest.Each(t, func(t *testing.T, d modeltest.DB) {
		env := apptest.New(t, d)
		now := time.Date(2026, 12, 2, 10, 0, 0, 0, time.UTC)
		env.App.Now = func() time.Time { return now }
		admin := env.SignIn(t, models.RoleAdmin)
		open := func() uint {
			t.Helper()
			r, _, err := env.App.OpenRound(context.Background(), admin.User, round.Input{Due: "2027-01-15", Meeting: "2027-01-22"})
			if err != nil {
				t.Fatal(err)
			}
			return r.ID
		}
		first := open()
		counter := modeltest.CountQueries(d.DB)
		measure := func(id uint) map[string]int64 {
			out := map[string]int64{}
			paths := []struct {
				path string
				api  bool
			}{{"/rounds", false}, {"/rounds/{id}", false}, {"/api/v1/rounds", true}, {"/api/v1/rounds/{id}", true}}
			for _, p := range paths {
				path := strings.Replace(p.path, "{id}", strconv.Itoa(int(id)), 1)
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
		small := measure(first)
		if _, err := seeds.Synthetic(context.Background(), d.DB, 2000-60); err != nil {
			t.Fatal(err)
		}
		var last uint
		for range 5 {
			last = open()
		}
		var requested int64
		d.DB.Model(&round.Action{}).Where("round_id = ?", last).Count(&requested)
		if requested < 1900 {
			t.Fatalf("the last round asked about %d actions, want about 2,000", requested)
		}
		large := measure(last)
		for path, n := range small {
			if large[path] != n || n > maxQueriesPerPage {
				t.Errorf("%s: %d statements with one round of 60 actions, %d with six rounds of up to 2,000 (at most %d)", path, n, large[path], maxQueriesPerPage)
			}
		}
	})
}
