package models_test

import (
	"testing"
	"time"

	"gorm.io/gorm"

	"sendboard/models"
	"sendboard/models/modeltest"
	"sendboard/seeds/seedtest"
)

// flagsOf returns an action's flags of kind, oldest first.
func flagsOf(t *testing.T, db *gorm.DB, number, kind string) []models.Flag {
	t.Helper()
	var fs []models.Flag
	if err := db.Joins("JOIN actions ON actions.id = flags.action_id").
		Where("actions.number = ? AND flags.kind = ?", number, kind).Order("flags.id").Find(&fs).Error; err != nil {
		t.Fatal(err)
	}
	return fs
}

func actionID(t *testing.T, db *gorm.DB, number string) uint {
	t.Helper()
	var id uint
	if err := db.Model(&models.Action{}).Where("number = ?", number).Pluck("id", &id).Error; err != nil || id == 0 {
		t.Fatalf("action %s: %v", number, err)
	}
	return id
}

// TestFlagSinceFromThePlan: since is the day the rule's condition became
// true by the plan's dates, not the day the job happened to run.
func TestFlagSinceFromThePlan(t *testing.T) {
	t.Parallel()
	modeltest.EachWith(t, seedtest.Seeded, func(t *testing.T, d modeltest.DB) {
		runFlags(t, d, time.Date(2026, 12, 1, 6, 0, 0, 0, london))
		cases := []struct{ number, kind, since string }{
			{"1.1", models.FlagMilestonePassed, "2019-08-01"},   // 3 month milestone, July 2019
			{"2.3", models.FlagMilestonePassed, "2019-11-01"},   // 6 month milestone, October 2019
			{"3.1", models.FlagMilestonePassed, "2020-06-01"},   // 12 month milestone, May 2020
			{"2.1", models.FlagOverdueInitiation, "2019-09-01"}, // Initiate August 2019
			{"1.1", models.FlagUpdateOverdue, "2019-09-28"},     // plan dated 30 June 2019 + 90 days
		}
		for _, c := range cases {
			fs := flagsOf(t, d.DB, c.number, c.kind)
			if len(fs) != 1 || fs[0].Since != c.since || fs[0].ResolvedAt != nil {
				t.Errorf("%s %s: %+v, want one open flag since %s", c.number, c.kind, fs, c.since)
			}
		}
		// "Initiate September 2019" is overdue from 1 October 2019.
		var sept []string
		d.DB.Model(&models.Action{}).Where("initiate_by = ? AND status = ?", "2019-09", models.StatusNotStarted).Pluck("number", &sept)
		for _, n := range sept {
			if fs := flagsOf(t, d.DB, n, models.FlagOverdueInitiation); len(fs) != 1 || fs[0].Since != "2019-10-01" {
				t.Errorf("%s (Initiate September 2019): %+v, want since 2019-10-01", n, fs)
			}
		}
	})
}

// TestReevaluateActionFlagsOnOneAction: the per-write re-evaluation uses the
// same rules as the job, touches only its action, and corrects since when
// the dates behind a flag move.
func TestReevaluateActionFlagsOnOneAction(t *testing.T) {
	t.Parallel()
	modeltest.EachWith(t, seedtest.Seeded, func(t *testing.T, d modeltest.DB) {
		cfg := models.FlagConfig{Location: london, UpdateOverdueDays: 90}
		now := time.Date(2026, 12, 1, 10, 0, 0, 0, london)
		id := actionID(t, d.DB, "2.1")
		qc := modeltest.CountQueries(d.DB)
		if err := models.ReevaluateActionFlags(d.DB, id, now, cfg); err != nil {
			t.Fatal(err)
		}
		if n := qc.N(); n > 5 {
			t.Errorf("re-evaluating one action ran %d statements, want at most 5", n)
		}
		var total int64
		d.DB.Model(&models.Flag{}).Count(&total)
		if got := len(flagsOf(t, d.DB, "2.1", models.FlagOverdueInitiation)) + len(flagsOf(t, d.DB, "2.1", models.FlagMilestonePassed)) +
			len(flagsOf(t, d.DB, "2.1", models.FlagUpdateOverdue)); int64(got) != total || got != 3 {
			t.Fatalf("flags after re-evaluating 2.1: %d of 2.1, %d in all; want its 3 only", got, total)
		}
		// The lead starts the action and updates it: both its overdue
		// initiation and update overdue flags resolve; milestone passed stays.
		if err := d.DB.Model(&models.Action{}).Where("id = ?", id).
			Updates(map[string]any{"status": models.StatusInProgress, "last_update_at": now.UTC()}).Error; err != nil {
			t.Fatal(err)
		}
		if err := models.ReevaluateActionFlags(d.DB, id, now, cfg); err != nil {
			t.Fatal(err)
		}
		for _, k := range []string{models.FlagOverdueInitiation, models.FlagUpdateOverdue} {
			if fs := flagsOf(t, d.DB, "2.1", k); len(fs) != 1 || fs[0].ResolvedAt == nil || !fs[0].ResolvedAt.Equal(now) {
				t.Errorf("%s after the update: %+v, want resolved at %s", k, fs, now)
			}
		}
		// A 90-day configuration that becomes 30: the update is 0 days old, still fine.
		if err := models.ReevaluateActionFlags(d.DB, id, now, models.FlagConfig{Location: london, UpdateOverdueDays: 30}); err != nil {
			t.Fatal(err)
		}
		// A revised due date re-dates the open flag: a day-precise due passes the day after.
		d.DB.Model(&models.Action{}).Where("id = ?", id).Update("due", "2020-05-15")
		if err := models.ReevaluateActionFlags(d.DB, id, now, cfg); err != nil {
			t.Fatal(err)
		}
		if fs := flagsOf(t, d.DB, "2.1", models.FlagMilestonePassed); len(fs) != 1 || fs[0].Since != "2020-05-16" || fs[0].ResolvedAt != nil {
			t.Errorf("milestone passed after the due moved to 15 May 2020: %+v, want one open flag since 2020-05-16", fs)
		}
		// Due in the future: the flag resolves.
		d.DB.Model(&models.Action{}).Where("id = ?", id).Update("due", "2027-01")
		if err := models.ReevaluateActionFlags(d.DB, id, now, cfg); err != nil {
			t.Fatal(err)
		}
		if fs := flagsOf(t, d.DB, "2.1", models.FlagMilestonePassed); len(fs) != 1 || fs[0].ResolvedAt == nil {
			t.Errorf("milestone passed with the due in January 2027: %+v, want resolved", fs)
		}
		// Bad configuration is refused, not guessed.
		if err := models.ReevaluateActionFlags(d.DB, id, now, models.FlagConfig{}); err == nil {
			t.Error("a zero update-overdue period was accepted")
		}
	})
}
