package schema_test

import (
	"context"
	"testing"
	"time"

	"sendboard/models"
	"sendboard/models/modeltest"
	packs "sendboard/models/pack"
	"sendboard/models/schema"
	"sendboard/seeds/seedtest"
)

// TestPackFormatsBackfill re-runs migration 18 on packs stored before it: each
// pack's formats are read from the files it has, in the order packs list them.
func TestPackFormatsBackfill(t *testing.T) {
	t.Parallel()
	modeltest.EachWith(t, seedtest.Seeded, func(t *testing.T, d modeltest.DB) {
		ctx := context.Background()
		var plan models.Plan
		if err := d.DB.Take(&plan).Error; err != nil {
			t.Fatal(err)
		}
		made := map[int][]string{1: {packs.HTML, packs.PDF, packs.XLSX}, 2: {packs.XLSX, packs.HTML}}
		ids := map[int]uint{}
		for v := 1; v <= 2; v++ {
			sp := packs.Stored{PlanID: plan.ID, BoardKey: models.WholePlan, BoardName: models.WholePlanName, Quarter: "2024-25 Q4",
				QuarterSort: 20244, Version: v, GeneratedAt: time.Date(2025, 4, 10, 9, 0, 0, 0, time.UTC), GeneratedBy: "Test"}
			if err := d.DB.Omit("Files", "Round").Create(&sp).Error; err != nil {
				t.Fatal(err)
			}
			ids[v] = sp.ID
			for _, f := range made[v] {
				if err := d.DB.Create(&packs.File{PackID: sp.ID, Format: f, ContentType: "x", Content: []byte(f)}).Error; err != nil {
					t.Fatal(err)
				}
			}
		}
		for _, s := range []string{"ALTER TABLE governance_packs DROP COLUMN formats", "DELETE FROM schema_migrations WHERE version = 18"} {
			if err := d.DB.Exec(s).Error; err != nil {
				t.Fatalf("%s: %v", s, err)
			}
		}
		if n, err := schema.Migrate(ctx, d.DB); err != nil || n != 1 {
			t.Fatalf("migrate again: %d applied, %v", n, err)
		}
		for v, want := range map[int]string{1: "pdf xlsx html", 2: "xlsx html"} {
			var sp packs.Stored
			if err := d.DB.Take(&sp, ids[v]).Error; err != nil {
				t.Fatal(err)
			}
			if sp.Formats != want {
				t.Errorf("pack with files %v: formats %q, want %q", made[v], sp.Formats, want)
			}
		}
	})
}
