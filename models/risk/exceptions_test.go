package risk_test

import (
	"context"
	"testing"
	"time"

	"gorm.io/gorm"

	"sendboard/models/modeltest"
	"sendboard/models/risk"
)

func openExceptions(t *testing.T, db *gorm.DB) map[uint]string {
	t.Helper()
	var rows []risk.Exception
	if err := db.Where("resolved_at IS NULL").Find(&rows).Error; err != nil {
		t.Fatal(err)
	}
	out := map[uint]string{}
	for _, e := range rows {
		if e.Kind != risk.ExceptionReviewOverdue {
			t.Errorf("kind %q", e.Kind)
		}
		out[e.RiskID] = e.Since
	}
	return out
}

// TestReviewOverdueExceptions: the daily job raises risk_review_overdue once
// a review-by day has passed (by the local calendar), keeps one open per
// risk, resolves it when the review is re-dated or the risk closed, and
// raises a new one when the new day passes too.
func TestReviewOverdueExceptions(t *testing.T) {
	t.Parallel()
	modeltest.Each(t, func(t *testing.T, d modeltest.DB) {
		ctx, w := context.Background(), build(t, d.DB)
		london, _ := time.LoadLocation("Europe/London")
		made := time.Date(2026, 1, 6, 10, 0, 0, 0, time.UTC)
		due, err := risk.Create(ctx, d.DB, w.leadDCO, w.plan, risk.Input{Title: "Review ≥ due → Ł", Owner: "dco", Likelihood: 2, Impact: 3,
			ReviewBy: "2026-02-01", Actions: []string{"1.1"}}, made)
		if err != nil {
			t.Fatal(err)
		}
		later, err := risk.Create(ctx, d.DB, w.admin, w.plan, risk.Input{Title: "Later ŵ", Owner: "dco", Likelihood: 2, Impact: 2, ReviewBy: "2026-06-01"}, made)
		if err != nil {
			t.Fatal(err)
		}
		run := func(at time.Time, raised, resolved int) {
			t.Helper()
			res, err := risk.RunReviewExceptions(ctx, d.DB, at, london)
			if err != nil {
				t.Fatal(err)
			}
			if res.Raised != raised || res.Resolved != resolved {
				t.Fatalf("run at %v: %+v, want +%d -%d", at, res, raised, resolved)
			}
		}
		run(time.Date(2026, 2, 1, 23, 0, 0, 0, time.UTC), 0, 0) // still 1 February in London
		run(time.Date(2026, 2, 2, 0, 30, 0, 0, time.UTC), 1, 0)
		run(time.Date(2026, 2, 2, 0, 30, 0, 0, time.UTC), 0, 0)
		if got := openExceptions(t, d.DB); len(got) != 1 || got[due.ID] != "2026-02-01" {
			t.Fatalf("open after the day passed: %v", got)
		}
		in := risk.InputOf(due)
		in.ReviewBy = "2026-03-01"
		if due, err = risk.Update(ctx, d.DB, w.leadDCO, w.plan, due.ID, in, made.Add(800*time.Hour)); err != nil {
			t.Fatal(err)
		}
		run(time.Date(2026, 2, 10, 8, 0, 0, 0, time.UTC), 0, 1)
		run(time.Date(2026, 3, 2, 8, 0, 0, 0, time.UTC), 1, 0)
		if got := openExceptions(t, d.DB); len(got) != 1 || got[due.ID] != "2026-03-01" {
			t.Fatalf("open after the new day passed: %v", got)
		}
		in = risk.InputOf(due)
		in.Status, in.Reason = risk.StatusClosed, "Reviewed and closed"
		if _, err = risk.Update(ctx, d.DB, w.leadDCO, w.plan, due.ID, in, made.Add(1500*time.Hour)); err != nil {
			t.Fatal(err)
		}
		run(time.Date(2026, 6, 2, 8, 0, 0, 0, time.UTC), 1, 1)
		if got := openExceptions(t, d.DB); len(got) != 1 || got[later.ID] != "2026-06-01" {
			t.Fatalf("open at June: %v", got)
		}
		var all int64
		d.DB.Model(&risk.Exception{}).Count(&all)
		if all != 3 {
			t.Errorf("%d exceptions kept, want 3 (resolved ones stay)", all)
		}
	})
}
