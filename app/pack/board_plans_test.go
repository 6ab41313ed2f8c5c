package pack_test

import (
	"context"
	"slices"
	"testing"
	"time"

	"sendboard/app/pack"
	"sendboard/models"
	"sendboard/models/modeltest"
	"sendboard/models/pack/packtest"
	"sendboard/models/risk"
)

// TestBoardPartsOverSeveralPlans: a board governing two plans gets the
// escalated risks of both, each named with its plan, and a RAG row for every
// action of both, with the plan column the other sheets have.
func TestBoardPartsOverSeveralPlans(t *testing.T) {
	t.Parallel()
	modeltest.EachWith(t, packtest.Loaded, func(t *testing.T, d modeltest.DB) {
		b := packtest.AddBusiness(t, d.DB)
		addSecondPlan(t, d)
		var second models.Plan
		if err := d.DB.Where("name = ?", secondPlan).Take(&second).Error; err != nil {
			t.Fatal(err)
		}
		if _, err := risk.Create(context.Background(), d.DB, b.Admin, second.ID, risk.Input{Title: "Second plan ŵ", Owner: b.Admin.Email,
			Likelihood: 5, Impact: 5}, time.Date(2025, 2, 15, 9, 0, 0, 0, time.UTC)); err != nil {
			t.Fatal(err)
		}
		p := build(t, d, packtest.Board, packtest.Quarter)
		if !p.MultiPlan() {
			t.Fatal("the board's pack covers one plan")
		}
		xl, err := pack.XLSX(p)
		if err != nil {
			t.Fatal(err)
		}
		sheets := sheetRows(t, xl)
		risks := sheets["Risks"]
		if risks[0][0] != "Plan" || !slices.Equal(column(risks, 1), []string{"Second plan ŵ", "Therapy waits ≥ 18 weeks → Ŵ", "Funding gap ı"}) ||
			column(risks, 0)[0] != secondPlan {
			t.Errorf("Risks over two plans: %q", risks)
		}
		rag := sheets["RAG by period"]
		if rag[0][0] != "Plan" || len(rag) != len(p.Actions)+1 || rag[len(rag)-1][0] != secondPlan {
			t.Errorf("RAG by period over two plans: header %q, %d rows for %d actions", rag[0], len(rag), len(p.Actions))
		}
	})
}
