package pack_test

import (
	"context"
	"reflect"
	"slices"
	"testing"
	"time"

	"sendboard/models"
	"sendboard/models/decision"
	"sendboard/models/modeltest"
	"sendboard/models/pack"
	"sendboard/models/pack/packtest"
)

func titles(rs []pack.Risk) []string {
	var out []string
	for _, r := range rs {
		out = append(out, r.Title)
	}
	return out
}

func questions(ds []pack.Decision) []string {
	var out []string
	for _, d := range ds {
		out = append(out, d.Question+" ["+d.Status+"]")
	}
	return out
}

func boardActions(bs []pack.BoardAction) []string {
	var out []string
	for _, b := range bs {
		out = append(out, b.Title+" ["+b.Status+"]")
	}
	return out
}

// TestPackBoardBusinessAsAtQuarterEnd: the board's pack lists the risks
// escalated to it (4 × 4 on its action, 3 × 5 plan-wide; not another board's
// 5 × 5), the heat map of its open risks, decisions open and decided, and its
// action log. Later edits leave the past quarter's pack as it was; the next
// quarter's shows the 4 × 4 risk out at 3 × 4 and the decisions taken since
// the last pack.
func TestPackBoardBusinessAsAtQuarterEnd(t *testing.T) {
	t.Parallel()
	modeltest.EachWith(t, packtest.Loaded, func(t *testing.T, d modeltest.DB) {
		ctx := context.Background()
		b := packtest.AddBusiness(t, d.DB)
		q4, _ := pack.ParseQuarter(packtest.Quarter)
		build := func(q models.Period, now time.Time) *pack.Pack {
			t.Helper()
			p, err := pack.Build(ctx, d.DB, pack.Request{Board: packtest.Board, Quarter: q}, now)
			if err != nil {
				t.Fatal(err)
			}
			return p
		}
		before := build(q4, packNow)
		bb := before.Board
		if got := titles(bb.Escalated); !slices.Equal(got, []string{"Therapy waits ≥ 18 weeks → Ŵ", "Funding gap ı"}) {
			t.Errorf("escalated = %q", got)
		}
		if bb.Threshold != 15 || bb.OpenRisks != 3 || bb.Heat[3][3] != 1 || bb.Heat[2][4] != 1 || bb.Heat[1][1] != 1 || bb.Heat[4][4] != 0 {
			t.Errorf("threshold %d, open %d, heat %v", bb.Threshold, bb.OpenRisks, bb.Heat)
		}
		if r := bb.Escalated[0]; r.Score != 16 || len(r.Actions) != 1 || r.Owner != "Chair Łucja Yılmaz" || r.Mitigation == "" {
			t.Errorf("4 × 4 risk: %+v", r)
		}
		if got := questions(bb.Required); !slices.Equal(got, []string{"Fund Łódź-style hubs → yes? [open]"}) {
			t.Errorf("required = %q", got)
		}
		if got := questions(bb.Decided); !slices.Equal(got, []string{"Adopt the ŵyr protocol? [decided]"}) || bb.Decided[0].Minute != "SIB/25/07" {
			t.Errorf("decided = %q", got)
		}
		if !bb.DecisionsSince.Equal(q4.Start()) {
			t.Errorf("log since %v, want the quarter's start with no earlier pack", bb.DecisionsSince)
		}
		if got := boardActions(bb.Actions); !slices.Equal(got, []string{"Chair to write to the ICB about therapy waits [open]", "Circulate the SEF → Şebnem [done]"}) ||
			!bb.Actions[0].Overdue {
			t.Errorf("board actions = %q (%+v)", got, bb.Actions)
		}
		if len(bb.RAGByPeriod) != len(before.Actions) || len(bb.RAGPeriods) == 0 || bb.RAGPeriods[len(bb.RAGPeriods)-1] != packtest.Quarter {
			t.Fatalf("RAG by period: %v, %d rows for %d actions", bb.RAGPeriods, len(bb.RAGByPeriod), len(before.Actions))
		}
		// The first governed action: amber in November, red in February.
		row := bb.RAGByPeriod[0]
		last := row.Cells[len(row.Cells)-1]
		if row.Action.ID != before.Actions[0].ID || last.RAG != "red" || row.Cells[len(row.Cells)-2].RAG != "amber" {
			t.Errorf("RAG row of %s: %+v", row.Action.Number, row.Cells)
		}
		if _, err := pack.Save(ctx, d.DB, before, nil, "Test", []pack.Rendering{{Format: pack.HTML, Content: []byte("x")}}); err != nil {
			t.Fatal(err)
		}

		packtest.EditLater(t, d.DB, b)
		again := build(q4, packNow)
		if !reflect.DeepEqual(again.Board, before.Board) {
			t.Errorf("the past pack changed after later edits:\nbefore %+v\nagain  %+v", before.Board, again.Board)
		}

		q1 := q4.NextQuarter()
		next := build(q1, time.Date(2025, 7, 10, 9, 0, 0, 0, time.UTC))
		nb := next.Board
		if got := titles(nb.Escalated); !slices.Equal(got, []string{"Funding gap ı"}) || nb.Threshold != 14 {
			t.Errorf("next quarter escalated = %q at threshold %d, want the 3 × 4 risk out", got, nb.Threshold)
		}
		if !nb.DecisionsSince.Equal(q4.End()) || len(nb.Required) != 0 {
			t.Errorf("next quarter: log since %v, required %q", nb.DecisionsSince, questions(nb.Required))
		}
		if got := questions(nb.Decided); !slices.Equal(got, []string{"Fund Łódź-style hubs → yes? [decided]", "Extend the pilot? [decided]"}) {
			t.Errorf("next quarter's log = %q", got)
		}
		if got := boardActions(nb.Actions); !slices.Equal(got, []string{"Chair to write to the ICB about therapy waits [done]"}) {
			t.Errorf("next quarter's board actions = %q", got)
		}
		if nb.Decided[0].Status != decision.StatusDecided || nb.Decided[0].Minute != "SIB/25/11" {
			t.Errorf("decision in the next log: %+v", nb.Decided[0])
		}
	})
}

// TestPackBoardQueriesBounded: the statements a board's pack takes do not
// grow with its risks and decisions.
func TestPackBoardQueriesBounded(t *testing.T) {
	t.Parallel()
	modeltest.EachWith(t, packtest.Loaded, func(t *testing.T, d modeltest.DB) {
		ctx := context.Background()
		b := packtest.AddBusiness(t, d.DB)
		q, _ := pack.ParseQuarter(packtest.Quarter)
		counter := modeltest.CountQueries(d.DB)
		if _, err := pack.Build(ctx, d.DB, pack.Request{Board: packtest.Board, Quarter: q}, packNow); err != nil {
			t.Fatal(err)
		}
		small := counter.N()
		packtest.AddMany(t, d.DB, b, 300, 100)
		counter.Reset()
		p, err := pack.Build(ctx, d.DB, pack.Request{Board: packtest.Board, Quarter: q}, packNow)
		if err != nil {
			t.Fatal(err)
		}
		if big := counter.N(); big != small {
			t.Errorf("statements: %d with a few risks and decisions, %d with 300 and 100 more", small, big)
		}
		if p.Board.OpenRisks < 300 || len(p.Board.Required) < 100 {
			t.Errorf("bulk not in the pack: %d open risks, %d decisions required", p.Board.OpenRisks, len(p.Board.Required))
		}
	})
}
