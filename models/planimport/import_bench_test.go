package planimport_test

import (
	"context"
	"fmt"
	"testing"
	"time"

	"sendboard/models"
	"sendboard/models/modeltest"
	"sendboard/models/planfile"
	"sendboard/models/planfile/layouttest"
	"sendboard/models/planimport"
)

// BenchmarkImportPlan imports a plan of 1,000 actions, each with a lead, a
// board and a progress update, from CSV into SQLite.
func BenchmarkImportPlan(b *testing.B) {
	p := &planfile.Plan{Areas: []planfile.Area{{Code: "1", Title: "One", Owners: models.OwnerCouncil}}}
	for n := 0; n < 1000; n++ {
		p.Actions = append(p.Actions, planfile.Action{Number: fmt.Sprintf("1.%d", n+1), AreaCode: "1",
			Text: "Action", Lead: fmt.Sprintf("Lead %d", n%20), Boards: []string{"Board"}, Status: models.StatusInProgress, Progress: "Under way"})
	}
	data, err := planfile.WriteCSV(p)
	if err != nil {
		b.Fatal(err)
	}
	for i := 0; i < b.N; i++ {
		b.StopTimer()
		d := modeltest.SQLite(b)
		admin := &models.User{Name: "Loader", Role: models.RoleAdmin}
		d.DB.Exec("INSERT INTO users (email, name, role, password_hash) VALUES ('l@x', 'Loader', 'admin', 'x')")
		admin.ID = 1
		b.StartTimer()
		in := planimport.Request{Name: "Bench", Type: models.PlanPAP, File: "bench.csv"}
		if _, err := planimport.Import(context.Background(), d.DB, admin, data, in, time.Now()); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkImportTracker imports a council tracker of 1,000 actions with 9
// review-period RAG columns in words (9,000 dated updates and the
// completions) from XLSX into SQLite; the target is 3 s an import.
func BenchmarkImportTracker(b *testing.B) {
	data, err := layouttest.XLSX(layouttest.Tracker(1000, 9, false))
	if err != nil {
		b.Fatal(err)
	}
	// A server imports warm: SQLite's module compiled, the parser's code paged in.
	small, err := layouttest.XLSX(layouttest.Tracker(10, 9, false))
	if err != nil {
		b.Fatal(err)
	}
	warm := modeltest.SQLite(b)
	if _, err := planimport.Import(context.Background(), warm.DB, nil, small, planimport.Request{Name: "Warm", Type: models.PlanPAP}, time.Now()); err != nil {
		b.Fatal(err)
	}
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		b.StopTimer()
		d := modeltest.SQLite(b)
		b.StartTimer()
		in := planimport.Request{Name: "Bench tracker", Type: models.PlanPAP, File: "tracker.xlsx"}
		res, err := planimport.Import(context.Background(), d.DB, nil, data, in, time.Now())
		if err != nil {
			b.Fatal(err)
		}
		if res.Updates < 9000 {
			b.Fatalf("%d updates", res.Updates)
		}
	}
	b.ReportMetric(float64(b.Elapsed().Seconds())/float64(b.N), "s/import")
}
