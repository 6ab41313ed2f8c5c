package packtest

import (
	"context"
	"fmt"
	"testing"
	"time"

	"gorm.io/gorm"

	"sendboard/models"
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

// AddPlan imports a plan as spec says, its first update on each action dated
// updated (in the fixture quarter, so it shows in the pack), and returns it.
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
	in := models.PlanImport{Plan: models.PlanInput{Name: spec.Name, Type: models.PlanPAP, StartDate: spec.Start},
		Areas:      []models.AreaInput{{Code: "A", Title: "Inclusion", Owners: models.OwnerCouncil}},
		Milestones: []models.MilestoneInput{{Label: "First year", Due: "2026-03"}},
		Author:     "Imported for a test"}
	for n := 0; n < spec.Actions; n++ {
		in.Actions = append(in.Actions, models.PlanImportAction{Number: fmt.Sprintf("1.%d", n+1), AreaCode: "A",
			MilestoneSection: (n + 1) % 2, Text: fmt.Sprintf("%s action %d", spec.Name, n+1), Lead: "DCO",
			Boards: spec.Boards, Status: models.StatusInProgress, RAG: "amber", Progress: spec.Name + " work under way"})
	}
	if _, err := models.ImportPlan(ctx, db, &admin, in, updated); err != nil {
		t.Fatalf("import %s: %v", spec.Name, err)
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
