package pack_test

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	"sendboard/models"
	"sendboard/models/modeltest"
	"sendboard/models/pack"
	"sendboard/models/pack/packtest"
)

// The fixture quarter (2024-25 Q4) and dates around it.
var (
	q4       = models.Period{StartYear: 2024, Quarter: 4}
	q4Update = time.Date(2025, 2, 10, 9, 0, 0, 0, time.UTC)
	longAgo  = time.Date(2019, 1, 1, 0, 0, 0, 0, time.UTC)
)

func numbersOf(as []pack.Action) []string {
	var out []string
	for _, a := range as {
		out = append(out, a.Number)
	}
	return out
}

// A board's pack covers every plan the board governs, plan by plan; choosing
// a plan narrows it to that plan, and the pack of the default plan alone is
// the pack as it was before plans were grouped.
func TestPackCoversEveryPlanTheBoardGoverns(t *testing.T) {
	t.Parallel()
	modeltest.EachWith(t, packtest.Loaded, func(t *testing.T, d modeltest.DB) {
		ctx := context.Background()
		single, err := pack.Build(ctx, d.DB, pack.Request{Board: packtest.Board, Plan: "dorset-wsoa-2019", Quarter: q4}, packNow)
		if err != nil {
			t.Fatal(err)
		}
		b := packtest.AddPlan(t, d.DB, packtest.PlanSpec{Name: "Priority action plan", Start: "2024-10-01",
			Boards: []string{packtest.Board}, Actions: 4, GovernedFrom: longAgo}, q4Update)
		// 1.3 retired after the quarter: still in. 1.4 retired in it: out.
		d.DB.Exec("UPDATE actions SET retired_at = ? WHERE plan_id = ? AND number = '1.3'", time.Date(2025, 4, 2, 0, 0, 0, 0, time.UTC), b.ID)
		d.DB.Exec("UPDATE actions SET retired_at = ? WHERE plan_id = ? AND number = '1.4'", time.Date(2025, 3, 1, 0, 0, 0, 0, time.UTC), b.ID)

		p, err := pack.Build(ctx, d.DB, pack.Request{Board: packtest.Board, Quarter: q4}, packNow)
		if err != nil {
			t.Fatal(err)
		}
		if got := p.PlanNames(); !slices.Equal(got, []string{single.Plan.Name, "Priority action plan"}) || !p.MultiPlan() || p.PlanScope != "" {
			t.Fatalf("plans = %q (scope %q), want the default plan then the new one", got, p.PlanScope)
		}
		first, second := p.Plans[0], p.Plans[1]
		if !slices.Equal(numbersOf(first.Actions), numbersOf(single.Actions)) {
			t.Errorf("default plan's actions = %v, want %v", numbersOf(first.Actions), numbersOf(single.Actions))
		}
		if got := numbersOf(second.Actions); !slices.Equal(got, []string{"1.1", "1.2", "1.3"}) {
			t.Errorf("new plan's actions = %v, want 1.1-1.3 (1.4 retired in the quarter)", got)
		}
		if len(p.Actions) != len(first.Actions)+len(second.Actions) || p.Now.Total != len(p.Actions) {
			t.Errorf("%d actions, total %d; want %d+%d", len(p.Actions), p.Now.Total, len(first.Actions), len(second.Actions))
		}
		// Before its first update an action counts as its sheet's status cell says: in progress, not rated.
		if second.Now.ByRAG["amber"] != 3 || second.Prev.ByStatus[models.StatusInProgress] != 3 || second.Prev.ByRAG[""] != 3 || len(second.Changes) != 3 {
			t.Errorf("new plan's counts: now %+v prev %+v changes %d", second.Now, second.Prev, len(second.Changes))
		}
		if first.Now.Total != single.Now.Total || first.Now.ByRAG["red"] != single.Now.ByRAG["red"] {
			t.Errorf("default plan's counts changed: %+v vs %+v", first.Now, single.Now)
		}
		if len(first.Exceptions) != len(single.Exceptions) || len(p.Exceptions) != len(first.Exceptions)+len(second.Exceptions) {
			t.Errorf("exceptions: %d in the default plan (want %d), %d in all", len(first.Exceptions), len(single.Exceptions), len(p.Exceptions))
		}
		if len(second.Updates) != 3 || len(p.Updates) != len(single.Updates)+3 {
			t.Errorf("updates: %d in the new plan, %d in all; want 3 and %d (1.4 retired in the quarter)", len(second.Updates), len(p.Updates), len(single.Updates)+3)
		}
		// Actions without a milestone are in, and counted as such.
		rows := second.SummaryRows()
		noMilestone := slices.IndexFunc(rows, func(r pack.CountRow) bool { return r.Label == "No milestone" })
		if noMilestone < 0 || rows[noMilestone].Now != 1 {
			t.Errorf("new plan's summary lacks the action without a milestone: %+v", rows)
		}
		// The whole-pack summary has no area or milestone rows: they are each plan's.
		for _, r := range p.SummaryRows() {
			if r.Group == "Priority area" || r.Group == "Milestone" {
				t.Errorf("whole-pack summary row %+v", r)
			}
		}

		chosen, err := pack.Build(ctx, d.DB, pack.Request{Board: packtest.Board, Plan: b.Slug, Quarter: q4}, packNow)
		if err != nil {
			t.Fatal(err)
		}
		if chosen.MultiPlan() || chosen.Plan.ID != b.ID || !slices.Equal(numbersOf(chosen.Actions), []string{"1.1", "1.2", "1.3"}) {
			t.Errorf("chosen plan pack: plan %s, actions %v", chosen.Plan.Name, numbersOf(chosen.Actions))
		}
		whole, err := pack.Build(ctx, d.DB, pack.Request{Board: models.WholePlan, Plan: b.Slug, Quarter: q4}, packNow)
		if err != nil {
			t.Fatal(err)
		}
		if whole.Plan.ID != b.ID || len(whole.Actions) != 3 || whole.PlanScope != b.Slug {
			t.Errorf("whole-plan pack of the chosen plan: %s, %d actions", whole.Plan.Name, len(whole.Actions))
		}
		if _, err := pack.Build(ctx, d.DB, pack.Request{Board: packtest.Board, Plan: "no-such-plan", Quarter: q4}, packNow); !isField(err, "plan") {
			t.Errorf("unknown plan: %v, want a plan field error", err)
		}
	})
}

// The quarter is checked against the plans in scope: a plan that had not
// started by the quarter's end is left out of a board's pack, and a board
// whose only plan had not started gets an error naming when it did.
func TestPackQuarterConsidersThePlansInScope(t *testing.T) {
	t.Parallel()
	modeltest.EachWith(t, packtest.Loaded, func(t *testing.T, d modeltest.DB) {
		ctx := context.Background()
		later := packtest.AddPlan(t, d.DB, packtest.PlanSpec{Name: "Reform plan", Start: "2025-04-01",
			Boards: []string{packtest.Board, "Reform Board"}, Actions: 2, GovernedFrom: longAgo}, time.Date(2025, 4, 5, 0, 0, 0, 0, time.UTC))
		p, err := pack.Build(ctx, d.DB, pack.Request{Board: packtest.Board, Quarter: q4}, packNow)
		if err != nil {
			t.Fatal(err)
		}
		if p.MultiPlan() || p.Plan.ID == later.ID {
			t.Errorf("%s's %s pack covers %q, including a plan that started after it", packtest.Board, q4, p.PlanNames())
		}
		_, err = pack.Build(ctx, d.DB, pack.Request{Board: "Reform Board", Quarter: q4}, packNow)
		if !isField(err, "quarter") || !strings.Contains(err.Error(), "2025-26 Q1") {
			t.Errorf("Reform Board's %s pack: %v, want a quarter error naming 2025-26 Q1", q4, err)
		}
		next := models.Period{StartYear: 2025, Quarter: 1}
		p, err = pack.Build(ctx, d.DB, pack.Request{Board: "Reform Board", Quarter: next}, packNow)
		if err != nil || len(p.Actions) != 2 || p.Plan.ID != later.ID {
			t.Errorf("Reform Board's %s pack: %v, %d actions", next, err, len(p.Actions))
		}
		p, err = pack.Build(ctx, d.DB, pack.Request{Board: packtest.Board, Quarter: next}, packNow)
		if err != nil || !p.MultiPlan() {
			t.Errorf("%s's %s pack: %v, plans %q; want both plans", packtest.Board, next, err, p.PlanNames())
		}
	})
}

// Building a board's pack over five plans runs as many statements as over one.
func TestPackStatementsDoNotGrowWithPlans(t *testing.T) {
	t.Parallel()
	modeltest.EachWith(t, packtest.Loaded, func(t *testing.T, d modeltest.DB) {
		ctx := context.Background()
		counter := modeltest.CountQueries(d.DB)
		count := func() (int64, *pack.Pack) {
			counter.Reset()
			p, err := pack.Build(ctx, d.DB, pack.Request{Board: packtest.Board, Quarter: q4}, packNow)
			if err != nil {
				t.Fatal(err)
			}
			return counter.N(), p
		}
		one, p1 := count()
		for i := 2; i <= 5; i++ {
			packtest.AddPlan(t, d.DB, packtest.PlanSpec{Name: fmt.Sprintf("Plan %d", i), Start: "2024-10-01",
				Boards: []string{packtest.Board}, Actions: 6, GovernedFrom: longAgo}, q4Update)
		}
		five, p5 := count()
		if len(p1.Plans) != 1 || len(p5.Plans) != 5 {
			t.Fatalf("plans: %d then %d, want 1 then 5", len(p1.Plans), len(p5.Plans))
		}
		if five != one {
			t.Errorf("%d statements over one plan, %d over five", one, five)
		}
		t.Logf("%s: %d statements for a board's pack over 1 or 5 plans", d.Name, one)
	})
}
