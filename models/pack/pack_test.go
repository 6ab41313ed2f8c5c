package pack_test

import (
	"context"
	"slices"
	"testing"
	"time"

	"sendboard/models"
	"sendboard/models/measure"
	"sendboard/models/modeltest"
	"sendboard/models/pack"
	"sendboard/models/pack/packtest"
	"sendboard/seeds"
	"sendboard/seeds/seedtest"
)

var packNow = time.Date(2025, 4, 10, 9, 0, 0, 0, time.UTC)

// expectedState is one governed action's state computed straight from the
// tables, independently of Build's windowed query.
type expectedState struct {
	Number, StatusText string
	Status, RAG        *string
	Section, Priority  int
}

func expectedCounts(t *testing.T, d modeltest.DB, board string, at time.Time) (pack.Counts, []string) {
	t.Helper()
	var rows []expectedState
	err := d.DB.Raw(`SELECT a.number, a.status_text, m.section, pa.number AS priority,
		(SELECT pu.status FROM progress_updates pu WHERE pu.action_id = a.id AND pu.update_date < ? ORDER BY pu.update_date DESC, pu.id DESC LIMIT 1) AS status,
		(SELECT pu.rag FROM progress_updates pu WHERE pu.action_id = a.id AND pu.update_date < ? ORDER BY pu.update_date DESC, pu.id DESC LIMIT 1) AS rag
		FROM actions a JOIN action_boards ab ON ab.action_id = a.id JOIN boards b ON b.id = ab.board_id
		JOIN milestones m ON m.id = a.milestone_id JOIN priority_areas pa ON pa.id = a.priority_area_id
		WHERE b.name = ? ORDER BY a.major, a.minor`, at, at, board).Scan(&rows).Error
	if err != nil {
		t.Fatal(err)
	}
	c := pack.Counts{ByStatus: map[string]int{}, ByRAG: map[string]int{}, ByPriority: map[int]int{}, ByMilestone: map[int]int{}}
	var numbers []string
	for _, r := range rows {
		status, rag := "", ""
		if r.Status != nil {
			status, rag = *r.Status, *r.RAG
		} else {
			status, _, _ = models.StatusFromDocument(r.StatusText)
		}
		c.Total++
		c.ByStatus[status]++
		c.ByRAG[rag]++
		c.ByMilestone[r.Section]++
		c.ByPriority[r.Priority]++
		numbers = append(numbers, r.Number)
	}
	return c, numbers
}

func sameCounts(t *testing.T, what string, got, want pack.Counts) {
	t.Helper()
	if got.Total != want.Total {
		t.Errorf("%s total = %d, want %d", what, got.Total, want.Total)
	}
	for _, m := range []struct {
		name      string
		got, want map[string]int
	}{{"status", got.ByStatus, want.ByStatus}, {"rag", got.ByRAG, want.ByRAG}} {
		for k, v := range m.want {
			if m.got[k] != v {
				t.Errorf("%s %s %q = %d, want %d", what, m.name, k, m.got[k], v)
			}
		}
	}
	for k, v := range want.ByMilestone {
		if got.ByMilestone[k] != v {
			t.Errorf("%s milestone %d = %d, want %d", what, k, got.ByMilestone[k], v)
		}
	}
	for k, v := range want.ByPriority {
		if got.ByPriority[k] != v {
			t.Errorf("%s priority %d = %d, want %d", what, k, got.ByPriority[k], v)
		}
	}
}

func TestBuildPackMatchesDatabase(t *testing.T) {
	t.Parallel()
	modeltest.EachWith(t, packtest.Loaded, func(t *testing.T, d modeltest.DB) {
		ctx := context.Background()
		f := packtest.Find(t, d.DB)
		q, _ := pack.ParseQuarter(packtest.Quarter)
		p, err := pack.Build(ctx, d.DB, pack.Request{Board: packtest.Board, Quarter: q}, packNow)
		if err != nil {
			t.Fatal(err)
		}
		wantNow, numbers := expectedCounts(t, d, packtest.Board, q.End())
		wantPrev, _ := expectedCounts(t, d, packtest.Board, q.Start())
		sameCounts(t, "now", p.Now, wantNow)
		sameCounts(t, "prev", p.Prev, wantPrev)
		if p.Now.ByRAG["red"] != 1 || p.Now.ByStatus[models.StatusComplete] < 1 {
			t.Errorf("fixture not reflected: %+v", p.Now)
		}

		// Every governed action, in numeric order.
		var got []string
		for i, a := range p.Actions {
			got = append(got, a.Number)
			if i > 0 && (a.Major < p.Actions[i-1].Major || a.Major == p.Actions[i-1].Major && a.Minor <= p.Actions[i-1].Minor) {
				t.Errorf("action %s follows %s", a.Number, p.Actions[i-1].Number)
			}
		}
		if !slices.Equal(got, numbers) || len(got) < 10 {
			t.Errorf("governed actions = %v, want %v", got, numbers)
		}

		// The appendix is exactly the board's updates dated in the quarter.
		var wantIDs []uint
		d.DB.Raw(`SELECT pu.id FROM progress_updates pu JOIN action_boards ab ON ab.action_id = pu.action_id
			JOIN boards b ON b.id = ab.board_id WHERE b.name = ? AND pu.update_date >= ? AND pu.update_date < ? ORDER BY pu.id`,
			packtest.Board, q.Start(), q.End()).Scan(&wantIDs)
		var gotIDs []uint
		for _, u := range p.Updates {
			gotIDs = append(gotIDs, u.ID)
			if u.Number == f.Outsider.Number {
				t.Errorf("appendix lists %s, which the board does not govern", u.Number)
			}
		}
		slices.Sort(gotIDs)
		if !slices.Equal(gotIDs, wantIDs) || len(gotIDs) != f.InQuarter {
			t.Errorf("appendix ids = %v, want %v (%d)", gotIDs, wantIDs, f.InQuarter)
		}

		// Exceptions: overdue initiations, then other flags, then red.
		rank := map[string]int{}
		for i, e := range p.Exceptions {
			rank[e.Action.Number] = i
			if i > 0 && slices.Contains(e.Action.Flags, models.FlagOverdueInitiation) &&
				!slices.Contains(p.Exceptions[i-1].Action.Flags, models.FlagOverdueInitiation) {
				t.Errorf("overdue initiation %s listed after a lesser exception", e.Action.Number)
			}
		}
		_, fok := rank[f.FlagNumber]
		ri, rok := rank[f.RedNumber]
		if !fok || !rok || !slices.Contains(p.Exceptions[ri].Reasons, "Rated red") {
			t.Errorf("exceptions lack flagged %s (%v) or red %s (%v)", f.FlagNumber, fok, f.RedNumber, rok)
		}
		for i := 1; i < len(p.Exceptions); i++ {
			if len(p.Exceptions[i].Action.Flags) > 0 && len(p.Exceptions[i-1].Action.Flags) == 0 {
				t.Errorf("flagged %s listed after %s, which is only rated red", p.Exceptions[i].Action.Number, p.Exceptions[i-1].Action.Number)
			}
		}
		for _, e := range p.Exceptions {
			if e.Action.Number == f.RedNumber && slices.Contains(e.Action.Flags, models.FlagUpdateOverdue) {
				t.Errorf("a flag raised after the quarter counted for %s", f.RedNumber)
			}
			if e.Action.Number == f.FlagNumber && !slices.Equal(e.Action.Flags, []string{models.FlagMilestonePassed}) {
				t.Errorf("%s flags at quarter end = %v, want only the unresolved milestone_passed", f.FlagNumber, e.Action.Flags)
			}
			if e.Action.Number == f.Governed[1].Number {
				t.Errorf("complete action %s listed as an exception: %v", e.Action.Number, e.Reasons)
			}
		}
		if len(p.KPIs) == 0 || !p.KPIs[0].HasFigures() || len(p.KPIs[0].Periods) != 8 || p.KPIs[0].Periods[7] != packtest.Quarter {
			t.Errorf("KPIs: %+v", p.KPIs)
		}
	})
}

func TestBuildPackEdgesAndErrors(t *testing.T) {
	t.Parallel()
	modeltest.EachWith(t, seedtest.SeededWithBenchmarks, func(t *testing.T, d modeltest.DB) {
		ctx := context.Background()
		d.DB.Create(&models.Board{Name: "Empty Board", Slug: "empty-board"})
		d.DB.Create(&measure.KPI{Code: "test.no_figures", Name: "No figures yet", Unit: "count", Frequency: "quarterly", Direction: "up", SortOrder: 99})
		q, _ := pack.ParseQuarter("2024-25 Q4")
		p, err := pack.Build(ctx, d.DB, pack.Request{Board: "empty-board", Quarter: q}, packNow)
		if err != nil {
			t.Fatal(err)
		}
		if len(p.Actions) != 0 || p.Now.Total != 0 || len(p.Updates) != 0 || p.BoardName != "Empty Board" {
			t.Errorf("empty board pack: %+v", p)
		}
		last := p.KPIs[len(p.KPIs)-1]
		if last.Code != "test.no_figures" || last.HasFigures() {
			t.Errorf("KPI without figures: %+v", last)
		}
		whole, err := pack.Build(ctx, d.DB, pack.Request{Board: "all", Quarter: q}, packNow)
		if err != nil || len(whole.Actions) != 60 || whole.BoardName != models.WholePlanName || len(whole.Updates) != 0 {
			t.Errorf("whole plan: %d actions, %d updates, %v", len(whole.Actions), len(whole.Updates), err)
		}
		if _, err := pack.Build(ctx, d.DB, pack.Request{Board: "No Such Board", Quarter: q}, packNow); !isField(err, "board") {
			t.Errorf("unknown board: %v", err)
		}
		for _, bad := range []string{"2024-25", "2024 Q4", "Q4 2024-25", ""} {
			if _, err := pack.ParseQuarter(bad); !isField(err, "quarter") {
				t.Errorf("ParsePackQuarter(%q) = %v, want an invalid quarter", bad, err)
			}
		}
	})
}

func isField(err error, field string) bool {
	ie, ok := models.IsInvalid(err)
	return ok && ie.Field == field
}

// The pack's query count does not grow with the number of actions.
func TestBuildPackQueriesBounded(t *testing.T) {
	t.Parallel()
	d := modeltest.SQLiteWith(t, packtest.Loaded)
	ctx := context.Background()
	q, _ := pack.ParseQuarter("2019-20 Q4")
	counter := modeltest.CountQueries(d.DB)
	if _, err := pack.Build(ctx, d.DB, pack.Request{Board: "all", Quarter: q}, packNow); err != nil {
		t.Fatal(err)
	}
	small := counter.N()
	if _, err := seeds.Synthetic(ctx, d.DB, 300); err != nil {
		t.Fatal(err)
	}
	counter.Reset()
	p, err := pack.Build(ctx, d.DB, pack.Request{Board: "all", Quarter: q}, packNow)
	if err != nil {
		t.Fatal(err)
	}
	// 15, 4 more for the DfE measures the seeded actions are linked to, 9 for
	// the areas' highlight reports and 7 for the risks, decisions and RAG by period.
	if big := counter.N(); big != small || big > 35 {
		t.Errorf("queries: %d for the seeded plan, %d with 300 more actions", small, big)
	}
	if len(p.Actions) != 360 || len(p.Updates) == 0 {
		t.Errorf("synthetic pack: %d actions, %d updates", len(p.Actions), len(p.Updates))
	}
}

func TestPackDue(t *testing.T) {
	t.Parallel()
	london, _ := time.LoadLocation("Europe/London")
	cases := map[string]string{
		"2024-25 Q4": "2025-04-01", // a Tuesday
		"2023-24 Q4": "2024-04-02", // 1 April 2024 was Easter Monday
		"2022-23 Q3": "2023-01-03", // 1 January 2023 a Sunday: substitute Monday 2nd
		"2021-22 Q3": "2022-01-04", // 1 January 2022 a Saturday: substitute Monday 3rd
		"2024-25 Q1": "2024-07-01",
		"2025-26 Q2": "2025-10-01",
		"2019-20 Q1": "2019-07-01",
		"2020-21 Q2": "2020-10-01",
	}
	for qs, want := range cases {
		q, _ := models.ParsePeriod(qs)
		got := pack.Due(q, london)
		if got.Format("2006-01-02 15:04") != want+" 07:00" || got.Location() != london {
			t.Errorf("PackDue(%s) = %v, want %s 07:00 London", qs, got, want)
		}
	}
}
