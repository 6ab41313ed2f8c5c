package seeds

import (
	"embed"
	"fmt"
	"time"

	"gorm.io/gorm"

	"sendboard/models/measure"
)

// benchmarkFiles is the slice of DfE's published benchmarks the seeded install
// carries: Dorset (838, with 835 "Dorset (Pre LG)" before 2019), England, the
// South West and Dorset's ten statistical neighbours, made from the shipped
// files by benchmarks_gen.go. The dictionary comes first so that figures are
// stored at each measure's decimal places.
//
//go:embed benchmarks/*.csv
var benchmarkFiles embed.FS

// BenchmarkSeedFiles are the embedded files in the order they are loaded.
var BenchmarkSeedFiles = []string{"lait_send_dictionary.csv", "la_codes.csv", "statistical_neighbours_may_2025.csv", "lait_send_measures.csv"}

// benchmarkSeedTime dates the seeded figures: the LAIT release they come from.
var benchmarkSeedTime = time.Date(2026, 4, 8, 0, 0, 0, 0, time.UTC)

// ReadBenchmarkSeed returns one embedded benchmark file.
func ReadBenchmarkSeed(name string) ([]byte, error) {
	return benchmarkFiles.ReadFile("benchmarks/" + name)
}

// loadBenchmarks loads the embedded benchmarks into an install that has none.
// Once any measure exists (seeded or imported) it does nothing, so a newer
// release imported since is never taken back to the seeded figures.
func loadBenchmarks(tx *gorm.DB, planSlug string) error {
	var n int64
	if err := tx.Model(&measure.Benchmark{}).Count(&n).Error; err != nil {
		return err
	}
	if n > 0 {
		return nil
	}
	for _, name := range BenchmarkSeedFiles {
		body, err := ReadBenchmarkSeed(name)
		if err != nil {
			return err
		}
		if _, err := measure.ImportBenchmark(tx.Statement.Context, tx, "seeds/benchmarks/"+name, body, benchmarkSeedTime); err != nil {
			return fmt.Errorf("seeds/benchmarks/%s: %w", name, err)
		}
	}
	return loadBenchmarkLinks(tx, planSlug)
}
