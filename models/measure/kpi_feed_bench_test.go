package measure_test

import (
	"bytes"
	"context"
	"fmt"
	"testing"
	"time"

	"sendboard/models"
	"sendboard/models/measure"
	"sendboard/models/modeltest"
)

// BenchmarkImportFeed100k parses and applies a 100,000-row CSV feed (100 KPIs x
// 1,000 periods), on each database (target: 5 s). The first iteration adds
// every figure; later ones revise every figure.
func BenchmarkImportFeed100k(b *testing.B) {
	for name, open := range map[string]func(testing.TB) modeltest.DB{"sqlite": modeltest.SQLite, "postgres": modeltest.Postgres} {
		b.Run(name, func(b *testing.B) {
			d := open(b) // a fresh database each time the benchmark is sized
			ctx := context.Background()
			kpis := make([]measure.KPI, 100)
			for i := range kpis {
				kpis[i] = measure.KPI{Code: fmt.Sprintf("bench.k%03d", i), Name: "bench", Unit: "count", Frequency: "quarterly", Direction: "up"}
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
				res, err := measure.ImportFeed(ctx, d.DB, feeds[i%2], measure.FeedCSV, "bench", time.Now())
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
