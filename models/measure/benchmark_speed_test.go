package measure_test

import (
	"context"
	"os"
	"path/filepath"
	"testing"
	"time"

	"sendboard/models/measure"
	"sendboard/models/modeltest"
)

// BenchmarkImportMeasures imports DfE's whole SEND measures file (97,580
// rows) into an empty database, on SQLite and (when configured) PostgreSQL.
func BenchmarkImportMeasures(b *testing.B) {
	dir := modeltest.BenchmarkDir(b)
	body, err := os.ReadFile(filepath.Join(dir, "lait_send_measures.csv"))
	if err != nil {
		b.Fatal(err)
	}
	dict, _ := os.ReadFile(filepath.Join(dir, "lait_send_dictionary.csv"))
	for name, open := range map[string]func(testing.TB) modeltest.DB{"sqlite": modeltest.SQLite, "postgres": modeltest.Postgres} {
		b.Run(name, func(b *testing.B) {
			for range b.N {
				b.StopTimer()
				d := open(b)
				benchImport(b, d, "lait_send_dictionary.csv", dict)
				b.StartTimer()
				benchImport(b, d, "lait_send_measures.csv", body)
			}
		})
	}
}

func benchImport(tb testing.TB, d modeltest.DB, name string, body []byte) measure.BenchmarkResult {
	tb.Helper()
	res, err := measure.ImportBenchmark(context.Background(), d.DB, name, body, time.Date(2026, 4, 9, 9, 0, 0, 0, time.UTC))
	if err != nil {
		tb.Fatalf("import %s: %v", name, err)
	}
	if res.Kind == measure.FileMeasures && res.Added+res.Revised+res.Unchanged != res.Rows {
		tb.Fatalf("import %s: %+v", name, res)
	}
	return res
}
