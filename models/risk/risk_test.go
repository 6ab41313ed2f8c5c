package risk_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"gorm.io/gorm"

	"sendboard/models"
	"sendboard/models/modeltest"
	"sendboard/models/risk"
)

func TestMain(m *testing.M) { modeltest.Main(m) }

// world is a small plan built by hand: two boards, two leads, three actions.
type world struct {
	plan, otherPlan          uint
	boardA, boardB, boardOff uint
	dco, qa                  models.Lead
	admin, leadDCO, memberA  *models.User
}

func build(t *testing.T, db *gorm.DB) world {
	t.Helper()
	var w world
	exec := func(sql string, args ...any) {
		t.Helper()
		if err := db.Exec(sql, args...).Error; err != nil {
			t.Fatalf("%s: %v", sql, err)
		}
	}
	id := func(table, where string, args ...any) uint {
		t.Helper()
		var n uint
		if err := db.Table(table).Where(where, args...).Pluck("id", &n).Error; err != nil {
			t.Fatal(err)
		}
		return n
	}
	now := time.Date(2026, 1, 5, 9, 0, 0, 0, time.UTC)
	exec("INSERT INTO plans (slug, name, date, created_at) VALUES ('łódź', 'Łódź plan', ?, ?), ('dŵr', 'Dŵr plan', ?, ?)", now, now, now, now)
	w.plan, w.otherPlan = id("plans", "slug = ?", "łódź"), id("plans", "slug = ?", "dŵr")
	exec("INSERT INTO priority_areas (plan_id, number, code, title) VALUES (?, 1, '1', 'Aydın → outcomes')", w.plan)
	area := id("priority_areas", "plan_id = ?", w.plan)
	exec("INSERT INTO boards (name, slug) VALUES ('Board A', 'board-a'), ('Board B', 'board-b'), ('Board Off', 'board-off')")
	w.boardA, w.boardB, w.boardOff = id("boards", "slug = 'board-a'"), id("boards", "slug = 'board-b'"), id("boards", "slug = 'board-off'")
	exec("INSERT INTO leads (name, slug) VALUES ('DCO', 'dco'), ('QA ≥ Officer', 'qa-officer')")
	w.dco = models.Lead{ID: id("leads", "slug = 'dco'"), Name: "DCO"}
	w.qa = models.Lead{ID: id("leads", "slug = 'qa-officer'"), Name: "QA ≥ Officer"}
	// Triggers give each action its lead in action_leads.
	for i, lead := range []*uint{&w.dco.ID, &w.qa.ID, nil} {
		exec("INSERT INTO actions (plan_id, number, major, minor, priority_area_id, lead_id, status, created_at, updated_at) VALUES (?, ?, 1, ?, ?, ?, 'in_progress', ?, ?)",
			w.plan, "1."+string(rune('1'+i)), i+1, area, lead, now, now)
	}
	a1, a2 := id("actions", "number = '1.1'"), id("actions", "number = '1.2'")
	exec("INSERT INTO action_boards (action_id, board_id) VALUES (?, ?), (?, ?)", a1, w.boardA, a2, w.boardB)
	w.admin = &models.User{ID: 1, Name: "Admin Ŵ", Role: models.RoleAdmin}
	w.leadDCO = &models.User{ID: 2, Name: "Lead ı", Role: models.RoleLead, Leads: []models.Lead{w.dco}}
	w.memberA = &models.User{ID: 3, Name: "Member Ł", Role: models.RoleBoard, Boards: []models.Board{{ID: w.boardA}}}
	exec("INSERT INTO users (id, email, name, role, password_hash) VALUES (1, 'a@example.test', 'Admin Ŵ', 'admin', ''), (2, 'l@example.test', 'Lead ı', 'lead', ''), (3, 'm@example.test', 'Member Ł', 'board', '')")
	return w
}

func escalatedTo(t *testing.T, db *gorm.DB, plan, board uint) []string {
	t.Helper()
	list, n, err := risk.Escalated(context.Background(), db, plan, board, 10)
	if err != nil {
		t.Fatal(err)
	}
	if int(n) != len(list) {
		t.Fatalf("count %d, listed %d", n, len(list))
	}
	var out []string
	for _, r := range list {
		out = append(out, r.Title)
	}
	return out
}

// TestScoreAndEscalation: score is likelihood × impact; a risk at 4 × 4 is
// escalated to the boards of its actions only, at 3 × 4 it is not; one
// naming no action goes to every board governing the plan; a closed one to
// none; the plan's own threshold counts.
func TestScoreAndEscalation(t *testing.T) {
	t.Parallel()
	modeltest.Each(t, func(t *testing.T, d modeltest.DB) {
		ctx, w := context.Background(), build(t, d.DB)
		now := time.Date(2026, 1, 6, 10, 0, 0, 0, time.UTC)
		r, err := risk.Create(ctx, d.DB, w.leadDCO, w.plan, risk.Input{Title: "On 1.1 → Ł", Owner: "dco", Likelihood: 4, Impact: 4, Actions: []string{"1.1"}}, now)
		if err != nil {
			t.Fatal(err)
		}
		if r.Score != 16 || !r.Escalated || r.Owner != "DCO" || r.Kind != risk.KindRisk || r.Status != risk.StatusOpen {
			t.Fatalf("created: %+v", r)
		}
		if _, err := risk.Create(ctx, d.DB, w.admin, w.plan, risk.Input{Title: "Plan-wide ŵ", Owner: "a@example.test", Likelihood: 5, Impact: 3}, now); err != nil {
			t.Fatal(err)
		}
		if got := strings.Join(escalatedTo(t, d.DB, w.plan, w.boardA), "|"); got != "On 1.1 → Ł|Plan-wide ŵ" {
			t.Fatalf("board A: %q", got)
		}
		if got := strings.Join(escalatedTo(t, d.DB, w.plan, w.boardB), "|"); got != "Plan-wide ŵ" {
			t.Fatalf("board B: %q", got)
		}
		if got := escalatedTo(t, d.DB, w.plan, w.boardOff); len(got) != 0 {
			t.Fatalf("a board governing nothing in the plan: %q", got)
		}
		in := risk.InputOf(r)
		in.Likelihood, in.Reason = 3, "Fewer vacancies"
		if r, err = risk.Update(ctx, d.DB, w.leadDCO, w.plan, r.ID, in, now.Add(time.Hour)); err != nil {
			t.Fatal(err)
		}
		if r.Score != 12 || r.Escalated {
			t.Fatalf("at 3 × 4: %+v", r)
		}
		if got := strings.Join(escalatedTo(t, d.DB, w.plan, w.boardA), "|"); got != "Plan-wide ŵ" {
			t.Fatalf("board A after 3 × 4: %q", got)
		}
		if err := risk.SetThreshold(ctx, d.DB, w.admin, w.plan, 12, now.Add(90*time.Minute)); err != nil {
			t.Fatal(err)
		}
		if got := strings.Join(escalatedTo(t, d.DB, w.plan, w.boardA), "|"); got != "Plan-wide ŵ|On 1.1 → Ł" {
			t.Fatalf("board A at threshold 12: %q", got)
		}
		if err := risk.SetThreshold(ctx, d.DB, w.leadDCO, w.plan, 10, now); err != models.ErrForbidden {
			t.Fatalf("a lead set the threshold: %v", err)
		}
		in = risk.InputOf(r)
		in.Status, in.Reason = risk.StatusClosed, "Resolved"
		if _, err = risk.Update(ctx, d.DB, w.leadDCO, w.plan, r.ID, in, now.Add(2*time.Hour)); err != nil {
			t.Fatal(err)
		}
		if got := strings.Join(escalatedTo(t, d.DB, w.plan, w.boardA), "|"); got != "Plan-wide ŵ" {
			t.Fatalf("board A after closing: %q", got)
		}
		hist, err := risk.History(ctx, d.DB, r.ID)
		if err != nil {
			t.Fatal(err)
		}
		var got []string
		for _, h := range hist {
			got = append(got, h.Changed+":"+h.UserName+":"+h.Reason)
		}
		if strings.Join(got, "|") != "created:Lead ı:|score:Lead ı:Fewer vacancies|status:Lead ı:Resolved" {
			t.Fatalf("history: %q", got)
		}
	})
}

// TestWhoMayWrite: leads on the actions they lead, board members on plans
// their boards govern, admins anywhere, viewers never.
func TestWhoMayWrite(t *testing.T) {
	t.Parallel()
	modeltest.Each(t, func(t *testing.T, d modeltest.DB) {
		ctx, w := context.Background(), build(t, d.DB)
		now := time.Date(2026, 1, 6, 10, 0, 0, 0, time.UTC)
		viewer := &models.User{ID: 4, Role: models.RoleViewer}
		in := func(actions ...string) risk.Input {
			return risk.Input{Title: "R", Owner: "DCO", Likelihood: 2, Impact: 2, Actions: actions}
		}
		cases := []struct {
			name   string
			u      *models.User
			plan   uint
			in     risk.Input
			wantOK bool
		}{
			{"lead on an action they lead", w.leadDCO, w.plan, in("1.1"), true},
			{"lead on one they do not", w.leadDCO, w.plan, in("1.2"), false},
			{"lead naming no action", w.leadDCO, w.plan, in(), false},
			{"board member on their board's plan", w.memberA, w.plan, in("1.2"), true},
			{"board member on another plan", w.memberA, w.otherPlan, in(), false},
			{"admin anywhere", w.admin, w.otherPlan, in(), true},
			{"viewer", viewer, w.plan, in("1.1"), false},
		}
		for _, c := range cases {
			_, err := risk.Create(ctx, d.DB, c.u, c.plan, c.in, now)
			if c.wantOK && err != nil {
				t.Errorf("%s: %v", c.name, err)
			}
			if !c.wantOK && err != models.ErrForbidden {
				t.Errorf("%s: got %v, want forbidden", c.name, err)
			}
		}
	})
}

// TestInputProblems: every problem is named on its field at once and
// nothing is saved.
func TestInputProblems(t *testing.T) {
	t.Parallel()
	modeltest.Each(t, func(t *testing.T, d modeltest.DB) {
		ctx, w := context.Background(), build(t, d.DB)
		_, err := risk.Create(ctx, d.DB, w.admin, w.plan, risk.Input{Title: " ", Owner: "Nobody", Likelihood: 0, Impact: 6,
			TargetScore: new(int), ReviewBy: "2026-02-30", Kind: "worry", Status: "pending", Area: "Z"}, time.Now())
		fe, ok := models.AsFieldErrors(err)
		if !ok {
			t.Fatalf("got %v, want field errors", err)
		}
		var fields []string
		for _, e := range fe {
			fields = append(fields, e.Field)
		}
		if got := strings.Join(fields, " "); got != "title kind status likelihood impact target_score review_by owner area" {
			t.Fatalf("fields: %q", got)
		}
		var n int64
		d.DB.Table("risks").Count(&n)
		if n != 0 {
			t.Fatalf("%d risks saved", n)
		}
	})
}
