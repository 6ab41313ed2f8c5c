package pack_test

import (
	"context"
	"slices"
	"testing"
	"time"

	"sendboard/models/modeltest"
	"sendboard/models/pack"
	"sendboard/models/pack/packtest"
)

// Actions added to the plan during the quarter are listed as added, not as
// changed from a status they never had; older actions' changes are changes.
func TestPackSaysAddedForActionsNewInTheQuarter(t *testing.T) {
	t.Parallel()
	modeltest.EachWith(t, packtest.Loaded, func(t *testing.T, d modeltest.DB) {
		ctx := context.Background()
		packtest.AddPlan(t, d.DB, packtest.PlanSpec{Name: "New in Q4", Start: "2025-01-01",
			Boards: []string{packtest.Board}, Actions: 2, GovernedFrom: longAgo}, q4Update)
		packtest.AddPlan(t, d.DB, packtest.PlanSpec{Name: "Before Q4", Start: "2024-06-01",
			Boards: []string{packtest.Board}, Actions: 2, GovernedFrom: longAgo}, time.Date(2024, 6, 3, 9, 0, 0, 0, time.UTC))
		p, err := pack.Build(ctx, d.DB, pack.Request{Board: packtest.Board, Quarter: q4}, packNow)
		if err != nil {
			t.Fatal(err)
		}
		added := map[string]int{}
		for _, pp := range p.Plans {
			for _, c := range pp.Changes {
				if c.Added {
					added[pp.Plan.Name]++
					if c.FromStatus != "" || c.ToStatus == "" {
						t.Errorf("%s %s added: %+v", pp.Plan.Name, c.Number, c)
					}
				}
			}
		}
		if added["New in Q4"] != 2 || added["Before Q4"] != 0 || len(added) != 1 {
			t.Errorf("added per plan = %v, want the 2 actions of New in Q4 only", added)
		}
	})
}

// An action not started after its start day is an overdue initiation in the
// pack of the quarter, the rule the flag job uses for "Initiate <month>".
func TestPackOverdueInitiationFromStart(t *testing.T) {
	t.Parallel()
	modeltest.EachWith(t, packtest.Loaded, func(t *testing.T, d modeltest.DB) {
		ctx := context.Background()
		pl := packtest.AddPlan(t, d.DB, packtest.PlanSpec{Name: "Started late", Start: "2024-06-01",
			Boards: []string{packtest.Board}, Actions: 2, GovernedFrom: longAgo}, time.Date(2024, 6, 3, 9, 0, 0, 0, time.UTC))
		d.DB.Exec("UPDATE actions SET status = 'not_started', status_text = 'Not started', start_date = '2025-01-15' WHERE plan_id = ? AND number = '1.1'", pl.ID)
		d.DB.Exec("UPDATE actions SET status = 'not_started', status_text = 'Not started', start_date = '2025-04' WHERE plan_id = ? AND number = '1.2'", pl.ID)
		d.DB.Exec("DELETE FROM progress_updates WHERE action_id IN (SELECT id FROM actions WHERE plan_id = ?)", pl.ID)
		p, err := pack.Build(ctx, d.DB, pack.Request{Board: packtest.Board, Plan: pl.Slug, Quarter: q4}, packNow)
		if err != nil {
			t.Fatal(err)
		}
		flags := map[string][]string{}
		for _, a := range p.Actions {
			flags[a.Number] = a.Flags
		}
		if !slices.Contains(flags["1.1"], "overdue_initiation") || slices.Contains(flags["1.2"], "overdue_initiation") {
			t.Errorf("flags %v: want overdue initiation on 1.1 (start 15 January 2025) only", flags)
		}
	})
}
