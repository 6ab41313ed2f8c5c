package schema_test

import (
	"context"
	"testing"
	"time"

	"sendboard/models"
	"sendboard/models/modeltest"
	"sendboard/models/schema"
	"sendboard/seeds/seedtest"
)

// TestBoardHistoryBackfill re-runs migration 11 on a database that has board
// assignments but no history (as an existing installation has): every
// assignment is recorded as made at the plan's date and still standing.
func TestBoardHistoryBackfill(t *testing.T) {
	t.Parallel()
	modeltest.EachWith(t, seedtest.SeededWithBenchmarks, func(t *testing.T, d modeltest.DB) {
		ctx := context.Background()
		drop := []string{"DROP TRIGGER sb_board_history_ins", "DROP TRIGGER sb_board_history_del", "DROP TABLE action_board_history"}
		if d.Name == "postgres" {
			drop = []string{"DROP TABLE action_board_history", "DROP TRIGGER sb_board_history_ins ON action_boards",
				"DROP TRIGGER sb_board_history_del ON action_boards", "DROP FUNCTION sb_board_assigned", "DROP FUNCTION sb_board_removed"}
		}
		for _, s := range append(drop, "DELETE FROM schema_migrations WHERE version = 11") {
			if err := d.DB.Exec(s).Error; err != nil {
				t.Fatalf("%s: %v", s, err)
			}
		}
		if n, err := schema.Migrate(ctx, d.DB); err != nil || n != 1 {
			t.Fatalf("migrate again: %d applied, %v", n, err)
		}
		var plan models.Plan
		d.DB.Take(&plan)
		var links, history, atPlanDate int64
		d.DB.Model(&models.ActionBoard{}).Count(&links)
		d.DB.Table("action_board_history").Count(&history)
		d.DB.Table("action_board_history").Where("assigned_at = ? AND removed_at IS NULL", plan.Date).Count(&atPlanDate)
		if links == 0 || history != links || atPlanDate != links {
			t.Errorf("%d assignments, %d history rows, %d of them at the plan date %s and standing", links, history, atPlanDate, plan.Date.Format("2006-01-02"))
		}
	})
}

// TestFlagSinceBackfill replays migration 9's backfill on flags stored
// before since existed and checks it dates them by the same rule.
func TestFlagSinceBackfill(t *testing.T) {
	t.Parallel()
	modeltest.EachWith(t, seedtest.Seeded, func(t *testing.T, d modeltest.DB) {
		ctx := context.Background()
		runFlags(t, d, time.Date(2026, 12, 1, 6, 0, 0, 0, london))
		var want []models.Flag
		d.DB.Order("id").Find(&want)
		if err := d.DB.Exec("UPDATE flags SET since = ''").Error; err != nil {
			t.Fatal(err)
		}
		for _, stmt := range schema.V9(d.DB.Dialector.Name())[1:] {
			if err := d.DB.WithContext(ctx).Exec(stmt).Error; err != nil {
				t.Fatalf("%v\n%s", err, stmt)
			}
		}
		var got []models.Flag
		d.DB.Order("id").Find(&got)
		if len(got) != len(want) || len(want) < 100 {
			t.Fatalf("%d flags after backfill, %d before", len(got), len(want))
		}
		for i := range want {
			if got[i].Since != want[i].Since {
				t.Errorf("flag %d (%s): backfilled since %q, the rule says %q", want[i].ID, want[i].Kind, got[i].Since, want[i].Since)
			}
		}
	})
}

var london = func() *time.Location {
	l, err := time.LoadLocation("Europe/London")
	if err != nil {
		panic(err)
	}
	return l
}()

func runFlags(t *testing.T, d modeltest.DB, now time.Time) {
	t.Helper()
	if _, err := models.RunFlags(context.Background(), d.DB, now, london, 90); err != nil {
		t.Fatalf("RunFlags at %s: %v", now, err)
	}
}

// TestMain drops the databases and templates the package's tests made (see modeltest.Main).
func TestMain(m *testing.M) { modeltest.Main(m) }
