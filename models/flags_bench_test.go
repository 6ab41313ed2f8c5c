package models_test

import (
	"context"
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
