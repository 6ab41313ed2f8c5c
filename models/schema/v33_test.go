package schema_test

import (
	"context"
	"strconv"
	"testing"
	"time"

	"sendboard/models"
	"sendboard/models/modeltest"
	"sendboard/models/schema"
	"sendboard/seeds/seedtest"
)

// A write to one plan moves that plan's revision only; a change to a board
// moves the reference lists' only; ending a session or disabling a user
// moves the accounts revision, a session's sliding expiry does not.
func TestRevisionsMoveByWhatChanged(t *testing.T) {
	t.Parallel()
	modeltest.EachWith(t, seedtest.Seeded, func(t *testing.T, d modeltest.DB) {
		ctx := context.Background()
		var plans []models.Plan
		d.DB.Order("id").Find(&plans)
		if len(plans) < 1 {
			t.Fatal("no plan")
		}
		other := models.Plan{Slug: "zweiter-plan-ŵ", Name: "Ail gynllun ŵ → Łódź"}
		other.Date = plans[0].Date
		other.StartDate = plans[0].StartDate
		if err := d.DB.Create(&other).Error; err != nil {
			t.Fatal(err)
		}
		p := plans[0].ID
		read := func() *models.Revisions {
			r, err := models.ReadRevisions(ctx, d.DB)
			if err != nil {
				t.Fatal(err)
			}
			return r
		}
		step := func(what string, sql string, moved ...int64) {
			t.Helper()
			before := read()
			if err := d.DB.Exec(sql).Error; err != nil {
				t.Fatalf("%s: %v", what, err)
			}
			after := read()
			for _, s := range []int64{int64(p), int64(other.ID), schema.ScopeReference, schema.ScopeAccounts} {
				want := false
				for _, m := range moved {
					want = want || m == s
				}
				if got := after.Scope(s) > before.Scope(s); got != want {
					t.Errorf("%s: scope %d moved %v, want %v", what, s, got, want)
				}
			}
		}
		step("progress note", "INSERT INTO progress_updates (action_id, update_date, narrative, status, author_name, created_at) "+
			"SELECT id, CURRENT_TIMESTAMP, 'Cynnydd ≥ 1', status, 'Łukasz', CURRENT_TIMESTAMP FROM actions WHERE plan_id = "+itoa(p)+" ORDER BY id LIMIT 3",
			int64(p))
		step("rating", "UPDATE actions SET rag = 'red' WHERE plan_id = "+itoa(p), int64(p))
		step("board renamed", "UPDATE boards SET name = name || ' ı' WHERE id = (SELECT MIN(id) FROM boards)", schema.ScopeReference, schema.ScopeAccounts)
		step("plan renamed", "UPDATE plans SET name = 'Renamed → ŵ' WHERE id = "+itoa(other.ID), int64(other.ID), schema.ScopeReference)
		u, err := models.CreateUser(ctx, d.DB, models.NewUser{Email: "ŵyn@example.test", Name: "Gwŷn Łukasz", Role: models.RoleViewer, Password: "correct horse battery staple"}, time.Now())
		if err != nil {
			t.Fatal(err)
		}
		if _, err := models.CreateSession(ctx, d.DB, u.ID, "127.0.0.1", time.Now(), time.Hour); err != nil {
			t.Fatal(err)
		}
		step("session slid", "UPDATE sessions SET last_seen_at = CURRENT_TIMESTAMP")
		step("session shortened", "UPDATE sessions SET expires_at = last_seen_at WHERE user_id = "+itoa(u.ID), schema.ScopeAccounts)
		step("session ended", "DELETE FROM sessions WHERE user_id = "+itoa(u.ID), schema.ScopeAccounts)
		step("user disabled", "UPDATE users SET name = name || ' ı' WHERE id = "+itoa(u.ID), schema.ScopeAccounts)
	})
}

func itoa[T ~uint | ~int](n T) string { return strconv.FormatInt(int64(n), 10) }
