package models_test

import (
	"context"
	"slices"
	"testing"
	"time"

	"sendboard/models"
	"sendboard/models/modeltest"
	"sendboard/seeds/seedtest"
)

// TestRAGHistoryByQuarter: each quarter shows the newest update dated before
// its end, a quarter without updates carries the standing on, and a
// back-dated update counts in the quarter it speaks for.
func TestRAGHistoryByQuarter(t *testing.T) {
	t.Parallel()
	modeltest.EachWith(t, seedtest.Seeded, func(t *testing.T, d modeltest.DB) {
		ctx, db := context.Background(), d.DB
		now := time.Date(2026, 1, 20, 9, 0, 0, 0, time.UTC) // 2025-26 Q4
		ref, err := models.LoadReference(ctx, db)
		if err != nil {
			t.Fatal(err)
		}
		admin := adminUser(t, db)
		a, err := models.CreateAction(ctx, db, admin, ref, models.ActionInput{Number: "9.1", PriorityAreaID: ref.PriorityAreas[0].ID,
			Text: "Ŵyn and Łucja's review → ≥ 3 schools", Due: "2027-03", Status: models.StatusNotStarted}, now, flagCfg)
		if err != nil {
			t.Fatal(err)
		}
		day := func(s string) time.Time { t, _ := time.Parse(time.DateOnly, s); return t }
		for i, u := range []struct{ date, saved, status, rag string }{
			{"2025-05-10", "2025-05-10", models.StatusInProgress, "amber"},
			{"2025-06-30", "2025-07-02", models.StatusInProgress, "red"},
			{"2025-08-15", "2025-08-15", models.StatusInProgress, "green"},
			{"2025-06-01", "2025-09-01", models.StatusInProgress, "amber"}, // back-dated into Q1, older than the red
		} {
			up := models.ProgressUpdate{ActionID: a.ID, UpdateDate: day(u.date), Narrative: "Update", Status: u.status, RAG: u.rag,
				AuthorName: "Şebnem Yıldız", CreatedAt: day(u.saved).Add(time.Duration(i) * time.Minute)}
			if err := db.Create(&up).Error; err != nil {
				t.Fatal(err)
			}
		}
		got, err := models.RAGHistory(ctx, db, a.ID, now)
		if err != nil {
			t.Fatal(err)
		}
		want := []models.PeriodRAG{
			{Period: "2025-26 Q4", Status: models.StatusInProgress, RAG: "green"},
			{Period: "2025-26 Q3", Status: models.StatusInProgress, RAG: "green"},
			{Period: "2025-26 Q2", Status: models.StatusInProgress, RAG: "green"},
			{Period: "2025-26 Q1", Status: models.StatusInProgress, RAG: "red"},
		}
		if !slices.Equal(got, want) {
			t.Errorf("history %v, want %v", got, want)
		}
		// An action without updates has no history.
		b, err := models.CreateAction(ctx, db, admin, ref, models.ActionInput{Number: "9.2", PriorityAreaID: ref.PriorityAreas[0].ID,
			Text: "Nothing yet", Due: "2027-03", Status: models.StatusNotStarted}, now, flagCfg)
		if err != nil {
			t.Fatal(err)
		}
		if got, err := models.RAGHistory(ctx, db, b.ID, now); err != nil || len(got) != 0 {
			t.Errorf("no updates: history %v (%v), want none", got, err)
		}
	})
}
