package pack_test

import (
	"context"
	"slices"
	"testing"
	"time"

	"sendboard/models"
	"sendboard/models/modeltest"
	"sendboard/models/pack"
	"sendboard/seeds/seedtest"
)

// TestPackUsesBoardsAsGovernedAtQuarterEnd moves an action from one board to
// another with plain SQL writes (as any writer might): a pack for a past
// quarter still shows it under the board that governed it then, naming that
// board; a pack for the current quarter follows the move. An action retired
// since stays in the past quarter's pack and leaves the current one.
func TestPackUsesBoardsAsGovernedAtQuarterEnd(t *testing.T) {
	t.Parallel()
	modeltest.EachWith(t, seedtest.SeededWithBenchmarks, func(t *testing.T, d modeltest.DB) {
		ctx := context.Background()
		var from, to models.Board
		d.DB.Where("name = ?", "SEND Improvement Board").Take(&from)
		d.DB.Where("name = ?", "Schools Forum").Take(&to)
		var a models.Action
		err := d.DB.Where("EXISTS (SELECT 1 FROM action_boards ab WHERE ab.action_id = actions.id AND ab.board_id = ?)", from.ID).
			Where("NOT EXISTS (SELECT 1 FROM action_boards ab WHERE ab.action_id = actions.id AND ab.board_id = ?)", to.ID).
			Order("major, minor").Take(&a).Error
		if err != nil {
			t.Fatal(err)
		}
		past := models.Period{StartYear: 2024, Quarter: 4}
		current := models.QuarterOf(time.Now())
		covers := func(board string, q models.Period) (bool, []string) {
			t.Helper()
			p, err := pack.Build(ctx, d.DB, pack.Request{Board: board, Quarter: q}, time.Now())
			if err != nil {
				t.Fatal(err)
			}
			for _, pa := range p.Actions {
				if pa.ID == a.ID {
					return true, pa.Boards
				}
			}
			return false, nil
		}
		if in, boards := covers(from.Slug, past); !in || !slices.Contains(boards, from.Name) {
			t.Fatalf("before the move %s is not in %s's past pack (boards %q)", a.Number, from.Name, boards)
		}

		if err := d.DB.Where("action_id = ? AND board_id = ?", a.ID, from.ID).Delete(&models.ActionBoard{}).Error; err != nil {
			t.Fatal(err)
		}
		if err := d.DB.Create(&models.ActionBoard{ActionID: a.ID, BoardID: to.ID}).Error; err != nil {
			t.Fatal(err)
		}

		if in, boards := covers(from.Slug, past); !in || !slices.Contains(boards, from.Name) || slices.Contains(boards, to.Name) {
			t.Errorf("after the move, %s's %s pack: covers %s = %v with boards %q; want it, governed by %s then", from.Name, past, a.Number, in, boards, from.Name)
		}
		if in, _ := covers(to.Slug, past); in {
			t.Errorf("%s's %s pack covers %s, which it did not govern then", to.Name, past, a.Number)
		}
		if in, _ := covers(from.Slug, current); in {
			t.Errorf("%s's %s pack still covers %s after the move", from.Name, current, a.Number)
		}
		if in, boards := covers(to.Slug, current); !in || !slices.Contains(boards, to.Name) || slices.Contains(boards, from.Name) {
			t.Errorf("%s's %s pack: covers %s = %v with boards %q", to.Name, current, a.Number, in, boards)
		}
		if in, _ := covers(models.WholePlan, past); !in {
			t.Errorf("the whole-plan pack lost %s", a.Number)
		}

		// Retired today, it was still in the plan at the past quarter's end.
		if err := d.DB.Model(&models.Action{}).Where("id = ?", a.ID).Update("retired_at", time.Now().UTC()).Error; err != nil {
			t.Fatal(err)
		}
		if in, _ := covers(models.WholePlan, past); !in {
			t.Errorf("%s, retired after %s, is missing from that quarter's pack", a.Number, past)
		}
		if in, _ := covers(to.Slug, current); in {
			t.Errorf("%s, retired, is still in the %s pack", a.Number, current)
		}
	})
}

// TestPackExceptionsAsAtQuarterEnd: a past quarter's pack shows the
// exceptions as they stood at its end. Without a milestone-passed flag row,
// an unfinished action whose due date had passed shows it, judged by the due
// date it had then, not by a later revision; flags the job raised only today
// count by the day their condition became true (since); an action complete by
// then is not flagged.
func TestPackExceptionsAsAtQuarterEnd(t *testing.T) {
	t.Parallel()
	modeltest.EachWith(t, seedtest.SeededWithBenchmarks, func(t *testing.T, d modeltest.DB) {
		ctx := context.Background()
		d.DB.Exec("DELETE FROM flags")
		var acts []models.Action
		d.DB.Order("major, minor").Limit(3).Find(&acts)
		late, done, fresh := acts[0], acts[1], acts[2]
		for _, a := range []models.Action{late, fresh} {
			d.DB.Create(&models.ProgressUpdate{ActionID: a.ID, UpdateDate: time.Date(2024, 6, 1, 0, 0, 0, 0, time.UTC),
				CreatedAt: time.Date(2024, 6, 1, 9, 0, 0, 0, time.UTC), Narrative: "Going.", Status: models.StatusInProgress, RAG: "amber", AuthorName: "Test"})
		}
		// Flags the job raised today, dated by their rule: one true since
		// February 2025 (in the quarter), one only since May 2025, and one on
		// an action complete by the quarter's end.
		today := time.Now().UTC()
		d.DB.Create(&[]models.Flag{
			{ActionID: late.ID, Kind: models.FlagUpdateOverdue, Since: "2025-02-01", RaisedAt: today},
			{ActionID: fresh.ID, Kind: models.FlagUpdateOverdue, Since: "2025-05-01", RaisedAt: today},
			{ActionID: done.ID, Kind: models.FlagUpdateOverdue, Since: "2024-01-01", RaisedAt: today},
		})
		// Due in December 2024; revised today to December 2099.
		d.DB.Model(&models.Action{}).Where("id = ?", late.ID).Updates(map[string]any{"due": "2099-12", "status": models.StatusInProgress})
		d.DB.Exec(`INSERT INTO due_revisions (action_id, from_due, to_due, reason, author_name, created_at) VALUES (?, ?, ?, ?, ?, ?)`,
			late.ID, "2024-12", "2099-12", "Funding moved", "Test", time.Now().UTC())
		d.DB.Model(&models.Action{}).Where("id = ?", done.ID).Update("due", "2024-06")
		d.DB.Create(&models.ProgressUpdate{ActionID: done.ID, UpdateDate: time.Date(2024, 5, 1, 0, 0, 0, 0, time.UTC),
			CreatedAt: time.Date(2024, 5, 1, 9, 0, 0, 0, time.UTC), Narrative: "Done.", Status: models.StatusComplete, RAG: "blue", AuthorName: "Test"})

		p, err := pack.Build(ctx, d.DB, pack.Request{Board: models.WholePlan, Quarter: models.Period{StartYear: 2024, Quarter: 4}}, packNow)
		if err != nil {
			t.Fatal(err)
		}
		for _, a := range p.Actions {
			switch a.ID {
			case late.ID:
				if a.Due != "2024-12" || !slices.Contains(a.Flags, models.FlagMilestonePassed) || !slices.Contains(a.Flags, models.FlagUpdateOverdue) {
					t.Errorf("%s at the end of 2024-25 Q4: due %q, flags %v; want due 2024-12, milestone passed and update overdue", a.Number, a.Due, a.Flags)
				}
			case done.ID:
				if len(a.Flags) > 0 {
					t.Errorf("%s, complete by then, flagged %v", a.Number, a.Flags)
				}
			case fresh.ID:
				if slices.Contains(a.Flags, models.FlagUpdateOverdue) {
					t.Errorf("%s flagged update overdue, true only since after the quarter", a.Number)
				}
			}
		}
		p, err = pack.Build(ctx, d.DB, pack.Request{Board: models.WholePlan, Quarter: models.QuarterOf(time.Now())}, time.Now())
		if err != nil {
			t.Fatal(err)
		}
		for _, a := range p.Actions {
			if a.ID == late.ID && (a.Due != "2099-12" || slices.Contains(a.Flags, models.FlagMilestonePassed)) {
				t.Errorf("%s now: due %q, flags %v; want the revised due and no milestone passed", a.Number, a.Due, a.Flags)
			}
		}
	})
}

// TestMain drops the databases and templates the package's tests made (see modeltest.Main).
func TestMain(m *testing.M) { modeltest.Main(m) }
