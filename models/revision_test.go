package models_test

import (
	"context"
	"testing"
	"time"

	"sendboard/models"
	"sendboard/models/measure"
	"sendboard/models/modeltest"
)

// TestPlanRevisionMovesOnEveryPlanWrite: each write to a plan's rows moves
// that plan's revision in the writing transaction, and only that plan's;
// adding a plan or a milestone moves the reference lists' too; a KPI, which
// belongs to no plan, moves neither.
func TestPlanRevisionMovesOnEveryPlanWrite(t *testing.T) {
	t.Parallel()
	modeltest.Each(t, func(t *testing.T, d modeltest.DB) {
		ctx := context.Background()
		rev := func() *models.Revisions {
			r, err := models.ReadRevisions(ctx, d.DB)
			if err != nil {
				t.Fatal(err)
			}
			return r
		}
		other := models.Plan{Slug: "other-łódź", Name: "Other → Łódź", Date: time.Now()}
		d.DB.Create(&other)
		r0 := rev()
		plan := models.Plan{Slug: "p", Name: "P", Date: time.Now()}
		d.DB.Create(&plan)
		r1 := rev()
		pid, oid := int64(plan.ID), int64(other.ID)
		if r1.Scope(0) <= r0.Scope(0) || r1.Scope(pid) == 0 {
			t.Fatalf("inserting a plan did not move the reference lists (%d -> %d) or give the plan a revision (%d)", r0.Scope(0), r1.Scope(0), r1.Scope(pid))
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
		if !(r2.Scope(pid) > r1.Scope(pid) && r3.Scope(pid) > r2.Scope(pid) && r4.Scope(pid) > r3.Scope(pid)) {
			t.Fatalf("revisions %d %d %d %d: each write to the plan must move it", r1.Scope(pid), r2.Scope(pid), r3.Scope(pid), r4.Scope(pid))
		}
		if r2.Scope(0) <= r1.Scope(0) {
			t.Error("a new milestone and area did not move the reference lists")
		}
		if r4.Scope(oid) != r0.Scope(oid) {
			t.Errorf("writes to one plan moved another's revision (%d -> %d)", r0.Scope(oid), r4.Scope(oid))
		}
		if r3.Scope(0) != r2.Scope(0) || r4.Scope(0) != r3.Scope(0) {
			t.Error("an action's RAG or a flag moved the reference lists")
		}
		if r5.Scope(pid) != r4.Scope(pid) || r5.Scope(0) != r4.Scope(0) {
			t.Fatalf("a KPI write moved the plan (%d -> %d) or reference (%d -> %d) revision", r4.Scope(pid), r5.Scope(pid), r4.Scope(0), r5.Scope(0))
		}
	})
}
