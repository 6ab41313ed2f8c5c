package measure_test

import (
	"context"
	"testing"
	"time"

	"sendboard/models"
	"sendboard/models/measure"
	"sendboard/models/modeltest"
)

func f(v float64) *float64 { return &v }

// TestRAGRule: green at or beyond target, amber within the tolerance, red
// beyond it, "none" without a target; per polarity.
func TestRAGRule(t *testing.T) {
	t.Parallel()
	cases := []struct {
		dir      string
		tol      float64
		min, max *float64
		value    float64
		want     string
	}{
		{"up", 5, f(90), nil, 90, "green"},
		{"up", 5, f(90), nil, 97, "green"},
		{"up", 5, f(90), nil, 85, "amber"},
		{"up", 5, f(90), nil, 84.9, "red"},
		{"up", 0, f(90), nil, 89.99, "red"},
		{"up", 2, f(12), f(15), 16, "green"}, // higher is better: beyond the range is fine
		{"up", 2, f(12), f(15), 10, "amber"},
		{"down", 3, nil, f(10), 10, "green"},
		{"down", 3, nil, f(10), 2, "green"},
		{"down", 3, nil, f(10), 13, "amber"},
		{"down", 3, nil, f(10), 13.5, "red"},
		{"down", 3, f(10), nil, 9, "green"}, // a single figure is the ceiling
		{"none", 1, f(12), f(15), 13, "green"},
		{"none", 1, f(12), f(15), 11, "amber"},
		{"none", 1, f(12), f(15), 16, "amber"},
		{"none", 1, f(12), f(15), 16.5, "red"},
		{"none", 1, f(12), f(15), 10.9, "red"},
		{"up", 5, nil, nil, 1, "none"},
	}
	for _, c := range cases {
		k := measure.KPI{Direction: c.dir, Tolerance: c.tol, Decimals: 1}
		if got := measure.RAG(k, measure.Target{Min: c.min, Max: c.max}, c.value); got != c.want {
			t.Errorf("%s tol %v target %v-%v value %v: %s, want %s", c.dir, c.tol, show(c.min), show(c.max), c.value, got, c.want)
		}
	}
}

func show(p *float64) any {
	if p == nil {
		return "-"
	}
	return *p
}

// TestTargetTrajectory: a period's own target, else the line between
// milestones (from the baseline), else the last milestone, else the standing target.
func TestTargetTrajectory(t *testing.T) {
	t.Parallel()
	k := measure.KPI{Direction: "up", BaselineValue: f(60), BaselinePeriod: "2024-25", TargetMin: f(50)}
	ts := []measure.KPITarget{{Period: "2026-27", TargetMin: f(80)}, {Period: "2025-26 Q2", TargetMin: f(70)}}
	for _, c := range []struct {
		period, from string
		want         *float64
	}{
		{"2025-26", "trajectory", f(70)}, // halfway from 60 (2024-25) to 80 (2026-27)
		{"2026-27", "period", f(80)},
		{"2027-28", "trajectory", f(80)},
		{"2025-26 Q2", "period", f(70)},
		{"2025-26 Q3", "trajectory", f(70)}, // quarters keep to quarters
		{"2023-24", "standing", f(50)},
	} {
		got := measure.TargetFor(k, ts, c.period)
		if got.From != c.from || got.Min == nil || *got.Min != *c.want {
			t.Errorf("%s: %+v (min %v), want %s %v", c.period, got, show(got.Min), c.from, *c.want)
		}
	}
}

// TestRedRaisesGreenResolves: a red figure raises kpi_off_track for the KPI,
// its owner comments, and a green figure resolves it; history is kept.
func TestRedRaisesGreenResolves(t *testing.T) {
	t.Parallel()
	modeltest.Each(t, func(t *testing.T, d modeltest.DB) {
		ctx := context.Background()
		k := measure.KPI{Code: "t.response", Name: "Response within 2 days", Unit: "percent", Frequency: "quarterly",
			Direction: "up", TargetMin: f(90), Tolerance: 5, OwnerRole: "DCO", PeriodType: "financial_quarter"}
		if err := d.DB.Create(&k).Error; err != nil {
			t.Fatal(err)
		}
		t1 := time.Date(2025, 7, 10, 9, 0, 0, 0, time.UTC)
		feed := func(line string, now time.Time) {
			t.Helper()
			rows, err := measure.ParseFeed([]byte("kpi,period,value,commentary\n"+line+"\n"), measure.FeedCSV)
			if err != nil {
				t.Fatal(err)
			}
			if _, err := measure.ApplyFeed(ctx, d.DB, rows, "test", now); err != nil {
				t.Fatal(err)
			}
		}
		feed("t.response,2025-26 Q1,86,", t1) // amber: no exception
		if open, _ := measure.OpenKPIExceptions(ctx, d.DB); len(open) != 0 {
			t.Fatalf("amber raised %+v", open)
		}
		feed("t.response,2025-26 Q2,70,", t1.AddDate(0, 3, 0)) // red
		open, _ := measure.OpenKPIExceptions(ctx, d.DB)
		e, ok := open[k.ID]
		if !ok || e.Kind != measure.KPIOffTrack || e.Period != "2025-26 Q2" || e.Value != 70 || e.TargetText != "90.0%" && e.TargetText != "90%" {
			t.Fatalf("red: %+v", open)
		}
		// The owner (a holder of the owner role) is asked; a viewer may not answer.
		viewer := &models.User{ID: 999, Role: models.RoleViewer}
		if err := measure.AddKPICommentary(ctx, d.DB, viewer, k.Code, "x", t1); err != models.ErrForbidden {
			t.Errorf("viewer commentary: %v", err)
		}
		if err := d.DB.Create(&models.Lead{Name: "DCO", Slug: "dco"}).Error; err != nil {
			t.Fatal(err)
		}
		owner, err := models.CreateUser(ctx, d.DB, models.NewUser{Email: "dco@example.test", Name: "DCO", Role: models.RoleLead,
			Password: "correct horse battery staple", Leads: []string{"DCO"}}, time.Now())
		if err != nil {
			t.Fatal(err)
		}
		if err := measure.AddKPICommentary(ctx, d.DB, owner, k.Code, "Two staff off sick; agency cover from August.", t1); err != nil {
			t.Fatal(err)
		}
		feed("t.response,2025-26 Q3,92,", t1.AddDate(0, 6, 0)) // green resolves
		if open, _ := measure.OpenKPIExceptions(ctx, d.DB); len(open) != 0 {
			t.Fatalf("green left open %+v", open)
		}
		// A pack sees the exception as it stood at a given time, with its commentary.
		at := time.Date(2025, 10, 20, 0, 0, 0, 0, time.UTC) // raised 10 October when the Q2 figure came in
		es, err := measure.KPIExceptionsAt(ctx, d.DB, at)
		if err != nil || len(es) != 1 || es[0].KPI.Code != k.Code || es[0].Commentary == "" {
			t.Fatalf("at Q2 end: %+v %v", es, err)
		}
		if es, _ := measure.KPIExceptionsAt(ctx, d.DB, t1.AddDate(0, 7, 0)); len(es) != 0 {
			t.Errorf("after resolution: %+v", es)
		}
	})
}
