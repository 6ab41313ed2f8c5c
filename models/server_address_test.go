package models_test

import (
	"context"
	"testing"
	"time"

	"sendboard/models"
	"sendboard/models/modeltest"
)

// The server's base URL is one row: the last start's, read back as stored.
func TestRecordBaseURL(t *testing.T) {
	t.Parallel()
	modeltest.Each(t, func(t *testing.T, d modeltest.DB) {
		ctx := context.Background()
		if u, err := models.RecordedBaseURL(ctx, d.DB); err != nil || u != "" {
			t.Fatalf("before any server: %q, %v", u, err)
		}
		now := time.Date(2026, 12, 7, 9, 0, 0, 0, time.UTC)
		for _, u := range []string{"http://127.0.0.1:8080", "http://10.0.0.5:9000"} {
			if err := models.RecordBaseURL(ctx, d.DB, u, now); err != nil {
				t.Fatal(err)
			}
		}
		if u, err := models.RecordedBaseURL(ctx, d.DB); err != nil || u != "http://10.0.0.5:9000" {
			t.Fatalf("recorded: %q, %v", u, err)
		}
		var n int64
		d.DB.Model(&models.ServerAddress{}).Count(&n)
		if n != 1 {
			t.Errorf("%d rows, want 1", n)
		}
	})
}
