package schema_test

import (
	"context"
	"slices"
	"testing"

	"sendboard/models"
	"sendboard/models/modeltest"
	"sendboard/models/schema"
	"sendboard/seeds/seedtest"
)

// measureWrites change each table the KPI and benchmark pages read, in the
// scripts those pages must show as written.
var measureWrites = []struct{ table, sql string }{
	{"kpis", "UPDATE kpis SET name = name || ' Ł' WHERE id = (SELECT MIN(id) FROM kpis)"},
	{"kpi_figures", "UPDATE kpi_figures SET commentary = 'ı ≥ ŵ' WHERE id = (SELECT MIN(id) FROM kpi_figures)"},
	{"kpi_targets", "INSERT INTO kpi_targets (kpi_id, period, period_sort, target_min) SELECT MIN(id), '2031-32', 20315, 1 FROM kpis"},
	{"kpi_exceptions", "INSERT INTO kpi_exceptions (kpi_id, kind, period, value, raised_at, commentary) " +
		"SELECT MIN(id), 'kpi_off_track', '2031-32', 1, CURRENT_TIMESTAMP, 'Łódź → ŵ' FROM kpis"},
	{"feed_state", "INSERT INTO feed_state (source, last_success_at) VALUES ('https://feed.example.test/ŵ', CURRENT_TIMESTAMP)"},
	{"bm_measures", "UPDATE bm_measures SET name = name || ' ı' WHERE id = (SELECT MIN(id) FROM bm_measures)"},
	{"bm_areas", "UPDATE bm_areas SET name = name || ' ŵ' WHERE code = 838"},
	{"bm_neighbours", "DELETE FROM bm_neighbours WHERE la_code = 838 AND position = (SELECT MAX(position) FROM bm_neighbours WHERE la_code = 838)"},
	{"bm_values", "UPDATE bm_values SET value = 1 WHERE id = (SELECT MIN(id) FROM bm_values)"},
	{"action_kpis", "INSERT INTO action_kpis (action_id, kpi_id, baseline_period, target_change_pct, direction) " +
		"SELECT (SELECT MAX(id) FROM actions), MAX(id), '2024-25', 5, 'up' FROM kpis"},
	{"action_benchmarks", "INSERT INTO action_benchmarks (action_id, measure_id) SELECT (SELECT MAX(id) FROM actions), MAX(id) FROM bm_measures"},
}

// Every write to what the KPI and benchmark pages show moves the measures
// revision and no other; a progress note or a board or lead role renamed
// leaves it, the last two moving the reference lists' and the accounts'.
func TestMeasuresRevision(t *testing.T) {
	t.Parallel()
	modeltest.EachWith(t, seedtest.SeededWithBenchmarks, func(t *testing.T, d modeltest.DB) {
		ctx := context.Background()
		var plan models.Plan
		if err := d.DB.Where("is_default").Take(&plan).Error; err != nil {
			t.Fatal(err)
		}
		scopes := []int64{int64(plan.ID), schema.ScopeReference, schema.ScopeAccounts, schema.ScopeMeasures}
		step := func(what, sql string, moved ...int64) {
			t.Helper()
			before, err := models.ReadRevisions(ctx, d.DB)
			if err != nil {
				t.Fatal(err)
			}
			if before.Scope(schema.ScopeMeasures) == 0 {
				t.Fatal("no measures revision")
			}
			res := d.DB.Exec(sql)
			if res.Error != nil || res.RowsAffected == 0 {
				t.Fatalf("%s: %d rows, %v", what, res.RowsAffected, res.Error)
			}
			after, err := models.ReadRevisions(ctx, d.DB)
			if err != nil {
				t.Fatal(err)
			}
			for _, s := range scopes {
				if got, want := after.Scope(s) > before.Scope(s), slices.Contains(moved, s); got != want {
					t.Errorf("%s: scope %d moved %v, want %v", what, s, got, want)
				}
			}
		}
		for _, w := range measureWrites {
			step(w.table, w.sql, schema.ScopeMeasures)
		}
		step("progress note", "INSERT INTO progress_updates (action_id, update_date, narrative, status, author_name, created_at) "+
			"SELECT MIN(id), CURRENT_TIMESTAMP, 'ŵ', 'in_progress', 'Ł', CURRENT_TIMESTAMP FROM actions WHERE plan_id = "+itoa(plan.ID), int64(plan.ID))
		// Users are held in memory with their boards' and lead roles' names.
		step("board renamed", "UPDATE boards SET name = name || ' ı' WHERE id = (SELECT MIN(id) FROM boards)", schema.ScopeReference, schema.ScopeAccounts)
		step("lead role renamed", "UPDATE leads SET name = name || ' Ł' WHERE id = (SELECT MIN(id) FROM leads)", schema.ScopeReference, schema.ScopeAccounts)
	})
}

// A database migrated before the measures revision existed gets it, with
// its triggers, from the next migration.
func TestMeasuresRevisionOnOldDatabase(t *testing.T) {
	t.Parallel()
	modeltest.EachWith(t, seedtest.Seeded, func(t *testing.T, d modeltest.DB) {
		ctx := context.Background()
		undo := []string{"DELETE FROM cache_revisions WHERE scope = -2", "DELETE FROM schema_migrations WHERE version = 36"}
		for _, w := range measureWrites {
			if d.Name == "postgres" {
				undo = append(undo, "DROP TRIGGER sb_rv_ms_"+w.table+" ON "+w.table)
				continue
			}
			for _, op := range []string{"INSERT", "UPDATE", "DELETE"} {
				undo = append(undo, "DROP TRIGGER sb_rv_ms_"+w.table+"_"+op)
			}
		}
		for _, s := range undo {
			if err := d.DB.Exec(s).Error; err != nil {
				t.Fatalf("%s: %v", s, err)
			}
		}
		if n, err := schema.Migrate(ctx, d.DB); err != nil || n != 1 {
			t.Fatalf("migrate again: %d applied, %v", n, err)
		}
		before, _ := models.ReadRevisions(ctx, d.DB)
		if err := d.DB.Exec(measureWrites[0].sql).Error; err != nil {
			t.Fatal(err)
		}
		after, _ := models.ReadRevisions(ctx, d.DB)
		if b, a := before.Scope(schema.ScopeMeasures), after.Scope(schema.ScopeMeasures); b == 0 || a <= b {
			t.Errorf("measures revision %d before a KPI renamed, %d after", b, a)
		}
	})
}
