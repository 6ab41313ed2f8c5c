// Package highlighttest loads a plan whose first area has a known history
// around 2025-26 Q2 (July to September 2025), for highlight report tests: an
// update back-dated into the quarter, a due date revised into a later
// quarter, a milestone missed, risks and decisions that changed after the
// quarter, a KPI figure revised after it, and a retired action.
package highlighttest

import (
	"context"
	"testing"
	"time"

	"gorm.io/gorm"

	"sendboard/models"
)

// Quarter is the fixture's pinned quarter; Now is after it, in 2025-26 Q4.
const Quarter = "2025-26 Q2"

// Now is the time the fixture's tests run at.
var Now = time.Date(2026, 1, 12, 10, 0, 0, 0, time.UTC)

// Password signs in every fixture user.
const Password = "correct horse battery"

// World names what Load made.
type World struct {
	Plan              models.Plan
	Area, OtherArea   models.PriorityArea
	SRO, ActionLead   *models.User // SRO of 1.1; lead of 1.2
	OtherLead, Member *models.User // lead of an action in the other area only; a board member
	Viewer, Admin     *models.User
	Actions           map[string]uint // number → id
	Risks             map[string]uint // "high", "linked", "closed", "elsewhere"
}

// Load makes plan slug (with name) beside whatever the database holds. Its
// actions are numbered 1.1 to 1.6 in area 1 and 2.1 in area 2, so two plans
// loaded side by side have the same numbers. Users' emails and leads' names
// carry the slug.
func Load(t testing.TB, db *gorm.DB, slug, name string) World {
	t.Helper()
	ctx := context.Background()
	exec := func(sql string, args ...any) {
		t.Helper()
		if err := db.Exec(sql, args...).Error; err != nil {
			t.Fatalf("%s: %v", sql, err)
		}
	}
	id := func(table, where string, args ...any) uint {
		t.Helper()
		var n uint
		if err := db.Table(table).Where(where, args...).Limit(1).Pluck("id", &n).Error; err != nil || n == 0 {
			t.Fatalf("%s %s: %v (id %d)", table, where, err, n)
		}
		return n
	}
	d := func(s string) time.Time {
		v, err := time.Parse("2006-01-02 15:04", s)
		if err != nil {
			t.Fatal(err)
		}
		return v
	}
	created := d("2025-03-01 09:00")
	w := World{Actions: map[string]uint{}, Risks: map[string]uint{}}
	exec("INSERT INTO plans (slug, name, date, type, start_date, status, partnership, created_at) VALUES (?, ?, ?, 'wsoa', '2025-04-01', 'active', '', ?)",
		slug, name, created, created)
	if err := db.Where("slug = ?", slug).Take(&w.Plan).Error; err != nil {
		t.Fatal(err)
	}
	p := w.Plan.ID
	exec("INSERT INTO priority_areas (plan_id, number, code, title, owners) VALUES (?, 1, '1', 'Łączność → early help ≥ 95%', 'both'), (?, 2, '2', 'Ŵyr ıdentification', 'council')", p, p)
	w.Area.ID, w.OtherArea.ID = id("priority_areas", "plan_id = ? AND number = 1", p), id("priority_areas", "plan_id = ? AND number = 2", p)
	if err := db.Take(&w.Area, w.Area.ID).Error; err != nil {
		t.Fatal(err)
	}
	if err := db.Take(&w.OtherArea, w.OtherArea.ID).Error; err != nil {
		t.Fatal(err)
	}
	exec("INSERT INTO milestones (plan_id, section, label, due) VALUES (?, 1, 'Summer milestones → Awst', '2025-08')", p)
	ms := id("milestones", "plan_id = ?", p)
	leads := map[string]uint{}
	for _, l := range []string{"SRO", "Lead", "Other"} {
		n := l + " ŵ " + slug
		exec("INSERT INTO leads (name, slug) VALUES (?, ?)", n, models.Slugify(n))
		leads[l] = id("leads", "name = ?", n)
	}
	type act struct {
		number   string
		area     uint
		lead     string
		due, org string
		ms       bool
		retired  *time.Time
	}
	retired := d("2025-06-01 12:00")
	for i, a := range []act{
		{"1.1", w.Area.ID, "", "2025-08-31", "", true, nil},
		{"1.2", w.Area.ID, "Lead", "2026-03", "", false, nil},
		{"1.3", w.Area.ID, "", "2026-02", "2025-09", false, nil},
		{"1.4", w.Area.ID, "", "2025-08", "", true, nil},
		{"1.5", w.Area.ID, "", "2026-03", "2026-01", false, nil},
		{"1.6", w.Area.ID, "", "2025-12", "", false, &retired},
		{"2.1", w.OtherArea.ID, "Other", "2026-03", "", false, nil},
	} {
		var lead, sro, mid any
		if a.lead != "" {
			lead = leads[a.lead]
		}
		if a.number == "1.1" {
			sro = leads["SRO"]
		}
		if a.ms {
			mid = ms
		}
		major, minor := 1, i+1
		if a.area == w.OtherArea.ID {
			major, minor = 2, 1
		}
		exec(`INSERT INTO actions (plan_id, number, major, minor, priority_area_id, milestone_id, lead_id, sro_id, action_text, status, due, due_original, retired_at, retired_reason, created_at, updated_at)
VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 'not_started', ?, ?, ?, '', ?, ?)`,
			p, a.number, major, minor, a.area, mid, lead, sro, "Gweithredu "+a.number+" → Ł ı ŵ", a.due, a.org, a.retired, created, created)
		w.Actions[a.number] = id("actions", "plan_id = ? AND number = ?", p, a.number)
	}
	up := func(number, date, status, rag, narrative, at string) {
		t.Helper()
		exec("INSERT INTO progress_updates (action_id, update_date, narrative, status, rag, author_name, created_at) VALUES (?, ?, ?, ?, ?, 'Şebnem Yıldız', ?)",
			w.Actions[number], d(date), narrative, status, rag, d(at))
	}
	up("1.1", "2025-05-01 00:00", "in_progress", "green", "Started → Ł", "2025-05-01 10:00")
	up("1.1", "2025-08-10 00:00", "complete", "blue", "Done in August ≥ plan", "2025-08-10 10:00")
	up("1.2", "2025-05-02 00:00", "in_progress", "green", "Under way", "2025-05-02 10:00")
	// Back-dated: written in October about mid-September.
	up("1.2", "2025-09-15 00:00", "in_progress", "amber", "Back-dated: staff shortage in September", "2025-10-20 10:00")
	up("1.4", "2025-04-10 00:00", "in_progress", "green", "Begun", "2025-04-10 10:00")
	up("1.5", "2025-06-01 00:00", "in_progress", "green", "Going well", "2025-06-01 10:00")
	up("1.5", "2025-07-20 00:00", "in_progress", "green", "Still going well ŵ", "2025-07-20 10:00")
	up("2.1", "2025-07-01 00:00", "in_progress", "red", "Area 2 is red", "2025-07-01 10:00")
	rev := func(number, from, to, at string) {
		t.Helper()
		exec("INSERT INTO due_revisions (action_id, from_due, to_due, reason, author_name, created_at) VALUES (?, ?, ?, ?, 'Aylın Admin', ?)",
			w.Actions[number], from, to, "Staff → moved "+from+" to "+to, d(at))
	}
	rev("1.3", "2025-09", "2025-12", "2025-08-01 09:00") // into a later quarter, in Q2: slippage
	rev("1.3", "2025-12", "2026-02", "2025-11-01 09:00") // after Q2
	rev("1.5", "2026-01", "2026-03", "2025-07-05 09:00") // within Q4: not slippage

	risk := func(key string, area any, title string, created string, hist ...[3]any) {
		t.Helper()
		exec(`INSERT INTO risks (plan_id, area_id, kind, title, likelihood, impact, score, status, created_at, updated_at)
VALUES (?, ?, 'risk', ?, 1, 1, 1, 'open', ?, ?)`, p, area, title, d(created), d(created))
		w.Risks[key] = id("risks", "plan_id = ? AND title = ?", p, title)
		for _, h := range hist {
			exec(`INSERT INTO risk_history (risk_id, changed_at, user_name, changed, likelihood, impact, score, owner, status, kind)
VALUES (?, ?, 'Ł', 'score', 1, 1, ?, 'Owner ı', ?, 'risk')`, w.Risks[key], d(h[0].(string)), h[1], h[2])
		}
	}
	risk("high", w.Area.ID, "Therapy waits → ≥ 20 weeks", "2025-07-01 09:00",
		[3]any{"2025-07-01 09:00", 20, "open"}, [3]any{"2025-11-01 09:00", 6, "open"})
	risk("linked", nil, "Ŵ staff turnover", "2025-08-01 09:00", [3]any{"2025-08-01 09:00", 9, "open"})
	exec("INSERT INTO risk_actions (risk_id, action_id) VALUES (?, ?)", w.Risks["linked"], w.Actions["1.2"])
	risk("closed", w.Area.ID, "Closed in September", "2025-04-01 09:00",
		[3]any{"2025-04-01 09:00", 16, "open"}, [3]any{"2025-09-01 09:00", 16, "closed"})
	risk("elsewhere", w.OtherArea.ID, "Area 2 risk", "2025-04-01 09:00", [3]any{"2025-04-01 09:00", 25, "open"})
	risk("later", w.Area.ID, "Raised after the quarter", "2025-10-02 09:00", [3]any{"2025-10-02 09:00", 25, "open"})

	board := "Bwrdd " + slug
	exec("INSERT INTO boards (name, slug) VALUES (?, ?)", board, models.Slugify(board))
	b := id("boards", "name = ?", board)
	for _, number := range []string{"1.1", "1.2", "1.3", "1.4", "1.5", "1.6", "2.1"} {
		exec("INSERT INTO action_boards (action_id, board_id) VALUES (?, ?)", w.Actions[number], b)
	}
	dec := func(q string, area, action any, created string, closed any) {
		t.Helper()
		status := "open"
		if closed != nil {
			status = "decided"
			closed = d(closed.(string))
		}
		exec(`INSERT INTO decisions (board_id, question, recommendation, plan_id, area_id, action_id, status, raised_by, created_at, closed_at)
VALUES (?, ?, 'Agree → yes', ?, ?, ?, ?, 'Ł', ?, ?)`, b, q, p, area, action, status, d(created), closed)
	}
	dec("Fund the early help pilot ≥ £40k?", w.Area.ID, nil, "2025-08-01 09:00", nil)
	dec("Extend 1.2 into spring?", nil, w.Actions["1.2"], "2025-08-05 09:00", "2025-10-15 09:00")
	dec("Plan-wide: adopt the outcomes framework?", nil, nil, "2025-07-10 09:00", "2025-09-20 09:00")
	dec("Area 2 only?", w.OtherArea.ID, nil, "2025-08-01 09:00", nil)

	code := "EH-" + slug
	exec("INSERT INTO kpis (code, name, unit, frequency, direction) VALUES (?, 'Wait in weeks → ŵ', 'weeks', 'quarterly', 'down')", code)
	k := id("kpis", "code = ?", code)
	exec("INSERT INTO action_kpis (action_id, kpi_id, baseline_period, target_change_pct, direction) VALUES (?, ?, '2025-26 Q1', 10, 'down')", w.Actions["1.1"], k)
	fig := func(period string, sort, rev int, current bool, v float64, at string) {
		t.Helper()
		exec("INSERT INTO kpi_figures (kpi_id, period, period_sort, revision, current, value, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
			k, period, sort, rev, current, v, d(at))
	}
	fig("2025-26 Q1", 20251, 1, true, 10, "2025-07-20 09:00")
	fig("2025-26 Q2", 20252, 1, false, 8, "2025-09-25 09:00")
	fig("2025-26 Q2", 20252, 2, true, 12, "2025-11-01 09:00")

	mk := func(role, who string, leadsOf []string, boards []string) *models.User {
		t.Helper()
		var ls []string
		for _, l := range leadsOf {
			ls = append(ls, l+" ŵ "+slug)
		}
		u, err := models.CreateUser(ctx, db, models.NewUser{Email: who + "-" + models.Slugify(slug) + "@example.test", Name: who + " Ł " + slug,
			Role: role, Password: Password, Leads: ls, Boards: boards}, created)
		if err != nil {
			t.Fatalf("%s: %v", who, err)
		}
		return u
	}
	w.SRO = mk(models.RoleLead, "sro", []string{"SRO"}, nil)
	w.ActionLead = mk(models.RoleLead, "lead", []string{"Lead"}, nil)
	w.OtherLead = mk(models.RoleLead, "other", []string{"Other"}, nil)
	w.Member = mk(models.RoleBoard, "member", nil, []string{board})
	w.Viewer = mk(models.RoleViewer, "viewer", nil, nil)
	w.Admin = mk(models.RoleAdmin, "admin", nil, nil)
	return w
}
