package models_test

import (
	"context"
	"reflect"
	"testing"
	"time"

	"sendboard/models"
	"sendboard/models/modeltest"
	"sendboard/seeds/seedtest"
)

// TestListedActionsMatchFindAction checks the lean list scan against GORM's
// own loading of the same actions: every column, milestone, priority area,
// lead, boards and open flags.
func TestListedActionsMatchFindAction(t *testing.T) {
	t.Parallel()
	modeltest.EachWith(t, seedtest.Seeded, func(t *testing.T, d modeltest.DB) {
		ctx := context.Background()
		ref, err := models.LoadReference(ctx, d.DB)
		if err != nil {
			t.Fatal(err)
		}
		var ids []uint
		d.DB.Model(&models.Action{}).Order("id").Limit(3).Pluck("id", &ids)
		raised := time.Date(2019, 9, 1, 9, 30, 0, 0, time.UTC)
		resolved := raised.Add(time.Hour)
		for _, f := range []models.Flag{
			{ActionID: ids[0], Kind: models.FlagUpdateOverdue, RaisedAt: raised},
			{ActionID: ids[0], Kind: models.FlagMilestonePassed, RaisedAt: raised.Add(time.Minute)},
			{ActionID: ids[1], Kind: models.FlagOverdueInitiation, RaisedAt: raised, ResolvedAt: &resolved},
			{ActionID: ids[2], Kind: models.FlagOverdueInitiation, RaisedAt: raised},
		} {
			if err := d.DB.Create(&f).Error; err != nil {
				t.Fatal(err)
			}
		}
		withRef, err := models.ListActionsRef(ctx, d.DB, ref, models.ActionFilter{Limit: models.MaxLimit}, -1)
		if err != nil {
			t.Fatal(err)
		}
		if len(withRef.Actions) != 60 || withRef.Total != 60 {
			t.Fatalf("ListActionsRef gave %d of %d actions, want 60", len(withRef.Actions), withRef.Total)
		}
		flagged := 0
		for _, got := range withRef.Actions {
			want, err := models.FindAction(ctx, d.DB, ref.Plan.ID, got.Number)
			if err != nil {
				t.Fatal(err)
			}
			open := want.OpenFlags()
			for i, j := 0, len(open)-1; i < j; i, j = i+1, j-1 {
				open[i], open[j] = open[j], open[i] // FindAction has newest first, lists oldest
			}
			want.Flags = open
			flagged += len(open)
			if len(want.Boards) == 0 {
				want.Boards = nil
			}
			if !reflect.DeepEqual(&got, want) {
				t.Errorf("%s listed as\n%+v\nbut loaded as\n%+v", got.Number, got, *want)
			}
		}
		if flagged != 3 {
			t.Errorf("%d open flags listed, want 3", flagged)
		}
		// Two actions have open flags, one of them two: each counts once.
		sum, err := models.CountActions(ctx, d.DB, ref.Plan.ID, models.ActionFilter{})
		if err != nil || sum.Total != 60 || sum.Flagged != 2 {
			t.Errorf("CountActions = %d actions, %d flagged, %v; want 60, 2", sum.Total, sum.Flagged, err)
		}
		sum, err = models.CountActions(ctx, d.DB, ref.Plan.ID, models.ActionFilter{Flag: "any"})
		if err != nil || sum.Total != 2 || sum.Flagged != 2 || sum.ByStatus[models.StatusInProgress]+sum.ByStatus[models.StatusNotStarted] != 2 {
			t.Errorf("CountActions(flag=any) = %+v, %v; want 2 actions, both flagged", sum, err)
		}
	})
}

// TestMain drops the databases and templates the package's tests made (see modeltest.Main).
func TestMain(m *testing.M) { modeltest.Main(m) }
