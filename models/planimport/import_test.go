package planimport_test

import (
	"context"
	"errors"
	"fmt"
	"testing"
	"time"

	"gorm.io/gorm"

	"sendboard/models"
	"sendboard/models/modeltest"
	"sendboard/models/planfile"
	"sendboard/models/planimport"
	"sendboard/seeds/seedtest"
)

// importSample is a reform plan as a spreadsheet gives it: lead names by
// slug and alias, a board named twice in different case, a milestone whose
// month its actions give.
func importSample(t *testing.T) []byte {
	t.Helper()
	p := &planfile.Plan{
		Areas: []planfile.Area{{Code: "1", Title: "Inclusion", Owners: models.OwnerCouncil}, {Code: "2", Title: "Health", Owners: models.OwnerHealth}},
		Actions: []planfile.Action{
			// A sheet's milestone holds for the rows below it: the rows with none come first.
			{Number: "1.10", AreaCode: "2", Text: "Review therapies", Lead: "senior ep", Due: "2026-06-30"},
			{Number: "1.2", AreaCode: "1", Text: "Audit plans", Due: "2026-03", Boards: []string{"SEND Reform Board"}},
			{Number: "1.1", AreaCode: "1", Milestone: "Year one", Text: "Train SENCOs", Lead: "dco", SRO: "Director of Education",
				Boards: []string{"SEND Improvement Board", "send reform board"}, Due: "2026-12", Status: models.StatusInProgress, RAG: "amber", Progress: "Started"},
		},
	}
	b, err := planfile.WriteCSV(p)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// An import creates the plan with its parts and the lead and board names it
// does not know, and puts the Progress column in as the first update.
func TestImportPlan(t *testing.T) {
	t.Parallel()
	modeltest.EachWith(t, seedtest.Seeded, func(t *testing.T, d modeltest.DB) {
		ctx, db, now := context.Background(), d.DB, time.Date(2026, 1, 6, 9, 0, 0, 0, time.UTC)
		admin := adminUser(t, db)
		in := planimport.Request{Name: "SEND reform plan 2026", Type: models.PlanReformPlan, File: "reform.csv"}
		preview, err := planimport.Preview(ctx, db, importSample(t), in, now)
		if err != nil || preview.Err() != nil || fmt.Sprint(preview.NewLeads) != "[Director of Education]" || fmt.Sprint(preview.NewBoards) != "[SEND Reform Board]" {
			t.Errorf("preview: new leads %v, new boards %v, %v %v", preview.NewLeads, preview.NewBoards, err, preview.Err())
		}
		res, err := planimport.Import(ctx, db, admin, importSample(t), in, now)
		if err != nil {
			t.Fatal(err)
		}
		if len(res.File.Plan.Actions) != 3 || res.Updates != 1 || fmt.Sprint(res.NewLeads) != "[Director of Education]" || fmt.Sprint(res.NewBoards) != "[SEND Reform Board]" {
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
		if len(ups) != 1 || ups[0].AuthorName != "Plan import of reform.csv by Ada Admin" {
			t.Errorf("updates of 1.1 = %+v", ups)
		}
		if c := page.Actions[2]; c.Lead == nil || c.Lead.Name != "Senior Educational Psychologist (EP)" || c.Due != "2026-06-30" || c.MilestoneID != nil {
			t.Errorf("1.10 lead by alias / due / no milestone = %+v", c)
		}
	})
}

// A bad import creates nothing and names every problem.
func TestImportPlanAllOrNothing(t *testing.T) {
	t.Parallel()
	modeltest.Each(t, func(t *testing.T, d modeltest.DB) {
		ctx, db, now := context.Background(), d.DB, time.Date(2026, 1, 6, 9, 0, 0, 0, time.UTC)
		admin := adminUser(t, db)
		file := "Ref,Action,Lead,Board,Due\n1.1,Train SENCOs,New Lead,New Board,\n1.10,,,,\n1.2,Audit plans,,,30/02/2026\n"
		for i := range 150 {
			file += fmt.Sprintf("x%d,y,,,\n", i)
		}
		_, err := planimport.Import(ctx, db, admin, []byte(file), planimport.Request{Name: "SEND reform plan 2026", Type: models.PlanReformPlan}, now)
		var fe *planfile.Error
		if !errors.As(err, &fe) {
			t.Fatalf("err = %v, want a planfile.Error", err)
		}
		if fe.Total != 152 || len(fe.Problems) != planfile.MaxProblems {
			t.Errorf("%d problems listed of %d, want %d of 152", len(fe.Problems), fe.Total, planfile.MaxProblems)
		}
		if p := fe.Problems; p[0].Row != 3 || p[0].Column != "Action" || p[1].Row != 4 || p[1].Column != "Due" || p[2].Column != "Ref" {
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

func adminUser(t *testing.T, db *gorm.DB) *models.User {
	t.Helper()
	u, err := models.CreateUser(context.Background(), db, models.NewUser{Email: "admin@example.test", Name: "Ada Admin",
		Role: models.RoleAdmin, Password: "a long enough password"}, time.Now())
	if err != nil {
		t.Fatal(err)
	}
	return u
}

// TestImportFlagsAtOnce: imported actions already past their due date are
// flagged in the import's own transaction, and only the new plan's actions
// are looked at.
func TestImportFlagsAtOnce(t *testing.T) {
	t.Parallel()
	modeltest.EachWith(t, seedtest.Seeded, func(t *testing.T, d modeltest.DB) {
		ctx, db, now := context.Background(), d.DB, time.Date(2027, 1, 6, 9, 0, 0, 0, time.UTC)
		res, err := planimport.Import(ctx, db, adminUser(t, db), importSample(t), planimport.Request{Name: "SEND reform plan 2026",
			Type: models.PlanReformPlan, Flags: models.FlagConfig{Location: time.UTC, UpdateOverdueDays: 90}}, now)
		if err != nil {
			t.Fatal(err)
		}
		var got []string
		db.Table("flags").Joins("JOIN actions ON actions.id = flags.action_id").
			Where("flags.kind = ? AND flags.resolved_at IS NULL AND actions.plan_id = ?", models.FlagMilestonePassed, res.Plan.ID).
			Order("actions.major, actions.minor").Pluck("actions.number", &got)
		if fmt.Sprint(got) != "[1.1 1.2 1.10]" {
			t.Errorf("milestone passed on %v, want every imported action (all due by December 2026)", got)
		}
		var other int64
		db.Model(&models.Flag{}).Where("action_id IN (SELECT id FROM actions WHERE plan_id <> ?)", res.Plan.ID).Count(&other)
		if other != 0 {
			t.Errorf("the import raised %d flags on the other plan's actions", other)
		}
	})
}
