// Package packtest loads a fixture quarter for governance pack tests: the
// seeded plan plus progress updates and flags around 2024-25 Q4, and further
// plans imported as spreadsheets. As a test kit it may import the seeds and
// any package under models.
package packtest

import (
	"context"
	"fmt"
	"testing"
	"time"

	"gorm.io/gorm"

	"sendboard/models"
	"sendboard/models/modeltest"
	"sendboard/seeds"
)

// Board is the board the fixture's updates touch.
const Board = "SEND Improvement Board"

// Quarter is the fixture quarter, January to March 2025.
const Quarter = "2024-25 Q4"

// Worldwide is a narrative in the fixture quarter with names in Polish,
// Turkish, Welsh, Vietnamese and Arabic and symbols outside Windows-1252: every
// format of the pack must give it back whole. Its update is by "Şebnem Yıldız".
const Worldwide = "On track at the end of March: Jan Łukasiewicz met Nguyễn Thị Hồng and محمد; " +
	"Siôn's ŵyr and Dafydd's ŷd; attendance ≥ 95% → target met; £1,200 and €1,400 spent."

// Fixture names what Loaded holds, for assertions.
type Fixture struct {
	Governed   []models.Action // the first three actions Board governs, numeric order
	Outsider   models.Action   // an action Board does not govern, updated in the quarter
	InQuarter  int             // updates dated in the quarter on Board's actions
	RedNumber  string          // rated red at quarter end
	FlagNumber string          // milestone_passed flag open at quarter end
}

func day(s string) time.Time {
	t, err := time.Parse("2006-01-02", s)
	if err != nil {
		panic(err)
	}
	return t
}

// Loaded is a database holding the fixture quarter: everything `make run`
// seeds, then the quarter's updates and flags. Tests get a copy of it
// (modeltest.EachWith, modeltest.SQLiteWith) and name its parts with Find.
var Loaded = modeltest.Fixture{Name: "pack_quarter", Build: func(ctx context.Context, db *gorm.DB) error {
	if _, err := seeds.Load(ctx, db); err != nil {
		return fmt.Errorf("seed: %w", err)
	}
	f, err := find(db)
	if err != nil {
		return err
	}
	return add(db, f)
}}

// Find names the parts of the fixture in db, a copy of Loaded, for assertions.
func Find(t testing.TB, db *gorm.DB) Fixture {
	t.Helper()
	f, err := find(db)
	if err != nil {
		t.Fatal(err)
	}
	return f
}

func find(db *gorm.DB) (Fixture, error) {
	var f Fixture
	err := db.Joins("JOIN action_boards ab ON ab.action_id = actions.id JOIN boards b ON b.id = ab.board_id").
		Where("b.name = ?", Board).Order("actions.major, actions.minor").Limit(3).Find(&f.Governed).Error
	if err != nil || len(f.Governed) < 3 {
		return f, fmt.Errorf("governed actions: %v (%d)", err, len(f.Governed))
	}
	err = db.Where("NOT EXISTS (SELECT 1 FROM action_boards ab JOIN boards b ON b.id = ab.board_id WHERE ab.action_id = actions.id AND b.name = ?)", Board).
		Order("major, minor").Take(&f.Outsider).Error
	if err != nil {
		return f, fmt.Errorf("outsider: %w", err)
	}
	f.InQuarter, f.RedNumber, f.FlagNumber = 4, f.Governed[0].Number, f.Governed[2].Number
	return f, nil
}

func byName(u models.ProgressUpdate, name string) models.ProgressUpdate {
	u.AuthorName = name
	return u
}

// add writes the quarter's updates and flags.
func add(db *gorm.DB, f Fixture) error {
	a1, a2, a3 := f.Governed[0], f.Governed[1], f.Governed[2]
	up := func(a models.Action, date, status, rag, text string) models.ProgressUpdate {
		return models.ProgressUpdate{ActionID: a.ID, UpdateDate: day(date), CreatedAt: day(date).Add(10 * time.Hour),
			Narrative: text, Status: status, RAG: rag, AuthorName: "Pat Lead"}
	}
	ups := []models.ProgressUpdate{
		up(a1, "2024-11-10", models.StatusInProgress, "amber", "Autumn review under way."),
		up(a1, "2025-02-01", models.StatusInProgress, "red", "Recruitment has stalled; escalated to the board."),
		up(a2, "2025-01-01", models.StatusInProgress, "amber", "New year check-in: evidence being gathered."), // first day: in
		up(a2, "2025-01-15", models.StatusComplete, "blue", "Signed off at the January board."),
		up(a2, "2025-04-05", models.StatusInProgress, "red", "Reopened after the quarter: must not count."),
		byName(up(a3, "2025-03-31", models.StatusInProgress, "green", Worldwide), "Şebnem Yıldız"),
		up(a3, "2025-04-01", models.StatusComplete, "blue", "Completed on 1 April: the next quarter."), // quarter end: out
		up(f.Outsider, "2025-02-20", models.StatusInProgress, "green", "Another board's action."),
	}
	if err := db.Create(&ups).Error; err != nil {
		return fmt.Errorf("updates: %w", err)
	}
	resolved := day("2024-12-01")
	flags := []models.Flag{
		{ActionID: a3.ID, Kind: models.FlagMilestonePassed, RaisedAt: day("2025-01-10")},
		{ActionID: a3.ID, Kind: models.FlagUpdateOverdue, RaisedAt: day("2024-06-01"), ResolvedAt: &resolved},
		{ActionID: a1.ID, Kind: models.FlagUpdateOverdue, RaisedAt: day("2025-04-02")}, // after the quarter
	}
	if err := db.Create(&flags).Error; err != nil {
		return fmt.Errorf("flags: %w", err)
	}
	return nil
}
