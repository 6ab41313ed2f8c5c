package models_test

import (
	"context"
	"errors"
	"fmt"
	"testing"
	"time"

	"sendboard/models"
	"sendboard/models/modeltest"
	"sendboard/seeds"
)

func importSample() models.PlanImport {
	return models.PlanImport{
		Plan:       models.PlanInput{Name: "SEND reform plan 2026", Type: models.PlanReformPlan, StartDate: "2026-01-05"},
		Areas:      []models.AreaInput{{Code: "1", Title: "Inclusion", Owners: models.OwnerCouncil}, {Code: "2", Title: "Health", Owners: models.OwnerHealth}},
		Milestones: []models.MilestoneInput{{Label: "Year one", Due: "2026-12"}},
		Actions: []models.PlanImportAction{
			{Number: "1.1", AreaCode: "1", MilestoneSection: 1, Text: "Train SENCOs", Lead: "dco", SRO: "Director of Education",
				Boards: []string{"SEND Improvement Board", "SEND Reform Board"}, Status: models.StatusInProgress, RAG: "amber", Progress: "Started"},
			{Number: "1.10", AreaCode: "2", Text: "Review therapies", Lead: "senior ep", Due: "2026-06-30"},
			{Number: "1.2", AreaCode: "1", Text: "Audit plans", Due: "2026-03", Boards: []string{"send reform board"}},
		},
		Author: "Imported from reform.xlsx",
	}
}

// An import creates the plan with its parts and the lead and board names it
// does not know, and puts the Progress column in as the first update.
func TestImportPlan(t *testing.T) {
	modeltest.Each(t, func(t *testing.T, d modeltest.DB) {
		ctx, db, now := context.Background(), d.DB, time.Date(2026, 1, 6, 9, 0, 0, 0, time.UTC)
		if _, err := seeds.Load(ctx, db, seeds.WithoutBenchmarks()); err != nil {
			t.Fatal(err)
		}
		admin := adminUser(t, db)
		in := importSample()
		newLeads, newBoards, err := models.ImportNames(ctx, db, []string{"dco", "Director of Education", "senior ep"}, []string{"SEND Improvement Board", "SEND Reform Board", "send reform board"})
		if err != nil || fmt.Sprint(newLeads) != "[Director of Education]" || fmt.Sprint(newBoards) != "[SEND Reform Board]" {
			t.Errorf("ImportNames = %v %v %v", newLeads, newBoards, err)
		}
		res, err := models.ImportPlan(ctx, db, admin, in, now)
		if err != nil {
			t.Fatal(err)
		}
		if res.Actions != 3 || res.Updates != 1 || fmt.Sprint(res.NewLeads) != "[Director of Education]" || fmt.Sprint(res.NewBoards) != "[SEND Reform Board]" {
			t.Errorf("result = %+v", res)
		}
		ref, _ := models.LoadPlanReference(ctx, db, *res.Plan)
		page, _ := models.ListActionsRef(ctx, db, ref, models.ActionFilter{Limit: 10}, -1)
		if len(page.Actions) != 3 || page.Actions[0].Number != "1.1" || page.Actions[1].Number != "1.2" || page.Actions[2].Number != "1.10" {
			t.Fatalf("imported actions in order: %+v", page.Actions)
		}
		a := page.Actions[0]
		if a.Due != "2026-12" || a.Lead == nil || a.Lead.Name != "DCO" || a.SRO == nil || a.SRO.Name != "Director of Education" || len(a.Boards) != 2 || a.Progress != "Started" {
			t.Errorf("1.1 = %+v", a)
		}
		ups, _ := models.ListUpdates(ctx, db, a.ID, 5)
		if len(ups) != 1 || ups[0].AuthorName != "Imported from reform.xlsx" {
			t.Errorf("updates of 1.1 = %+v", ups)
		}
		if c := page.Actions[2]; c.Lead == nil || c.Lead.Name != "Senior Educational Psychologist (EP)" || c.Due != "2026-06-30" {
			t.Errorf("1.10 lead by alias / due = %+v", c)
		}
	})
}

// A bad import creates nothing and names every problem.
func TestImportPlanAllOrNothing(t *testing.T) {
	modeltest.Each(t, func(t *testing.T, d modeltest.DB) {
		ctx, db, now := context.Background(), d.DB, time.Date(2026, 1, 6, 9, 0, 0, 0, time.UTC)
		admin := adminUser(t, db)
		in := importSample()
		in.Actions[1].Text = ""
		in.Actions[2].Due = "2026-02-30"
		in.Actions = append(in.Actions, models.PlanImportAction{Number: "1.1", AreaCode: "9", Text: "x"})
		for i := 0; i < 150; i++ {
			in.Actions = append(in.Actions, models.PlanImportAction{Number: "x", AreaCode: "1", Text: "y"})
		}
		_, err := models.ImportPlan(ctx, db, admin, in, now)
		var ie *models.PlanImportError
		if !errors.As(err, &ie) {
			t.Fatalf("err = %v, want a PlanImportError", err)
		}
		if ie.Total != 153 || len(ie.Problems) != 100 {
			t.Errorf("%d problems listed of %d, want 100 of 153", len(ie.Problems), ie.Total)
		}
		p := ie.Problems
		if p[0].Index != 1 || p[0].Field != "action" || p[1].Index != 2 || p[1].Field != "due" || p[2].Field != "number" {
			t.Errorf("first problems = %+v", p[:3])
		}
		for _, table := range []string{"plans", "actions", "leads", "boards", "priority_areas", "audit_log"} {
			var n int64
			db.Table(table).Count(&n)
			if n != 0 {
				t.Errorf("%s has %d rows after a refused import", table, n)
			}
		}
	})
}
