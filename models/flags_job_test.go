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

var london = mustLoc("Europe/London")

func mustLoc(name string) *time.Location {
	l, err := time.LoadLocation(name)
	if err != nil {
		panic(err)
	}
	return l
}

// openFlagged lists the numbers of actions with an open flag of kind.
func openFlagged(t *testing.T, d modeltest.DB, kind string) []string {
	t.Helper()
	var nums []string
	if err := d.DB.Table("flags").Joins("JOIN actions ON actions.id = flags.action_id").
		Where("flags.kind = ? AND flags.resolved_at IS NULL", kind).Order("actions.major, actions.minor").
		Pluck("actions.number", &nums).Error; err != nil {
		t.Fatal(err)
	}
	return nums
}

func runFlags(t *testing.T, d modeltest.DB, now time.Time) models.FlagRunResult {
	t.Helper()
	res, err := models.RunFlags(context.Background(), d.DB, now, london, 90)
	if err != nil {
		t.Fatalf("RunFlags at %s: %v", now, err)
	}
	return res
}

func TestFlagOverdueInitiationByLondonMonth(t *testing.T) {
	t.Parallel()
	modeltest.EachWith(t, seedtest.Seeded, func(t *testing.T, d modeltest.DB) {
		// 23:59 on 31 August in London is 22:59 UTC: still August, not overdue.
		runFlags(t, d, time.Date(2019, 8, 31, 23, 59, 0, 0, london))
		if got := openFlagged(t, d, models.FlagOverdueInitiation); len(got) != 0 {
			t.Fatalf("31 August 2019: nothing is overdue yet, got %v", got)
		}
		// Midnight on 1 September in London is 23:00 UTC on 31 August: overdue.
		res := runFlags(t, d, time.Date(2019, 9, 1, 0, 0, 0, 0, london))
		want := []string{"2.1", "2.2", "2.6", "2.7"}
		if got := openFlagged(t, d, models.FlagOverdueInitiation); !slices.Equal(got, want) {
			t.Fatalf("1 September 2019: overdue initiations = %v, want %v (Initiate August 2019)", got, want)
		}
		if res.Raised[models.FlagOverdueInitiation] != 4 {
			t.Fatalf("raised %v, want 4 overdue initiations", res.Raised)
		}
		// Idempotent: the same instant again changes nothing.
		again := runFlags(t, d, time.Date(2019, 9, 1, 0, 0, 0, 0, london))
		if again.Summary() != "0 flags raised, 0 resolved" {
			t.Fatalf("second run changed something: %s", again.Summary())
		}
	})
}

func TestFlagResolvedWhenActionStarts(t *testing.T) {
	t.Parallel()
	modeltest.EachWith(t, seedtest.Seeded, func(t *testing.T, d modeltest.DB) {
		ctx := context.Background()
		now := time.Date(2019, 9, 10, 9, 0, 0, 0, london)
		runFlags(t, d, now)
		if err := d.DB.Model(&models.Action{}).Where("number = ?", "2.1").
			Updates(map[string]any{"status": models.StatusInProgress, "last_update_at": now.UTC()}).Error; err != nil {
			t.Fatal(err)
		}
		later := now.Add(24 * time.Hour)
		res := runFlags(t, d, later)
		if res.Resolved[models.FlagOverdueInitiation] != 1 || res.Raised[models.FlagOverdueInitiation] != 0 {
			t.Fatalf("after 2.1 started: %s", res.Summary())
		}
		if got := openFlagged(t, d, models.FlagOverdueInitiation); !slices.Equal(got, []string{"2.2", "2.6", "2.7"}) {
			t.Fatalf("open overdue initiations = %v", got)
		}
		// Resolved, not deleted: the history keeps raised and resolved dates.
		act, err := models.FindAction(ctx, d.DB, 1, "2.1")
		if err != nil {
			t.Fatal(err)
		}
		var flags []models.Flag
		d.DB.Where("action_id = ? AND kind = ?", act.ID, models.FlagOverdueInitiation).Find(&flags)
		if len(flags) != 1 || flags[0].ResolvedAt == nil || !flags[0].ResolvedAt.Equal(later) || !flags[0].RaisedAt.Equal(now) {
			t.Fatalf("2.1's flag history = %+v, want one flag raised %s and resolved %s", flags, now.UTC(), later.UTC())
		}
	})
}

func TestFlagMilestonePassed(t *testing.T) {
	t.Parallel()
	modeltest.EachWith(t, seedtest.Seeded, func(t *testing.T, d modeltest.DB) {
		// Section 1 is due July 2019: passed from 1 August London time.
		runFlags(t, d, time.Date(2019, 7, 31, 23, 30, 0, 0, london))
		if got := openFlagged(t, d, models.FlagMilestonePassed); len(got) != 0 {
			t.Fatalf("31 July: no milestone has passed, got %v", got)
		}
		runFlags(t, d, time.Date(2019, 8, 1, 0, 30, 0, 0, london))
		got := openFlagged(t, d, models.FlagMilestonePassed)
		if len(got) != 21 || got[0] != "1.1" || got[20] != "1.21" {
			t.Fatalf("1 August: milestone passed = %v, want the 21 actions of section 1", got)
		}
		// Completing an action resolves its flag.
		d.DB.Model(&models.Action{}).Where("number = ?", "1.5").Update("status", models.StatusComplete)
		res := runFlags(t, d, time.Date(2019, 8, 2, 9, 0, 0, 0, london))
		if res.Resolved[models.FlagMilestonePassed] != 1 || slices.Contains(openFlagged(t, d, models.FlagMilestonePassed), "1.5") {
			t.Fatalf("completing 1.5 should resolve its flag: %s", res.Summary())
		}
	})
}

func TestFlagUpdateOverdue(t *testing.T) {
	t.Parallel()
	modeltest.EachWith(t, seedtest.Seeded, func(t *testing.T, d modeltest.DB) {
		// Seeded progress is dated 30 June 2019 (01:00 London); 90 days on is 28 September, the day it is overdue from.
		// Actions whose Progress cell was blank date from the plan (30 June 2019) too, so all are due together.
		var withProgress int64
		d.DB.Model(&models.Action{}).Where("status <> ?", models.StatusComplete).Count(&withProgress)
		if withProgress != 60 {
			t.Fatalf("the seeded plan should have 60 open actions, has %d", withProgress)
		}
		runFlags(t, d, time.Date(2019, 9, 27, 23, 59, 0, 0, london))
		if got := openFlagged(t, d, models.FlagUpdateOverdue); len(got) != 0 {
			t.Fatalf("89 days after the last update nothing is overdue, got %v", got)
		}
		runFlags(t, d, time.Date(2019, 9, 28, 0, 1, 0, 0, london))
		if got := openFlagged(t, d, models.FlagUpdateOverdue); int64(len(got)) != withProgress {
			t.Fatalf("over 90 days: %d update-overdue flags, want %d", len(got), withProgress)
		}
		// A new update resolves the flag.
		now := time.Date(2019, 9, 29, 10, 0, 0, 0, london)
		d.DB.Model(&models.Action{}).Where("number = ?", "1.2").Update("last_update_at", now.UTC())
		res := runFlags(t, d, now)
		if res.Resolved[models.FlagUpdateOverdue] != 1 || slices.Contains(openFlagged(t, d, models.FlagUpdateOverdue), "1.2") {
			t.Fatalf("an update on 1.2 should resolve its flag: %s", res.Summary())
		}
	})
}

// TestFlagsToday pins nothing: with today's date every action the plan says to
// initiate (all by April 2020) and not yet started is overdue.
func TestFlagsToday(t *testing.T) {
	t.Parallel()
	modeltest.EachWith(t, seedtest.Seeded, func(t *testing.T, d modeltest.DB) {
		qc := modeltest.CountQueries(d.DB)
		runFlags(t, d, time.Now())
		// Two reads, then one statement per kind raised (60 actions fit one batch).
		if n := qc.N(); n > 7 {
			t.Errorf("RunFlags ran %d statements; it should be set-based (two reads and one insert per kind)", n)
		}
		var notStarted []string
		d.DB.Model(&models.Action{}).Where("status = ?", models.StatusNotStarted).Order("major, minor").Pluck("number", &notStarted)
		got := openFlagged(t, d, models.FlagOverdueInitiation)
		if len(notStarted) != 12 || !slices.Equal(got, notStarted) {
			t.Fatalf("overdue initiations = %v, want every not-started action %v", got, notStarted)
		}
		for _, n := range []string{"2.1", "2.2", "2.6", "2.7"} {
			if !slices.Contains(got, n) {
				t.Errorf("%s (Initiate August 2019) is not flagged", n)
			}
		}
	})
}
