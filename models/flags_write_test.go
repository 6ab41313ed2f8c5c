package models_test

import (
	"context"
	"slices"
	"testing"
	"time"

	"sendboard/models"
	"sendboard/models/modeltest"
	"sendboard/seeds/seedtest"
)

// TestNewActionFlaggedAtOnce: an action added with a due date already past
// has its milestone-passed flag as soon as it is saved, not after the daily
// run.
func TestNewActionFlaggedAtOnce(t *testing.T) {
	t.Parallel()
	modeltest.EachWith(t, seedtest.Seeded, func(t *testing.T, d modeltest.DB) {
		ctx, db, now := context.Background(), d.DB, time.Date(2025, 4, 1, 9, 0, 0, 0, time.UTC)
		ref, err := models.LoadReference(ctx, db)
		if err != nil {
			t.Fatal(err)
		}
		in := models.ActionInput{Number: "4.1", PriorityAreaID: ref.PriorityAreas[0].ID, Text: "Late from the start", Due: "2025-01",
			Status: models.StatusNotStarted, InitiateBy: "2024-12"}
		if _, err := models.CreateAction(ctx, db, adminUser(t, db), ref, in, now, flagCfg); err != nil {
			t.Fatal(err)
		}
		for _, kind := range []string{models.FlagMilestonePassed, models.FlagOverdueInitiation} {
			if got := openFlagged(t, d, kind); !slices.Contains(got, "4.1") {
				t.Errorf("%s: open on %v, want 4.1 flagged at once", kind, got)
			}
		}
	})
}

// TestRetiredActionKeepsNoFlags: retiring resolves an action's flags, and
// neither the daily run nor a run over its plan raises them again.
func TestRetiredActionKeepsNoFlags(t *testing.T) {
	t.Parallel()
	modeltest.EachWith(t, seedtest.Seeded, func(t *testing.T, d modeltest.DB) {
		ctx, db, now := context.Background(), d.DB, time.Date(2025, 1, 10, 9, 0, 0, 0, time.UTC)
		runFlags(t, d, now)
		if got := openFlagged(t, d, models.FlagMilestonePassed); !slices.Contains(got, "2.1") {
			t.Fatalf("2.1 is not flagged before retiring: %v", got)
		}
		ref, _ := models.LoadReference(ctx, db)
		a, _ := models.FindAction(ctx, db, ref.Plan.ID, "2.1")
		if _, err := models.RetireAction(ctx, db, adminUser(t, db), ref.Plan.ID, "2.1", "Replaced by the new plan", a.Version, now); err != nil {
			t.Fatal(err)
		}
		open := func() int64 {
			var n int64
			db.Model(&models.Flag{}).Where("action_id = ? AND resolved_at IS NULL", a.ID).Count(&n)
			return n
		}
		if n := open(); n != 0 {
			t.Fatalf("retired 2.1 keeps %d open flags", n)
		}
		res := runFlags(t, d, now.AddDate(0, 0, 1))
		if n := open(); n != 0 {
			t.Errorf("the daily run raised %d flags on retired 2.1 again (%s)", n, res.Summary())
		}
		if _, err := models.ReevaluatePlanFlags(db, ref.Plan.ID, now.AddDate(0, 0, 2), flagCfg); err != nil {
			t.Fatal(err)
		}
		if n := open(); n != 0 {
			t.Errorf("a run over the plan raised %d flags on retired 2.1 again", n)
		}
		// A flag left open on a retired action (from before this rule) is resolved by the next run.
		db.Exec("INSERT INTO flags (action_id, kind, since, raised_at) VALUES (?, ?, ?, ?)", a.ID, models.FlagUpdateOverdue, "2020-01-01", now)
		runFlags(t, d, now.AddDate(0, 0, 3))
		if n := open(); n != 0 {
			t.Errorf("the daily run left %d flags open on retired 2.1", n)
		}
	})
}
