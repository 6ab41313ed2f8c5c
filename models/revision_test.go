package models_test

import (
	"context"
	"testing"
	"time"

	"sendboard/models"
	"sendboard/models/measure"
	"sendboard/models/modeltest"
)

func TestPlanRevisionMovesOnEveryPlanWrite(t *testing.T) {
	t.Parallel()
	modeltest.Each(t, func(t *testing.T, d modeltest.DB) {
		ctx := context.Background()
		rev := func() int64 {
			n, err := models.PlanRevision(ctx, d.DB)
			if err != nil {
				t.Fatal(err)
			}
			return n
		}
		r0 := rev()
		plan := models.Plan{Slug: "p", Name: "P", Date: time.Now()}
		d.DB.Create(&plan)
		r1 := rev()
		if r1 <= r0 {
			t.Fatal("inserting a plan did not move the revision")
		}
		m := models.Milestone{PlanID: plan.ID, Section: 1, Label: "M", Due: "2019-07"}
		d.DB.Create(&m)
		pa := models.PriorityArea{PlanID: plan.ID, Number: 1, Title: "A"}
		d.DB.Create(&pa)
		a := models.Action{PlanID: plan.ID, Number: "1.1", Major: 1, Minor: 1, MilestoneID: &m.ID, PriorityAreaID: pa.ID, Status: "in_progress", Version: 1}
		d.DB.Omit("Milestone", "PriorityArea", "Lead", "Boards", "Flags").Create(&a)
		r2 := rev()
		d.DB.Model(&models.Action{}).Where("id = ?", a.ID).Update("rag", "red")
		r3 := rev()
		d.DB.Create(&models.Flag{ActionID: a.ID, Kind: models.FlagUpdateOverdue, RaisedAt: time.Now()})
		r4 := rev()
		if err := d.DB.Create(&measure.KPI{Code: "x", Name: "X", Unit: "count", Frequency: "quarterly", Direction: "up"}).Error; err != nil {
			t.Fatal(err)
		}
		r5 := rev()
		if !(r2 > r1 && r3 > r2 && r4 > r3) {
			t.Fatalf("revisions %d %d %d %d: each write to the plan must move it", r1, r2, r3, r4)
		}
		if r5 != r4 {
			t.Fatalf("a KPI write moved the plan revision (%d -> %d)", r4, r5)
		}
	})
}
