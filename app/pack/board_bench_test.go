package pack_test

import (
	"context"
	"testing"
	"time"

	"sendboard/app/pack"
	"sendboard/models/modeltest"
	packs "sendboard/models/pack"
	"sendboard/models/pack/packtest"
)

// BenchmarkPackRisks500Decisions200 times a board's pack carrying 500 risks
// and 200 decisions: building it from the database and rendering HTML and
// XLSX, the formats made without Chromium: the target is 2 s a pack. The
// PDF adds Chromium's start and layout, timed by the other pack benchmarks.
func BenchmarkPackRisks500Decisions200(b *testing.B) {
	eachDB(b, func(b *testing.B, d modeltest.DB) {
		ctx := context.Background()
		if err := packtest.Loaded.Build(ctx, d.DB); err != nil {
			b.Fatal(err)
		}
		biz := packtest.AddBusiness(b, d.DB)
		packtest.AddMany(b, d.DB, biz, 500-3, 200-2) // three of AddBusiness's risks are the board's
		q, _ := packs.ParseQuarter(packtest.Quarter)
		var last *packs.Pack
		b.ResetTimer()
		start := time.Now()
		for b.Loop() {
			p, err := packs.Build(ctx, d.DB, packs.Request{Board: packtest.Board, Quarter: q}, now)
			if err != nil {
				b.Fatal(err)
			}
			if _, err := pack.HTML(p); err != nil {
				b.Fatal(err)
			}
			if _, err := pack.XLSX(p); err != nil {
				b.Fatal(err)
			}
			last = p
		}
		b.ReportMetric(time.Since(start).Seconds()/float64(b.N), "s/pack")
		b.StopTimer()
		if last.Board.OpenRisks < 500 || len(last.Board.Required)+len(last.Board.Decided) < 200 {
			b.Fatalf("the pack holds %d open risks and %d decisions", last.Board.OpenRisks, len(last.Board.Required)+len(last.Board.Decided))
		}
	})
}

// BenchmarkPackRisks500Decisions200PDF prints the same pack with Chromium:
// the board's PDF, most of its time Chromium's start and layout.
func BenchmarkPackRisks500Decisions200PDF(b *testing.B) {
	pr := printer(b)
	eachDB(b, func(b *testing.B, d modeltest.DB) {
		ctx := context.Background()
		if err := packtest.Loaded.Build(ctx, d.DB); err != nil {
			b.Fatal(err)
		}
		packtest.AddMany(b, d.DB, packtest.AddBusiness(b, d.DB), 500-3, 200-2)
		q, _ := packs.ParseQuarter(packtest.Quarter)
		b.ResetTimer()
		start := time.Now()
		for b.Loop() {
			p, err := packs.Build(ctx, d.DB, packs.Request{Board: packtest.Board, Quarter: q}, now)
			if err != nil {
				b.Fatal(err)
			}
			if _, err := pack.PDF(ctx, p, pr); err != nil {
				b.Fatal(err)
			}
		}
		b.ReportMetric(time.Since(start).Seconds()/float64(b.N), "s/pdf")
	})
}
