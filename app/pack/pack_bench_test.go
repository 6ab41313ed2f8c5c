package pack_test

import (
	"context"
	"testing"

	"sendboard/app/pack"
	"sendboard/models"
	"sendboard/models/modeltest"
	packs "sendboard/models/pack"
	"sendboard/seeds"
)

// benchPack times what `sendboard pack --format pdf` does: build the pack from
// the database and print the PDF with Chromium.
func benchPack(b *testing.B, d modeltest.DB, board, quarter string) {
	ctx := context.Background()
	q, err := packs.ParseQuarter(quarter)
	if err != nil {
		b.Fatal(err)
	}
	size, pr := 0, printer(b)
	b.ResetTimer()
	for b.Loop() {
		p, err := packs.Build(ctx, d.DB, packs.Request{Board: board, Quarter: q}, now)
		if err != nil {
			b.Fatal(err)
		}
		out, err := pack.PDF(ctx, p, pr)
		if err != nil {
			b.Fatal(err)
		}
		size = len(out)
	}
	b.ReportMetric(float64(size)/1024, "KiB/pdf")
}

// BenchmarkPackSENDImprovementBoardPDF is the seeded plan's main board. Most
// of the time is Chromium's: starting a browser and laying out the pages.
func BenchmarkPackSENDImprovementBoardPDF(b *testing.B) {
	eachDB(b, func(b *testing.B, d modeltest.DB) {
		if _, err := seeds.Load(context.Background(), d.DB); err != nil {
			b.Fatal(err)
		}
		benchPack(b, d, "SEND Improvement Board", "2024-25 Q4")
	})
}

// eachDB runs fn on SQLite and, with TEST_DATABASE_URL, on PostgreSQL.
func eachDB(b *testing.B, fn func(*testing.B, modeltest.DB)) {
	b.Run("sqlite", func(b *testing.B) { fn(b, modeltest.SQLite(b)) })
	b.Run("postgres", func(b *testing.B) { fn(b, modeltest.Postgres(b)) })
}

// BenchmarkPackSynthetic1000PDF is the whole plan with 1,000 synthetic actions
// and their 20,000 updates, in a quarter they were active.
func BenchmarkPackSynthetic1000PDF(b *testing.B) {
	eachDB(b, func(b *testing.B, d modeltest.DB) {
		ctx := context.Background()
		if _, err := seeds.Load(ctx, d.DB); err != nil {
			b.Fatal(err)
		}
		if _, err := seeds.Synthetic(ctx, d.DB, 1000); err != nil {
			b.Fatal(err)
		}
		benchPack(b, d, models.WholePlan, "2019-20 Q4")
	})
}
