package models_test

import (
	"context"
	"errors"
	"strings"
	"testing"

	"sendboard/models"
	"sendboard/models/modeltest"
)

// Values a KPI's unit rules out are bad rows, reported with their lines, and
// the feed is applied not at all; a score may be negative.
func TestImportFeedRefusesImpossibleValues(t *testing.T) {
	modeltest.Each(t, func(t *testing.T, d modeltest.DB) {
		seeded(t, d)
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
		_, err := models.ImportFeed(ctx, d.DB, []byte(feed), models.FeedCSV, "test", importNow)
		var fe *models.FeedError
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
		_, err = models.ImportFeed(ctx, d.DB, []byte(js), models.FeedJSON, "test", importNow)
		if !errors.As(err, &fe) || len(fe.Rows) != 2 || fe.Rows[0].Line != 2 || !strings.Contains(fe.Rows[0].Reason, "negative") {
			t.Fatalf("JSON with a negative count and a bad period: %v", err)
		}
		if n := countFigures(t, d); n != before {
			t.Fatalf("a refused feed stored %d figures", n-before)
		}
		// ApplyFeed holds to the rule on its own as well.
		rows, err := models.ParseFeed([]byte("kpi,period,value\nsendiass.social_media_followers,2025-26,-3\n"), models.FeedCSV)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := models.ApplyFeed(ctx, d.DB, rows, "test", importNow); !errors.As(err, &fe) || fe.Rows[0].Line != 2 {
			t.Fatalf("ApplyFeed with negative people: %v", err)
		}
		// A score has no such bound.
		res, err := models.ImportFeed(ctx, d.DB, []byte("kpi,period,value\nsendiass.satisfaction_score,2025-26,-0.5\n"), models.FeedCSV, "test", importNow)
		if err != nil || res.Added != 1 {
			t.Fatalf("a negative score: %v %v", res, err)
		}
	})
}
