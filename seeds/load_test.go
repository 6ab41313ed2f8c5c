package seeds_test

import (
	"context"
	"maps"
	"slices"
	"strings"
	"testing"
	"time"

	"gorm.io/gorm"

	"sendboard/models"
	"sendboard/models/measure"
	"sendboard/models/modeltest"
	"sendboard/seeds"
)

// rowCounts counts the rows of every table in the database.
func rowCounts(t *testing.T, db *gorm.DB) map[string]int64 {
	t.Helper()
	tables, err := db.Migrator().GetTables()
	if err != nil {
		t.Fatal(err)
	}
	out := map[string]int64{}
	for _, name := range tables {
		var n int64
		if err := db.Table(name).Count(&n).Error; err != nil {
			t.Fatalf("count %s: %v", name, err)
		}
		out[name] = n
	}
	return out
}

func TestLoadTwiceChangesNothing(t *testing.T) {
	t.Parallel()
	modeltest.Each(t, func(t *testing.T, d modeltest.DB) {
		first := load(t, d.DB)
		before := rowCounts(t, d.DB)
		for _, table := range []string{"actions", "action_boards", "progress_updates", "kpis", "kpi_figures", "boards", "leads"} {
			if before[table] == 0 {
				t.Errorf("table %s is empty after the first load", table)
			}
		}
		second := load(t, d.DB)
		if second != (seeds.Result{}) {
			t.Errorf("second load added %+v, want nothing", second)
		}
		if after := rowCounts(t, d.DB); !maps.Equal(before, after) {
			t.Errorf("row counts changed:\n before %v\n after  %v", before, after)
		}
		if first.Actions != 60 || first.KPIs == 0 || first.Figures == 0 {
			t.Errorf("first load = %+v", first)
		}
	})
}

func TestSynthetic(t *testing.T) {
	t.Parallel()
	modeltest.Each(t, func(t *testing.T, d modeltest.DB) {
		ctx := context.Background()
		if _, err := seeds.Synthetic(ctx, d.DB, 5); err == nil {
			t.Error("synthetic on an empty database: want an error asking for the seeds first")
		}
		load(t, d.DB)
		before := rowCounts(t, d.DB)
		const n = 37
		for round := 1; round <= 2; round++ {
			got, err := seeds.Synthetic(ctx, d.DB, n)
			if err != nil || got != n {
				t.Fatalf("round %d: synthetic = %d, %v", round, got, err)
			}
		}
		after := rowCounts(t, d.DB)
		if after["actions"]-before["actions"] != 2*n {
			t.Errorf("actions grew by %d, want %d", after["actions"]-before["actions"], 2*n)
		}
		if after["progress_updates"]-before["progress_updates"] != 2*n*seeds.UpdatesPerSynthetic {
			t.Errorf("updates grew by %d, want %d", after["progress_updates"]-before["progress_updates"], 2*n*seeds.UpdatesPerSynthetic)
		}
		if after["boards"] != before["boards"] || after["leads"] != before["leads"] {
			t.Errorf("synthetic actions must reuse the seeded boards and leads")
		}

		// Every action (real and synthetic) in one list: numbers unique, in numeric order.
		plan, _ := models.DefaultPlan(ctx, d.DB)
		ref, err := models.LoadPlanReference(ctx, d.DB, *plan)
		if err != nil {
			t.Fatal(err)
		}
		var all []models.Action
		f := models.ActionFilter{Limit: models.MaxLimit}
		for {
			page, err := models.ListActionsRef(ctx, d.DB, ref, f, -1)
			if err != nil {
				t.Fatal(err)
			}
			all = append(all, page.Actions...)
			if page.Next == "" {
				break
			}
			f.After = page.Next
		}
		if len(all) != 60+2*n {
			t.Fatalf("listed %d actions, want %d", len(all), 60+2*n)
		}
		seen := map[string]bool{}
		for i, a := range all {
			if seen[a.Number] {
				t.Errorf("number %s twice", a.Number)
			}
			seen[a.Number] = true
			major, minor, err := models.SplitNumber(a.Number)
			if err != nil || major != a.Major || minor != a.Minor {
				t.Errorf("%s: stored as %d.%d (%v)", a.Number, a.Major, a.Minor, err)
			}
			if i > 0 {
				p := all[i-1]
				if p.Major > a.Major || (p.Major == a.Major && p.Minor >= a.Minor) {
					t.Errorf("%s listed after %s", a.Number, p.Number)
				}
			}
			if minor >= 1000 && (a.Lead == nil || len(a.Boards) == 0 || a.Progress == "" || a.LastUpdateAt == nil) {
				t.Errorf("synthetic %s lacks a lead, board or progress: %+v", a.Number, a)
			}
		}
		// A synthetic action's newest update is its progress.
		var syn models.Action
		if err := d.DB.Where("minor >= 1000").Order("minor").Take(&syn).Error; err != nil {
			t.Fatal(err)
		}
		ups, err := models.ListUpdates(ctx, d.DB, syn.ID, 100)
		if err != nil || len(ups) != seeds.UpdatesPerSynthetic || ups[0].Narrative != syn.Progress {
			t.Errorf("synthetic %s: %d updates (%v), newest %q, progress %q", syn.Number, len(ups), err, ups[0].Narrative, syn.Progress)
		}
		if !slices.IsSortedFunc(ups, func(a, b models.ProgressUpdate) int { return b.UpdateDate.Compare(a.UpdateDate) }) {
			t.Error("updates are not newest first")
		}
	})
}

// TestLoadOptions: At stamps the exceptions the seeded figures raise with the
// given time, and WithoutBenchmarks leaves every benchmark table empty while
// loading the plan and KPIs as a full load does.
func TestLoadOptions(t *testing.T) {
	t.Parallel()
	modeltest.Each(t, func(t *testing.T, d modeltest.DB) {
		now := time.Date(2026, 11, 3, 9, 30, 0, 0, time.UTC)
		if _, err := seeds.Load(context.Background(), d.DB, seeds.At(now), seeds.WithoutBenchmarks()); err != nil {
			t.Fatal(err)
		}
		counts := rowCounts(t, d.DB)
		for table, n := range counts {
			if strings.HasPrefix(table, "bm_") && n != 0 {
				t.Errorf("%s has %d rows after a load without benchmarks", table, n)
			}
		}
		if counts["actions"] == 0 || counts["kpi_figures"] == 0 {
			t.Fatalf("plan or KPI figures missing: %v", counts)
		}
		var raised []measure.KPIException
		if err := d.DB.Find(&raised).Error; err != nil {
			t.Fatal(err)
		}
		if len(raised) == 0 {
			t.Fatal("the seeded figures raised no KPI exception")
		}
		for _, e := range raised {
			if !e.RaisedAt.Equal(now) {
				t.Errorf("exception %d raised at %v, want %v", e.ID, e.RaisedAt, now)
			}
		}
		if _, err := seeds.Load(context.Background(), d.DB, seeds.At(now)); err != nil {
			t.Fatal(err)
		}
		if n := rowCounts(t, d.DB)["bm_values"]; n == 0 {
			t.Error("a full load after a load without benchmarks added no benchmark figures")
		}
	})
}
