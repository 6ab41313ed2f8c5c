package seeds

import (
	"context"
	"fmt"
	"math/rand/v2"
	"time"

	"gorm.io/gorm"

	"sendboard/models"
)

// UpdatesPerSynthetic is how many progress updates each generated action gets.
const UpdatesPerSynthetic = 20

// Synthetic adds n generated actions to the default plan for load tests, each
// with one or two boards, a lead, and UpdatesPerSynthetic progress updates.
// Their numbers start at minor 1000 so they never collide with the plan's own.
// The data is random but repeatable: the same n on the same database gives the
// same rows.
func Synthetic(ctx context.Context, db *gorm.DB, n int) (int, error) {
	db = db.WithContext(ctx)
	ref, err := models.LoadReference(ctx, db)
	if err != nil {
		return 0, err
	}
	if len(ref.Boards) == 0 || len(ref.Leads) == 0 || len(ref.Milestones) == 0 || len(ref.PriorityAreas) == 0 {
		return 0, fmt.Errorf("load the seeds before adding synthetic actions")
	}
	var maxMinor int
	if err := db.Model(&models.Action{}).Where("plan_id = ?", ref.Plan.ID).Select("COALESCE(MAX(minor), 0)").Scan(&maxMinor).Error; err != nil {
		return 0, err
	}
	next := max(maxMinor+1, 1000)
	rng := rand.New(rand.NewPCG(uint64(next), uint64(n)))
	const batch = 500
	err = db.Transaction(func(tx *gorm.DB) error {
		for done := 0; done < n; done += batch {
			size := min(batch, n-done)
			if err := syntheticBatch(tx, ref, rng, next+done, size); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return 0, err
	}
	return n, analyze(db)
}

// analyze refreshes PostgreSQL's planner statistics after a bulk load, so the
// first queries use the indexes rather than planning for empty tables.
func analyze(db *gorm.DB) error {
	if db.Dialector.Name() != "postgres" {
		return nil
	}
	return db.Exec("ANALYZE actions, action_boards, progress_updates, flags").Error
}

// rowsPerInsert keeps each INSERT to about a thousand parameters: the pure-Go
// SQLite driver binds parameters in time quadratic in their number, so 1,000-row
// inserts made 4,940 actions take 24 s on SQLite instead of under 4 s.
const rowsPerInsert = 100

func syntheticBatch(tx *gorm.DB, ref *models.Reference, rng *rand.Rand, first, size int) error {
	actions := make([]models.Action, size)
	for i := range actions {
		m := ref.Milestones[rng.IntN(len(ref.Milestones))]
		p := ref.PriorityAreas[rng.IntN(len(ref.PriorityAreas))]
		l := ref.Leads[rng.IntN(len(ref.Leads))]
		minor := first + i
		status := models.Statuses[rng.IntN(len(models.Statuses))]
		a := models.Action{PlanID: ref.Plan.ID, Number: fmt.Sprintf("%d.%d", m.Section, minor), Major: m.Section, Minor: minor,
			MilestoneID: &m.ID, Due: m.Due, DueOriginal: m.Due, PriorityAreaID: p.ID, LeadID: &l.ID, LeadText: l.Name,
			Aim:           fmt.Sprintf("Synthetic aim %d for load testing.", minor),
			Text:          fmt.Sprintf("Synthetic action %d: deliver improvement work with partners.", minor),
			ImpactMeasure: fmt.Sprintf("%d%% of families report improvement.", 50+rng.IntN(50)),
			Status:        status, RAG: models.RAGs[rng.IntN(3)], Version: 1}
		if status == models.StatusNotStarted {
			month := fmt.Sprintf("20%02d-%02d", 19+rng.IntN(8), 1+rng.IntN(12))
			a.InitiateBy = &month
		}
		actions[i] = a
	}
	// Dates and texts of the updates are drawn before the insert so each action
	// goes in already carrying its latest narrative: no per-row UPDATE afterwards.
	base := time.Date(2019, 7, 1, 0, 0, 0, 0, time.UTC)
	updates := make([]models.ProgressUpdate, 0, size*UpdatesPerSynthetic)
	for i := range actions {
		a := &actions[i]
		for u := 0; u < UpdatesPerSynthetic; u++ {
			d := base.AddDate(0, 0, 30*u+rng.IntN(20))
			updates = append(updates, models.ProgressUpdate{UpdateDate: d, CreatedAt: d,
				Narrative: fmt.Sprintf("Synthetic progress %d on action %s.", u+1, a.Number),
				Status:    a.Status, RAG: a.RAG, AuthorName: "Synthetic data"})
		}
		last := updates[len(updates)-1]
		a.Progress, a.LastUpdateAt = last.Narrative, &last.UpdateDate
	}
	if err := tx.Omit("Milestone", "PriorityArea", "Lead", "Boards", "Flags").CreateInBatches(&actions, rowsPerInsert).Error; err != nil {
		return err
	}
	var links []models.ActionBoard
	for i := range actions {
		a := &actions[i]
		for u := 0; u < UpdatesPerSynthetic; u++ {
			updates[i*UpdatesPerSynthetic+u].ActionID = a.ID
		}
		b1 := rng.IntN(len(ref.Boards))
		links = append(links, models.ActionBoard{ActionID: a.ID, BoardID: ref.Boards[b1].ID})
		if b2 := rng.IntN(len(ref.Boards)); b2 != b1 && rng.IntN(2) == 0 {
			links = append(links, models.ActionBoard{ActionID: a.ID, BoardID: ref.Boards[b2].ID})
		}
	}
	if err := tx.CreateInBatches(&links, rowsPerInsert).Error; err != nil {
		return err
	}
	if err := tx.CreateInBatches(&updates, rowsPerInsert).Error; err != nil {
		return err
	}
	return nil
}
