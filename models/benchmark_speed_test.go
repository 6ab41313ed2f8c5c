package models_test

import (
	"os"
	"path/filepath"
	"testing"

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
	for _, open := range []func(testing.TB) modeltest.DB{modeltest.SQLite, modeltest.Postgres} {
		b.Run("db", func(b *testing.B) {
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
