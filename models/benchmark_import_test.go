package models_test

import (
	"context"
	"os"
	"path/filepath"
	"testing"
	"time"

	"sendboard/models"
	"sendboard/models/modeltest"
)

func importFile(t *testing.T, d modeltest.DB, path string) models.BenchmarkResult {
	t.Helper()
	body, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	res, err := models.ImportBenchmark(context.Background(), d.DB, filepath.Base(path), body, time.Date(2026, 4, 9, 9, 0, 0, 0, time.UTC))
	if err != nil {
		t.Fatalf("import %s: %v", path, err)
	}
	return res
}

// TestImportWholeShippedFiles imports every shipped file, twice: the second
// time changes nothing.
func TestImportWholeShippedFiles(t *testing.T) {
	dir := modeltest.BenchmarkDir(t)
	modeltest.Each(t, func(t *testing.T, d modeltest.DB) {
		for _, f := range []string{"lait_send_dictionary.csv", "la_codes.csv", "statistical_neighbours_may_2025.csv", "lait_send_measures.csv"} {
			start := time.Now()
			res := importFile(t, d, filepath.Join(dir, f))
			t.Logf("%s: %s in %v", d.Name, res.Summary(), time.Since(start).Round(time.Millisecond))
		}
		start := time.Now()
		res := importFile(t, d, filepath.Join(dir, "lait_send_measures.csv"))
		t.Logf("%s again: %s in %v", d.Name, res.Summary(), time.Since(start).Round(time.Millisecond))
		if res.Added+res.Revised != 0 || res.Unchanged != 97580 {
			t.Errorf("re-import: %+v", res)
		}
	})
}

func benchImport(tb testing.TB, d modeltest.DB, name string, body []byte) models.BenchmarkResult {
	tb.Helper()
	res, err := models.ImportBenchmark(context.Background(), d.DB, name, body, time.Date(2026, 4, 9, 9, 0, 0, 0, time.UTC))
	if err != nil {
		tb.Fatalf("import %s: %v", name, err)
	}
	return res
}
