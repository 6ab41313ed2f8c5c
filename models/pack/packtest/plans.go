package packtest

import (
	"context"
	"fmt"
	"testing"
	"time"

	"gorm.io/gorm"

	"sendboard/models"
	"sendboard/models/planfile"
	"sendboard/models/planimport"
)

// PlanSpec describes a further plan for multi-plan pack tests.
type PlanSpec struct {
	Name, Start string   // Start is YYYY-MM-DD
	Boards      []string // the boards governing every action
	Actions     int      // how many actions; every other one has no milestone
	// GovernedFrom backdates the boards' assignments (action_board_history),
	// which an import dates when it ran.
	GovernedFrom time.Time
}

// AddPlan imports a plan as spec says, through the spreadsheet import, its
// first update on each action dated updated (in the fixture quarter, so it
// shows in the pack), and returns it.
func AddPlan(t testing.TB, db *gorm.DB, spec PlanSpec, updated time.Time) *models.Plan {
	t.Helper()
	ctx := context.Background()
	var admin models.User
	if err := db.Where("role = ?", models.RoleAdmin).Order("id").Take(&admin).Error; err != nil {
		u, err := models.CreateUser(ctx, db, models.NewUser{Email: "plan-loader@example.test", Name: "Plan Loader",
			Role: models.RoleAdmin, Password: "a long enough password"}, updated)
		if err != nil {
			t.Fatalf("admin: %v", err)
		}
		admin = *u
	}
	plan := &planfile.Plan{Areas: []planfile.Area{{Code: "A", Title: "Inclusion", Owners: models.OwnerCouncil}}}
	var under []planfile.Action
	for n := 0; n < spec.Actions; n++ {
		a := planfile.Action{Number: fmt.Sprintf("1.%d", n+1), AreaCode: "A", Text: fmt.Sprintf("%s action %d", spec.Name, n+1),
			Lead: "DCO", Boards: spec.Boards, Status: models.StatusInProgress, RAG: "amber", Progress: spec.Name + " work under way"}
		if n%2 == 0 {
			a.Milestone, a.Due = "First year", "2026-03"
			under = append(under, a)
		} else {
			plan.Actions = append(plan.Actions, a)
		}
	}
	// A sheet's milestone holds for the rows below it, so the rows with none come first.
	plan.Actions = append(plan.Actions, under...)
	data, err := planfile.WriteCSV(plan)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := planimport.Import(ctx, db, &admin, data, planimport.Request{Name: spec.Name, Type: models.PlanPAP, File: "plan.csv"}, updated); err != nil {
		t.Fatalf("import %s: %v", spec.Name, err)
	}
	// An import starts the plan the day it runs.
	err = db.Model(&models.Plan{}).Where("name = ?", spec.Name).Updates(map[string]any{"start_date": spec.Start, "date": day(spec.Start)}).Error
	if err != nil {
		t.Fatal(err)
	}
	var p models.Plan
	if err := db.Where("name = ?", spec.Name).Take(&p).Error; err != nil {
		t.Fatal(err)
	}
	if !spec.GovernedFrom.IsZero() {
		err := db.Exec("UPDATE action_board_history SET assigned_at = ? WHERE action_id IN (SELECT id FROM actions WHERE plan_id = ?)",
			spec.GovernedFrom, p.ID).Error
		if err != nil {
			t.Fatal(err)
		}
	}
	return &p
}
