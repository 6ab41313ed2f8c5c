package models_test

import (
	"context"
	"fmt"
	"testing"
	"time"

	"sendboard/models"
	"sendboard/models/modeltest"
)

// BenchmarkImportPlan imports a plan of 1,000 actions, each with a lead, a
// board and a progress update, into SQLite.
func BenchmarkImportPlan(b *testing.B) {
	for i := 0; i < b.N; i++ {
		b.StopTimer()
		d := modeltest.SQLite(b)
		admin := &models.User{Name: "Loader", Role: models.RoleAdmin}
		d.DB.Exec("INSERT INTO users (email, name, role, password_hash) VALUES ('l@x', 'Loader', 'admin', 'x')")
		admin.ID = 1
		in := models.PlanImport{Plan: models.PlanInput{Name: "Bench", Type: models.PlanPAP, StartDate: "2025-04-01"},
			Areas: []models.AreaInput{{Code: "1", Title: "One", Owners: models.OwnerCouncil}}}
		for n := 0; n < 1000; n++ {
			in.Actions = append(in.Actions, models.PlanImportAction{Number: fmt.Sprintf("1.%d", n+1), AreaCode: "1",
				Text: "Action", Lead: fmt.Sprintf("Lead %d", n%20), Boards: []string{"Board"}, Status: models.StatusInProgress, Progress: "Under way"})
		}
		b.StartTimer()
		if _, err := models.ImportPlan(context.Background(), d.DB, admin, in, time.Now()); err != nil {
			b.Fatal(err)
		}
	}
}
