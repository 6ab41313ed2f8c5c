package highlight_test

import (
	"context"
	"encoding/json"
	"errors"
	"reflect"
	"testing"
	"time"

	"gorm.io/gorm"

	"sendboard/models"
	"sendboard/models/highlight"
	"sendboard/models/highlight/highlighttest"
	"sendboard/models/modeltest"
	"sendboard/models/pack/packtest"
)

func TestMain(m *testing.M) { modeltest.Main(m) }

func quarter(t *testing.T, s string) models.Period {
	t.Helper()
	p, err := models.ParsePeriod(s)
	if err != nil {
		t.Fatal(err)
	}
	return p
}

func build(t *testing.T, db *gorm.DB, w highlighttest.World, area *models.PriorityArea, period string) *highlight.Report {
	t.Helper()
	r, err := highlight.Build(context.Background(), db, &w.Plan, area, quarter(t, period))
	if err != nil {
		t.Fatal(err)
	}
	return r
}

// The figures are what the actions' history says at the quarter's end: the
// back-dated update counts by its date, the due date is the one in force
// then, a later update, revision, risk change or KPI revision does not
// count, and the other plan's actions with the same numbers stay out.
func TestNumbersFromHistory(t *testing.T) {
	t.Parallel()
	modeltest.Each(t, func(t *testing.T, d modeltest.DB) {
		other := highlighttest.Load(t, d.DB, "dŵr", "Dŵr ≥ plan")
		w := highlighttest.Load(t, d.DB, "łódź", "Łódź → plan")
		// The other plan's 1.4 finishes in Q2: it must not count here.
		if err := d.DB.Exec("INSERT INTO progress_updates (action_id, update_date, narrative, status, rag, author_name, created_at) VALUES (?, ?, 'other plan', 'complete', 'blue', 'x', ?)",
			other.Actions["1.4"], time.Date(2025, 8, 1, 0, 0, 0, 0, time.UTC), time.Date(2025, 8, 1, 0, 0, 0, 0, time.UTC)).Error; err != nil {
			t.Fatal(err)
		}
		r := build(t, d.DB, w, &w.Area, highlighttest.Quarter)

		// 1.1 complete in August; 1.2 amber by the back-dated update; 1.3 no
		// update, due December then; 1.4 due August, not complete; 1.5 in
		// progress, due March; 1.6 retired in June.
		if want := (highlight.Counts{Complete: 1, OnTrack: 1, Delayed: 2, NotStarted: 1, Total: 5}); r.Counts != want {
			t.Errorf("counts %+v, want %+v", r.Counts, want)
		}
		if want := (highlight.Counts{OnTrack: 4, NotStarted: 1, Total: 5}); r.Previous != want {
			t.Errorf("counts at the start %+v, want %+v", r.Previous, want)
		}
		if r.RAG != "amber" || !r.Calculated || r.PreviousRAG != "green" {
			t.Errorf("rag %q calculated %v previous %q, want amber, true, green", r.RAG, r.Calculated, r.PreviousRAG)
		}
		want := []highlight.Slip{
			{Kind: "due_revised", Action: "1.3", From: "2025-09", To: "2025-12", Reason: "Staff → moved 2025-09 to 2025-12", By: "Aylın Admin", On: "2025-08-01"},
			{Kind: "milestone_missed", Milestone: "Summer milestones → Awst", Due: "2025-08", Incomplete: 1},
		}
		if !reflect.DeepEqual(r.Slippage, want) {
			t.Errorf("slippage\n%+v, want\n%+v", r.Slippage, want)
		}
		var progress []string
		for _, p := range r.Progress {
			progress = append(progress, p.Action+" "+p.Status+" "+p.RAG+" "+p.Narrative)
		}
		if want := []string{"1.1 complete blue Done in August ≥ plan", "1.2 in_progress amber Back-dated: staff shortage in September",
			"1.5 in_progress green Still going well ŵ"}; !reflect.DeepEqual(progress, want) {
			t.Errorf("progress %q, want %q", progress, want)
		}
		var risks []string
		for _, x := range r.Risks {
			risks = append(risks, x.Title)
		}
		if want := []string{"Therapy waits → ≥ 20 weeks", "Ŵ staff turnover"}; !reflect.DeepEqual(risks, want) || r.Risks[0].Score != 20 {
			t.Errorf("risks %q (%+v), want %q with the first at 20", risks, r.Risks, want)
		}
		var qs []string
		for _, x := range r.Decisions {
			qs = append(qs, x.Question+" "+x.Action)
		}
		if want := []string{"Fund the early help pilot ≥ £40k? ", "Extend 1.2 into spring? 1.2"}; !reflect.DeepEqual(qs, want) {
			t.Errorf("decisions %q, want %q", qs, want)
		}
		if len(r.KPIs) != 1 || r.KPIs[0].Value == nil || *r.KPIs[0].Value != 8 || r.KPIs[0].Movement != "better" {
			t.Errorf("kpis %+v, want Q2 at 8, better than 10", r.KPIs)
		}
		// Area 2 has its own numbers.
		r2 := build(t, d.DB, w, &w.OtherArea, highlighttest.Quarter)
		if r2.Counts.Total != 1 || r2.Counts.Delayed != 1 || r2.RAG != "red" {
			t.Errorf("area 2: %+v %q", r2.Counts, r2.RAG)
		}
	})
}

// A past report reads as it was: what is written for the next quarter and
// everything recorded after the quarter's end leave it unchanged.
func TestPastReportUnchanged(t *testing.T) {
	t.Parallel()
	modeltest.Each(t, func(t *testing.T, d modeltest.DB) {
		ctx := context.Background()
		w := highlighttest.Load(t, d.DB, "łódź", "Łódź → plan")
		q2 := quarter(t, highlighttest.Quarter)
		if _, err := highlight.Save(ctx, d.DB, w.SRO, &w.Plan, &w.Area, q2, highlight.Input{RAG: "amber", Reason: "Staff → short ≥ 2", ForecastRAG: "green", NextSteps: "Recruit ŵ"}, time.Date(2025, 10, 3, 9, 0, 0, 0, time.UTC)); err != nil {
			t.Fatal(err)
		}
		before, _ := json.Marshal(build(t, d.DB, w, &w.Area, highlighttest.Quarter))
		q3 := q2.NextQuarter()
		if _, err := highlight.Save(ctx, d.DB, w.Admin, &w.Plan, &w.Area, q3, highlight.Input{RAG: "red", Reason: "Worse ı"}, highlighttest.Now); err != nil {
			t.Fatal(err)
		}
		later := highlighttest.Now
		if err := d.DB.Exec("INSERT INTO progress_updates (action_id, update_date, narrative, status, rag, author_name, created_at) VALUES (?, ?, 'later', 'complete', 'blue', 'x', ?)",
			w.Actions["1.4"], time.Date(2025, 10, 5, 0, 0, 0, 0, time.UTC), later).Error; err != nil {
			t.Fatal(err)
		}
		if err := d.DB.Exec("INSERT INTO due_revisions (action_id, from_due, to_due, reason, author_name, created_at) VALUES (?, '2025-08', '2026-06', 'later', 'x', ?)",
			w.Actions["1.4"], later).Error; err != nil {
			t.Fatal(err)
		}
		if err := d.DB.Exec("UPDATE actions SET due = '2026-06', due_original = '2025-08', retired_at = ? WHERE id = ?", later, w.Actions["1.2"]).Error; err != nil {
			t.Fatal(err)
		}
		if err := d.DB.Exec("UPDATE decisions SET status = 'decided', closed_at = ? WHERE closed_at IS NULL", later).Error; err != nil {
			t.Fatal(err)
		}
		if err := d.DB.Exec("INSERT INTO risk_history (risk_id, changed_at, user_name, changed, likelihood, impact, score, owner, status, kind) VALUES (?, ?, 'x', 'status', 1, 1, 1, 'x', 'closed', 'risk')", w.Risks["linked"], later).Error; err != nil {
			t.Fatal(err)
		}
		after, _ := json.Marshal(build(t, d.DB, w, &w.Area, highlighttest.Quarter))
		if string(before) != string(after) {
			t.Errorf("the Q2 report changed:\n%s\n%s", before, after)
		}
		r3 := build(t, d.DB, w, &w.Area, q3.String())
		if r3.PreviousRAG != "amber" || r3.RAG != "red" || r3.Calculated {
			t.Errorf("Q3: previous %q rag %q calculated %v", r3.PreviousRAG, r3.RAG, r3.Calculated)
		}
	})
}

// Who may write: the SRO of one of the area's actions, the lead of one, or
// an admin; not a lead of another area's action, a board member or a viewer.
// Amber and red need a reason; the period must have begun.
func TestWhoMayWrite(t *testing.T) {
	t.Parallel()
	modeltest.Each(t, func(t *testing.T, d modeltest.DB) {
		ctx := context.Background()
		w := highlighttest.Load(t, d.DB, "łódź", "Łódź → plan")
		q := quarter(t, highlighttest.Quarter)
		in := highlight.Input{RAG: "green", NextSteps: "Carry on → ŵ"}
		for name, c := range map[string]struct {
			u  *models.User
			ok bool
		}{"sro": {w.SRO, true}, "lead": {w.ActionLead, true}, "admin": {w.Admin, true},
			"other area's lead": {w.OtherLead, false}, "member": {w.Member, false}, "viewer": {w.Viewer, false}} {
			_, err := highlight.Save(ctx, d.DB, c.u, &w.Plan, &w.Area, q, in, highlighttest.Now)
			if c.ok != (err == nil) || (!c.ok && !errors.Is(err, models.ErrForbidden)) {
				t.Errorf("%s: %v, want allowed %v", name, err, c.ok)
			}
		}
		_, err := highlight.Save(ctx, d.DB, w.SRO, &w.Plan, &w.Area, q, highlight.Input{RAG: "red", ForecastRAG: "purple"}, highlighttest.Now)
		fe, ok := models.AsFieldErrors(err)
		if !ok || !fe.Has("reason") || !fe.Has("forecast_rag") {
			t.Errorf("red without a reason, purple forecast: %v", err)
		}
		_, err = highlight.Save(ctx, d.DB, w.SRO, &w.Plan, &w.Area, q.NextQuarter().NextQuarter().NextQuarter(), in, highlighttest.Now)
		if fe, ok := models.AsFieldErrors(err); !ok || !fe.Has("period") {
			t.Errorf("a future quarter: %v", err)
		}
		var n int64
		if err := d.DB.Table("audit_log").Where("kind = 'highlight_report' AND plan_id = ?", w.Plan.ID).Count(&n).Error; err != nil || n == 0 {
			t.Errorf("audit entries: %d, %v", n, err)
		}
		if _, err := highlight.Save(ctx, d.DB, w.Admin, &w.Plan, &w.Area, q, in, highlighttest.Now); err != nil {
			t.Fatal(err)
		}
		r := build(t, d.DB, w, &w.Area, highlighttest.Quarter)
		if r.WrittenBy != w.Admin.Name || r.Version != 4 || r.NextSteps != "Carry on → ŵ" || r.Calculated {
			t.Errorf("written by %q version %d steps %q", r.WrittenBy, r.Version, r.NextSteps)
		}
	})
}

// The plan's overview reads every area and quarter in the same number of
// statements however many updates there are.
func TestOverviewStatements(t *testing.T) {
	t.Parallel()
	modeltest.Each(t, func(t *testing.T, d modeltest.DB) {
		ctx := context.Background()
		w := highlighttest.Load(t, d.DB, "łódź", "Łódź → plan")
		q := quarter(t, highlighttest.Quarter)
		periods := []models.Period{q.NextQuarter(), q, q.Prev()}
		c := modeltest.CountQueries(d.DB)
		count := func() int64 {
			c.Reset()
			rows, err := highlight.Overview(ctx, d.DB, w.Plan.ID, periods)
			if err != nil {
				t.Fatal(err)
			}
			if len(rows) != 2 || rows[0].Cells[1].Counts.Total != 5 || rows[0].Cells[1].RAG != "amber" {
				t.Fatalf("overview %+v", rows)
			}
			return c.N()
		}
		n := count()
		for i := range 50 {
			if err := d.DB.Exec("INSERT INTO progress_updates (action_id, update_date, narrative, status, rag, author_name, created_at) VALUES (?, ?, 'more', 'in_progress', 'green', 'x', ?)",
				w.Actions["1.5"], time.Date(2025, 5, 3, 0, 0, 0, 0, time.UTC), highlighttest.Now.Add(time.Duration(i)*time.Second)).Error; err != nil {
				t.Fatal(err)
			}
		}
		if m := count(); m > n {
			t.Errorf("statements grew from %d to %d", n, m)
		}
	})
}

// The counts agree, action by action, with what the action page's RAG
// history (models.RAGHistory) and due-date history say at the quarter's end,
// on the seeded plan in the governance pack's fixture quarter and in the
// plan's first two quarters, when its milestones fell due.
func TestCountsAgreeWithRAGHistory(t *testing.T) {
	t.Parallel()
	modeltest.EachWith(t, packtest.Loaded, func(t *testing.T, d modeltest.DB) {
		for _, period := range []string{packtest.Quarter, "2019-20 Q1", "2019-20 Q2"} {
			agreeWithRAGHistory(t, d, quarter(t, period))
		}
	})
}

func agreeWithRAGHistory(t *testing.T, d modeltest.DB, q models.Period) {
	t.Helper()
	ctx := context.Background()
	var plan models.Plan
	if err := d.DB.Where("is_default = ?", true).Take(&plan).Error; err != nil {
		t.Fatal(err)
	}
	var areas []models.PriorityArea
	if err := d.DB.Where("plan_id = ?", plan.ID).Order("number").Find(&areas).Error; err != nil {
		t.Fatal(err)
	}
	reports, err := highlight.ForAreas(ctx, d.DB, areas, q)
	if err != nil {
		t.Fatal(err)
	}
	var all highlight.Counts
	for i, area := range areas {
		var actions []models.Action
		if err := d.DB.Where("priority_area_id = ?", area.ID).Find(&actions).Error; err != nil {
			t.Fatal(err)
		}
		var want highlight.Counts
		for _, a := range actions {
			if a.RetiredAt != nil && a.RetiredAt.Before(q.End()) {
				continue
			}
			status, _, _ := models.StatusFromDocument(a.StatusText)
			rag := ""
			hist, err := models.RAGHistory(ctx, d.DB, a.ID, q.End().Add(-time.Second))
			if err != nil {
				t.Fatal(err)
			}
			if len(hist) > 0 && hist[0].Period == q.String() && hist[0].Status != "" {
				status, rag = hist[0].Status, hist[0].RAG
			}
			revs, err := models.ListDueRevisions(ctx, d.DB, a.ID, 1000)
			if err != nil {
				t.Fatal(err)
			}
			due := a.Due
			for _, r := range revs { // newest first
				due = r.FromDue
				if r.CreatedAt.Before(q.End()) {
					due = r.ToDue
					break
				}
			}
			switch highlight.Standing(status, rag, due, q.End()) {
			case highlight.Complete:
				want.Complete++
			case highlight.OnTrack:
				want.OnTrack++
			case highlight.Delayed:
				want.Delayed++
			default:
				want.NotStarted++
			}
			want.Total++
		}
		if reports[i].Counts != want {
			t.Errorf("area %s: counts %+v, the action history says %+v", area.Code, reports[i].Counts, want)
		}
		all.Complete += want.Complete
		all.OnTrack += want.OnTrack
		all.Delayed += want.Delayed
		all.NotStarted += want.NotStarted
		all.Total += want.Total
	}
	if all.Total == 0 || all.Total != all.Complete+all.OnTrack+all.Delayed+all.NotStarted {
		t.Errorf("%s counts %+v", q, all)
	}
	t.Logf("%s, every area: %+v", q, all)
}
