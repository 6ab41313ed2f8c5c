package planimport_test

import (
	"context"
	"fmt"
	"syscall"
	"testing"
	"time"

	"sendboard/models"
	"sendboard/models/modeltest"
	"sendboard/models/planfile"
	"sendboard/models/planimport"
	"sendboard/seeds"
)

// benchPlanXLSX is a 1,000-action plan as an area keeps it: 10 areas, 40
// leads and SROs, two boards an action, day and month due dates, and progress
// text on half the actions.
func benchPlanXLSX(b testing.TB) []byte {
	p := &planfile.Plan{}
	for i := 1; i <= 10; i++ {
		p.Areas = append(p.Areas, planfile.Area{Code: fmt.Sprint(i), Title: fmt.Sprintf("Area %d of the plan", i), Owners: planfile.OwnerBoth})
	}
	boards := []string{"SEND Improvement Board", "Schools Forum", "Health and Wellbeing Board", "Joint Commissioning Group"}
	for i := 0; i < 1000; i++ {
		a := planfile.Action{Number: fmt.Sprintf("%d.%d", i/100+1, i%100+1), AreaCode: fmt.Sprint(i/100 + 1),
			Aim: "Children and young people's needs are identified early", Text: fmt.Sprintf("Action %d: review the pathway with schools and health partners", i),
			Impact: "80% of families say the plan reflects their child's needs", Lead: fmt.Sprintf("Lead officer %d", i%30),
			SRO: fmt.Sprintf("Director %d", i%10), Boards: []string{boards[i%4], boards[(i+1)%4]},
			Status: []string{planfile.StatusNotStarted, planfile.StatusInProgress, planfile.StatusComplete}[i%3], RAG: []string{"red", "amber", "green"}[i%3]}
		if i%2 == 0 {
			a.Due, a.Progress = fmt.Sprintf("2026-%02d-15", i%12+1), "Workshops held with SENCOs; the pathway is drafted and out for comment."
		} else {
			a.Due = fmt.Sprintf("2026-%02d", i%12+1)
		}
		p.Actions = append(p.Actions, a)
	}
	data, err := planfile.WriteXLSX(p, "Plan")
	if err != nil {
		b.Fatal(err)
	}
	return data
}

// BenchmarkImportPlanFile1000XLSX reads and stores a 1,000-action XLSX plan,
// on each database (target: 2 s).
func BenchmarkImportPlanFile1000XLSX(b *testing.B) {
	data := benchPlanXLSX(b)
	for name, open := range map[string]func(testing.TB) modeltest.DB{"sqlite": modeltest.SQLite, "postgres": modeltest.Postgres} {
		b.Run(name, func(b *testing.B) {
			d := open(b)
			ctx := context.Background()
			if _, err := seeds.Load(ctx, d.DB, seeds.WithoutBenchmarks()); err != nil {
				b.Fatal(err)
			}
			b.ResetTimer()
			cpu0 := processCPU()
			for i := 0; i < b.N; i++ {
				res, err := planimport.Import(ctx, d.DB, nil, data, planimport.Request{Name: fmt.Sprintf("Bench plan %d", i),
					Type: models.PlanImprovementPlan, File: "bench.xlsx"}, time.Now())
				if err != nil {
					b.Fatal(err)
				}
				if len(res.File.Plan.Actions) != 1000 || res.Updates != 500 {
					b.Fatalf("%d actions, %d updates", len(res.File.Plan.Actions), res.Updates)
				}
			}
			// On a shared machine wall time mostly measures the neighbours: report this process's CPU too.
			b.ReportMetric(float64((processCPU()-cpu0).Milliseconds())/float64(b.N), "cpu-ms/op")
		})
	}
}

// processCPU is the user and system CPU time this process has used.
func processCPU() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
