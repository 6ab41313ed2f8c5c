package models_test

import (
	"bytes"
	"context"
	"fmt"
	"testing"
	"time"

	"sendboard/models"
	"sendboard/models/modeltest"
	"sendboard/seeds"
)

// BenchmarkFlagOverdue100k runs flag-overdue over the plan plus 100,000 actions
// on PostgreSQL (target: 2 s); a third are overdue to initiate, a third in
// progress with updates of every age, a third complete.
func BenchmarkFlagOverdue100k(b *testing.B) {
	d := modeltest.Postgres(b)
	ctx := context.Background()
	if _, err := seeds.Load(ctx, d.DB, seeds.WithoutBenchmarks()); err != nil {
		b.Fatal(err)
	}
	err := d.DB.Exec(`INSERT INTO actions (plan_id, number, major, minor, milestone_id, priority_area_id, status,
		initiate_by, last_update_at, created_at, updated_at, version)
		SELECT p.id, '9.' || g, 9, g, (SELECT MIN(id) FROM milestones), (SELECT MIN(id) FROM priority_areas),
			CASE g % 3 WHEN 0 THEN 'not_started' WHEN 1 THEN 'in_progress' ELSE 'complete' END,
			CASE WHEN g % 3 = 0 THEN '2019-08' END, TIMESTAMPTZ '2019-06-30' + (g % 365) * INTERVAL '1 day', now(), now(), 1
		FROM plans p, generate_series(1, 100000) g`).Error
	if err != nil {
		b.Fatal(err)
	}
	d.DB.Exec("ANALYZE")
	now := time.Date(2020, 1, 15, 6, 0, 0, 0, london)
	b.ResetTimer()
	var res models.FlagRunResult
	for i := 0; i < b.N; i++ {
		// Alternate days so every run after the first also resolves and raises.
		res, err = models.RunFlags(ctx, d.DB, now.AddDate(0, 0, 120*(i%2)), london, 90)
		if err != nil {
			b.Fatal(err)
		}
	}
	b.StopTimer()
	b.Logf("last run: %s", res.Summary())
}

// BenchmarkImportFeed100k parses and applies a 100,000-row CSV feed (100 KPIs x
// 1,000 periods), on each database (target: 5 s). The first iteration adds
// every figure; later ones revise every figure.
func BenchmarkImportFeed100k(b *testing.B) {
	for name, open := range map[string]func(testing.TB) modeltest.DB{"sqlite": modeltest.SQLite, "postgres": modeltest.Postgres} {
		b.Run(name, func(b *testing.B) {
			d := open(b) // a fresh database each time the benchmark is sized
			ctx := context.Background()
			kpis := make([]models.KPI, 100)
			for i := range kpis {
				kpis[i] = models.KPI{Code: fmt.Sprintf("bench.k%03d", i), Name: "bench", Unit: "count", Frequency: "quarterly", Direction: "up"}
			}
			if err := d.DB.Create(&kpis).Error; err != nil {
				b.Fatal(err)
			}
			feeds := make([][]byte, 2)
			for v := range feeds {
				var buf bytes.Buffer
				buf.WriteString("kpi,period,value,commentary\n")
				for _, k := range kpis {
					for y := 1900; y < 2100; y++ {
						for q := 0; q <= 4; q++ {
							fmt.Fprintf(&buf, "%s,%s,%d,\n", k.Code, models.Period{StartYear: y, Quarter: q}, y*10+q+v)
						}
					}
				}
				feeds[v] = buf.Bytes()
			}
			b.ResetTimer()
			for i := 0; i < b.N; i++ {
				res, err := models.ImportFeed(ctx, d.DB, feeds[i%2], models.FeedCSV, "bench", time.Now())
				if err != nil {
					b.Fatal(err)
				}
				if res.Applied() != 100_000 {
					b.Fatalf("applied %d, want 100000", res.Applied())
				}
			}
		})
	}
}
