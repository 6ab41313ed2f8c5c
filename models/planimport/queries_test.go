package planimport_test

import (
	"context"
	"testing"

	"sendboard/models"
	"sendboard/models/modeltest"
	"sendboard/models/planimport"
	"sendboard/seeds/seedtest"
)

// TestPlanFileStatementsDoNotGrowPerRow: importing 1,000 actions takes a
// few more statements than importing 5 (inserts go in batches), never one
// per row; exporting either plan takes the same number.
func TestPlanFileStatementsDoNotGrowPerRow(t *testing.T) {
	t.Parallel()
	big := benchPlanXLSX(t)
	modeltest.EachWith(t, seedtest.Seeded, func(t *testing.T, d modeltest.DB) {
		ctx := context.Background()
		counter := modeltest.CountQueries(d.DB)
		run := func(name string, data []byte) (imported, exported int64) {
			counter.Reset()
			if _, err := planimport.Import(ctx, d.DB, nil, data, planimport.Request{Name: name, Type: models.PlanOther}, planImportNow); err != nil {
				t.Fatal(err)
			}
			imported = counter.N()
			counter.Reset()
			if _, err := planimport.ExportFile(ctx, d.DB, models.Slugify(name), planimport.ExportXLSX); err != nil {
				t.Fatal(err)
			}
			return imported, counter.N()
		}
		smallIn, smallOut := run("Small", planTestdata(t, "semicolon_bom.csv"))
		bigIn, bigOut := run("Big", big)
		if smallOut != bigOut {
			t.Errorf("export: %d statements for 5 actions, %d for 1,000", smallOut, bigOut)
		}
		if bigIn > smallIn+40 {
			t.Errorf("import: %d statements for 5 actions, %d for 1,000", smallIn, bigIn)
		}
		t.Logf("%s: import %d / %d statements, export %d", d.Name, smallIn, bigIn, bigOut)
	})
}
