package models_test

import (
	"testing"
	"time"

	"sendboard/models"
	"sendboard/models/modeltest"
	"sendboard/seeds/seedtest"
)

// TestOverdueInitiationFromStart: one rule for a plan's start date (a day or
// a month) and a document's "Initiate <month>": not started after it is an
// overdue initiation, from the day after; a start wins over initiate-by, and
// the flag's wording names it.
func TestOverdueInitiationFromStart(t *testing.T) {
	t.Parallel()
	modeltest.EachWith(t, seedtest.Seeded, func(t *testing.T, d modeltest.DB) {
		// 2.1 is "Initiate August 2019"; 2.2's start is a day, 2.4's a month after now.
		d.DB.Model(&models.Action{}).Where("number = ?", "2.2").Updates(map[string]any{"status": models.StatusNotStarted, "start_date": "2026-03-15"})
		d.DB.Model(&models.Action{}).Where("number = ?", "2.4").Updates(map[string]any{"status": models.StatusNotStarted, "start_date": "2027-01"})
		d.DB.Model(&models.Action{}).Where("number = ?", "2.5").Updates(map[string]any{"status": models.StatusInProgress, "start_date": "2020-01"})
		runFlags(t, d, time.Date(2026, 12, 1, 6, 0, 0, 0, london))
		for number, since := range map[string]string{"2.1": "2019-09-01", "2.2": "2026-03-16", "2.4": "", "2.5": ""} {
			fs := flagsOf(t, d.DB, number, models.FlagOverdueInitiation)
			if since == "" && len(fs) != 0 || since != "" && (len(fs) != 1 || fs[0].Since != since) {
				t.Errorf("%s: %+v, want since %q", number, fs, since)
			}
		}
		var a models.Action
		d.DB.Where("number = ?", "2.2").Take(&a)
		if a.StartBy() != "2026-03-15" || a.FlagDetail(models.Flag{Kind: models.FlagOverdueInitiation}) != "Overdue initiation: due to start 15 March 2026" {
			t.Errorf("2.2 start %q, %q", a.StartBy(), a.FlagDetail(models.Flag{Kind: models.FlagOverdueInitiation}))
		}
	})
}
