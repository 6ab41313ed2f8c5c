package measure_test

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"sendboard/models"
	"sendboard/models/measure"
	"sendboard/models/modeltest"
	"sendboard/seeds"
	"sendboard/seeds/seedtest"
)

var importNow = time.Date(2025, 7, 20, 6, 30, 0, 0, time.UTC)

// figures lists every revision of a KPI's period, oldest revision first.
func figures(t *testing.T, d modeltest.DB, code, period string) []measure.KPIFigure {
	t.Helper()
	var out []measure.KPIFigure
	if err := d.DB.Joins("JOIN kpis ON kpis.id = kpi_figures.kpi_id").Where("kpis.code = ? AND kpi_figures.period = ?", code, period).
		Order("revision").Find(&out).Error; err != nil {
		t.Fatal(err)
	}
	return out
}

func countFigures(t *testing.T, d modeltest.DB) int64 {
	t.Helper()
	var n int64
	d.DB.Model(&measure.KPIFigure{}).Count(&n)
	return n
}

func TestImportFeedAppliesRevisesAndIsIdempotent(t *testing.T) {
	t.Parallel()
	modeltest.EachWith(t, seedtest.Seeded, func(t *testing.T, d modeltest.DB) {
		ctx := context.Background()
		feed := "kpi,period,value,commentary\n" +
			"sendiass.initial_enquiries,2025-26 Q1,371,\n" +
			"sendiass.response_within_5_days_pct,2025-26 Q1,72.5,Triage officer now in post\n" +
			"sendiass.initial_enquiries,2024-25 Q4,364,\n" // equal to the seeded figure
		res, err := measure.ImportFeed(ctx, d.DB, []byte(feed), measure.FeedCSV, "test", importNow)
		if err != nil {
			t.Fatal(err)
		}
		if res.Added != 2 || res.Revised != 0 || res.Unchanged != 1 {
			t.Fatalf("first import: %s", res.Summary())
		}
		before := countFigures(t, d)
		res, err = measure.ImportFeed(ctx, d.DB, []byte(feed), measure.FeedCSV, "test", importNow)
		if err != nil || res.Applied() != 0 || res.Unchanged != 3 || countFigures(t, d) != before {
			t.Fatalf("the same feed again must apply nothing: %s, %v", res.Summary(), err)
		}
		// A changed value is a new revision; the old one stays, no longer current.
		js := `{"figures":[{"kpi":"sendiass.initial_enquiries","period":"2025-26 Q1","value":380,"commentary":"late returns"}]}`
		res, err = measure.ImportFeed(ctx, d.DB, []byte(js), measure.FeedJSON, "test", importNow.Add(time.Hour))
		if err != nil || res.Revised != 1 {
			t.Fatalf("revision: %s, %v", res.Summary(), err)
		}
		revs := figures(t, d, "sendiass.initial_enquiries", "2025-26 Q1")
		if len(revs) != 2 || revs[0].Value != 371 || revs[0].Current || revs[1].Value != 380 || !revs[1].Current || revs[1].Revision != 2 {
			t.Fatalf("revisions = %+v", revs)
		}
		old, err := measure.SupersededFigures(ctx, d.DB)
		if err != nil || len(old[revs[0].KPIID]["2025-26 Q1"]) != 1 {
			t.Fatalf("superseded = %v, %v", old, err)
		}
	})
}

func TestImportFeedAllOrNothing(t *testing.T) {
	t.Parallel()
	modeltest.EachWith(t, seedtest.Seeded, func(t *testing.T, d modeltest.DB) {
		before := countFigures(t, d)
		feed := "kpi,period,value\n" +
			"sendiass.initial_enquiries,2025-26 Q1,371\n" +
			"sendiass.no_such_series,2025-26 Q1,1\n" + // 3: unknown code
			"sendiass.initial_enquiries,2025-26 Q9,1\n" + // 4: malformed period
			"sendiass.initial_enquiries,2025-26 Q2,n/a\n" + // 5: not a number
			"sendiass.initial_enquiries,2025-26 Q1,372\n" // 6: duplicate
		_, err := measure.ImportFeed(context.Background(), d.DB, []byte(feed), measure.FeedCSV, "test", importNow)
		var fe *measure.FeedError
		if !errors.As(err, &fe) || len(fe.Rows) != 4 {
			t.Fatalf("want four bad rows, got %v", err)
		}
		for i, want := range []string{"not a known KPI", "period", "not a number", "duplicate"} {
			if fe.Rows[i].Line != i+3 || !strings.Contains(fe.Rows[i].Reason, want) {
				t.Errorf("bad row %d = %+v, want line %d about %q", i, fe.Rows[i], i+3, want)
			}
		}
		// Only an unknown code: still nothing applied, by ApplyFeed's own check.
		_, err = measure.ImportFeed(context.Background(), d.DB,
			[]byte("kpi,period,value\nsendiass.initial_enquiries,2025-26 Q1,371\nnope,2025-26 Q1,1\n"), measure.FeedCSV, "test", importNow)
		if !errors.As(err, &fe) || len(fe.Rows) != 1 || fe.Rows[0].Line != 3 {
			t.Fatalf("unknown code alone: %v", err)
		}
		if n := countFigures(t, d); n != before {
			t.Fatalf("a refused feed stored %d figures", n-before)
		}
	})
}

func TestActionKPIStatusSeeded(t *testing.T) {
	t.Parallel()
	modeltest.EachWith(t, seedtest.Seeded, func(t *testing.T, d modeltest.DB) {
		seeded(t, d) // loading twice adds no second link
		ctx := context.Background()
		act, err := models.FindAction(ctx, d.DB, 1, "3.6")
		if err != nil {
			t.Fatal(err)
		}
		st, err := measure.ActionKPIStatuses(ctx, d.DB, act.ID)
		if err != nil || len(st) != 1 {
			t.Fatalf("3.6 KPI links = %+v, %v", st, err)
		}
		s := st[0]
		// 2023-24 baseline 1169, +30% = 1519.7; 2024-25 was 1309 (+12.0%).
		if s.KPI.Code != "sendiass.initial_enquiries" || s.Baseline.Value != 1169 || s.Latest.Period != "2024-25" ||
			s.Latest.Value != 1309 || *s.Target < 1519.69 || *s.Target > 1519.71 || s.Status != "not_met" || s.ChangeLabel() != "+12.0%" {
			t.Fatalf("3.6 status = %+v (target %v)", s, *s.Target)
		}
		if s.TargetLabel() != "+30% on 2023-24" {
			t.Fatalf("target label %q", s.TargetLabel())
		}
		if _, err := measure.ImportFeed(ctx, d.DB, []byte("kpi,period,value\nsendiass.initial_enquiries,2025-26,1600\n"),
			measure.FeedCSV, "test", importNow); err != nil {
			t.Fatal(err)
		}
		st, _ = measure.ActionKPIStatuses(ctx, d.DB, act.ID)
		if st[0].Latest.Period != "2025-26" || st[0].Status != "met" {
			t.Fatalf("after 1600 in 2025-26: %+v", st[0])
		}
		other, _ := models.FindAction(ctx, d.DB, 1, "3.5")
		if st, err := measure.ActionKPIStatuses(ctx, d.DB, other.ID); err != nil || len(st) != 0 {
			t.Fatalf("3.5 has no KPI link: %+v %v", st, err)
		}
	})
}

// Values a KPI's unit rules out are bad rows, reported with their lines, and
// the feed is applied not at all; a score may be negative.
func TestImportFeedRefusesImpossibleValues(t *testing.T) {
	t.Parallel()
	modeltest.EachWith(t, seedtest.Seeded, func(t *testing.T, d modeltest.DB) {
		ctx := context.Background()
		before := countFigures(t, d)
		feed := "kpi,period,value\n" +
			"sendiass.initial_enquiries,2025-26 Q1,371\n" +
			"sendiass.initial_enquiries,2025-26 Q2,-5\n" + // 3: a negative count
			"sendiass.response_within_5_days_pct,2025-26 Q1,100.5\n" + // 4: over 100%
			"sendiass.response_within_2_days_pct,2025-26 Q1,-0.1\n" + // 5: a negative percentage
			"sendiass.website_unique_users,2025-26 Q1,-1\n" + // 6: negative users
			"sendiass.response_within_2_days_pct,2025-26 Q2,100\n" + // bounds are allowed
			"sendiass.website_unique_users,2025-26 Q2,0\n"
		_, err := measure.ImportFeed(ctx, d.DB, []byte(feed), measure.FeedCSV, "test", importNow)
		var fe *measure.FeedError
		if !errors.As(err, &fe) || len(fe.Rows) != 4 {
			t.Fatalf("want four bad rows, got %v", err)
		}
		for i, want := range []string{"-5 is negative", "100.5 is not a percentage between 0 and 100",
			"-0.1 is not a percentage", "-1 is negative; a number of users"} {
			if fe.Rows[i].Line != i+3 || !strings.Contains(fe.Rows[i].Reason, want) {
				t.Errorf("bad row %d = %+v, want line %d saying %q", i, fe.Rows[i], i+3, want)
			}
		}
		// Reported alongside a parse error too, every bad row at once (JSON lines).
		js := "{\"figures\": [\n" +
			"{\"kpi\":\"sendiass.closed_successfully\",\"period\":\"2025-26 Q1\",\"value\":-2},\n" +
			"{\"kpi\":\"sendiass.closed_successfully\",\"period\":\"2025-26 Q9\",\"value\":2}\n]}"
		_, err = measure.ImportFeed(ctx, d.DB, []byte(js), measure.FeedJSON, "test", importNow)
		if !errors.As(err, &fe) || len(fe.Rows) != 2 || fe.Rows[0].Line != 2 || !strings.Contains(fe.Rows[0].Reason, "negative") {
			t.Fatalf("JSON with a negative count and a bad period: %v", err)
		}
		if n := countFigures(t, d); n != before {
			t.Fatalf("a refused feed stored %d figures", n-before)
		}
		// ApplyFeed holds to the rule on its own as well.
		rows, err := measure.ParseFeed([]byte("kpi,period,value\nsendiass.social_media_followers,2025-26,-3\n"), measure.FeedCSV)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := measure.ApplyFeed(ctx, d.DB, rows, "test", importNow); !errors.As(err, &fe) || fe.Rows[0].Line != 2 {
			t.Fatalf("ApplyFeed with negative people: %v", err)
		}
		// A score has no such bound.
		res, err := measure.ImportFeed(ctx, d.DB, []byte("kpi,period,value\nsendiass.satisfaction_score,2025-26,-0.5\n"), measure.FeedCSV, "test", importNow)
		if err != nil || res.Added != 1 {
			t.Fatalf("a negative score: %v %v", res, err)
		}
	})
}

// seeded loads the real plan into a fresh database.
func seeded(t *testing.T, d modeltest.DB) {
	t.Helper()
	if _, err := seeds.Load(context.Background(), d.DB, seeds.WithoutBenchmarks()); err != nil {
		t.Fatalf("seed: %v", err)
	}
}
