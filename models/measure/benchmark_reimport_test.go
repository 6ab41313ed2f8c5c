package measure_test

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"sendboard/models/measure"
	"sendboard/models/modeltest"
)

// Importing DfE's shipped files again changes nothing, whatever the order:
// the files spell regions their own way ("London (Inner)", "Yorkshire and the
// Humber" in the neighbours file), and areas keep the names and regions of
// the LA codes file.
func TestReimportingShippedFilesIsANoOp(t *testing.T) {
	t.Parallel()
	dir := modeltest.BenchmarkDir(t)
	read := func(name string) []byte {
		b, err := os.ReadFile(filepath.Join(dir, name))
		if err != nil {
			t.Fatal(err)
		}
		return b
	}
	// One measure's figures for every area, with the LAIT file's own spellings.
	full := strings.SplitAfter(string(read("lait_send_measures.csv")), "\n")
	var rows []string
	for _, l := range full[1:] {
		if strings.HasPrefix(l, "SENFinance,") {
			rows = append(rows, l)
		}
	}
	files := map[string][]byte{
		"la_codes.csv":                        read("la_codes.csv"),
		"statistical_neighbours_may_2025.csv": read("statistical_neighbours_may_2025.csv"),
		"lait_send_measures.csv":              []byte(full[0] + strings.Join(rows, "")),
	}
	now := time.Date(2026, 4, 9, 9, 0, 0, 0, time.UTC)
	for _, order := range [][]string{
		{"la_codes.csv", "statistical_neighbours_may_2025.csv", "lait_send_measures.csv"},
		{"statistical_neighbours_may_2025.csv", "lait_send_measures.csv", "la_codes.csv"},
	} {
		modeltest.Each(t, func(t *testing.T, d modeltest.DB) {
			ctx := context.Background()
			for _, name := range order {
				if _, err := measure.ImportBenchmark(ctx, d.DB, name, files[name], now); err != nil {
					t.Fatalf("%s: %v", name, err)
				}
			}
			for _, name := range append(order, order...) {
				res, err := measure.ImportBenchmark(ctx, d.DB, name, files[name], now)
				if err != nil {
					t.Fatalf("%s again: %v", name, err)
				}
				if res.Areas+res.Measures+res.Neighbours+res.Added+res.Revised != 0 {
					t.Errorf("%s again (first order %v): %s", name, order, res.Summary())
				}
			}
			for code, want := range map[int][2]string{202: {"Camden", "Inner London"}, 370: {"Barnsley", "Yorkshire and The Humber"}, 838: {"Dorset", "South West"}} {
				var a measure.Area
				if err := d.DB.Take(&a, code).Error; err != nil {
					t.Fatal(err)
				}
				if a.Name != want[0] || a.RegionName != want[1] || a.RegionCode == nil || *a.RegionCode != measure.RegionCode(want[1]) {
					t.Errorf("area %d: %+v, want %v as the LA codes file has it", code, a, want)
				}
			}
		})
	}
}
