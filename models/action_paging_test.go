package models_test

import (
	"context"
	"slices"
	"testing"
	"time"

	"sendboard/models"
	"sendboard/models/modeltest"
	"sendboard/seeds/seedtest"
)

// TestPagingKeepsLetteredNumbers: 3.1a and 3.1b share a major and minor
// number; paging one action at a time after 3.1a still reaches 3.1b.
func TestPagingKeepsLetteredNumbers(t *testing.T) {
	t.Parallel()
	modeltest.EachWith(t, seedtest.Seeded, func(t *testing.T, d modeltest.DB) {
		ctx, db, now := context.Background(), d.DB, time.Date(2025, 4, 1, 9, 0, 0, 0, time.UTC)
		ref, err := models.LoadReference(ctx, db)
		if err != nil {
			t.Fatal(err)
		}
		admin := adminUser(t, db)
		for _, n := range []string{"9.2", "9.1b", "9.1a"} {
			in := models.ActionInput{Number: n, PriorityAreaID: ref.PriorityAreas[0].ID, Text: "Part " + n, Due: "2026-01", Status: models.StatusNotStarted}
			if _, err := models.CreateAction(ctx, db, admin, ref, in, now, flagCfg); err != nil {
				t.Fatal(err)
			}
		}
		var got []string
		f := models.ActionFilter{Limit: 1, After: "8.99"}
		for range 10 {
			page, err := models.ListActionsRef(ctx, db, ref, f, -1)
			if err != nil {
				t.Fatal(err)
			}
			for _, a := range page.Actions {
				got = append(got, a.Number)
			}
			if page.Next == "" {
				break
			}
			f.After = page.Next
		}
		if want := []string{"9.1a", "9.1b", "9.2"}; !slices.Equal(got, want) {
			t.Errorf("paged through %v, want %v", got, want)
		}
	})
}
