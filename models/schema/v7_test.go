package schema_test

import (
	"context"
	"testing"
	"time"

	"gorm.io/gorm"

	"sendboard/models"
	"sendboard/models/modeltest"
	"sendboard/models/schema"
)

// oldPlan fills a schema before migration 7 with a plan in the shape the seed
// loader wrote: two milestones, an area, a board, a lead, actions linked to
// boards, with progress, flags, comments and audit entries pointing at them.
func oldPlan(t *testing.T, db *gorm.DB) {
	t.Helper()
	at := time.Date(2019, 6, 30, 0, 0, 0, 0, time.UTC)
	stmts := []struct {
		sql  string
		args []any
	}{
		{"INSERT INTO plans (slug, name, date, created_at) VALUES ('old', 'Old plan', ?, ?)", []any{at, at}},
		{"INSERT INTO milestones (plan_id, section, label, due) VALUES (1, 1, '3 Month', '2019-07'), (1, 2, '6 Month', '2019-10')", nil},
		{"INSERT INTO priority_areas (plan_id, number, title) VALUES (1, 1, 'One'), (1, 2, 'Two')", nil},
		{"INSERT INTO boards (name, slug) VALUES ('Board', 'board')", nil},
		{"INSERT INTO leads (name, slug) VALUES ('DCO', 'dco')", nil},
		{`INSERT INTO actions (plan_id, number, major, minor, milestone_id, priority_area_id, lead_id, status, version, created_at, updated_at)
			VALUES (1, '1.1', 1, 1, 1, 1, 1, 'in_progress', 1, ?, ?), (1, '2.10', 2, 10, 2, 2, NULL, 'not_started', 1, ?, ?)`, []any{at, at, at, at}},
		{"INSERT INTO action_boards (action_id, board_id) VALUES (1, 1), (2, 1)", nil},
		{"INSERT INTO progress_updates (action_id, update_date, narrative, status, author_name, created_at) VALUES (1, ?, 'n', 'in_progress', 'x', ?)", []any{at, at}},
		{"INSERT INTO flags (action_id, kind, raised_at) VALUES (2, 'milestone_passed', ?)", []any{at}},
		{"INSERT INTO audit_log (action_id, author_name, kind, created_at) VALUES (1, 'x', 'edit', ?)", []any{at}},
	}
	for _, s := range stmts {
		if err := db.Exec(s.sql, s.args...).Error; err != nil {
			t.Fatalf("%s: %v", s.sql, err)
		}
	}
}

func TestMigration7KeepsThePlan(t *testing.T) {
	t.Parallel()
	modeltest.EachEmpty(t, func(t *testing.T, d modeltest.DB) {
		ctx := context.Background()
		if _, err := schema.MigrateUpTo(ctx, d.DB, 6); err != nil {
			t.Fatal(err)
		}
		oldPlan(t, d.DB)
		count := func(table string) int64 {
			var n int64
			if err := d.DB.Table(table).Count(&n).Error; err != nil {
				t.Fatal(err)
			}
			return n
		}
		tables := []string{"actions", "action_boards", "progress_updates", "flags", "audit_log", "milestones"}
		before := map[string]int64{}
		for _, tb := range tables {
			before[tb] = count(tb)
		}
		if _, err := schema.Migrate(ctx, d.DB); err != nil {
			t.Fatal(err)
		}
		for _, tb := range tables {
			if n := count(tb); n != before[tb] {
				t.Errorf("%s: %d rows after migration 7, %d before", tb, n, before[tb])
			}
		}
		var plan models.Plan
		if err := d.DB.Take(&plan).Error; err != nil {
			t.Fatal(err)
		}
		if !plan.IsDefault || plan.Type != models.PlanWSoA || plan.Status != models.PlanActive || plan.StartDate != "2019-06-30" {
			t.Errorf("plan after migration = %+v, want the default active wsoa starting 2019-06-30", plan)
		}
		var areas []models.PriorityArea
		d.DB.Order("number").Find(&areas)
		if len(areas) != 2 || areas[0].Code != "1" || areas[1].Code != "2" {
			t.Errorf("area codes = %+v, want 1 and 2", areas)
		}
		var acts []models.Action
		d.DB.Order("id").Find(&acts)
		if len(acts) != 2 || acts[0].Due != "2019-07" || acts[0].DueOriginal != "2019-07" || acts[1].Due != "2019-10" ||
			acts[1].MilestoneID == nil || *acts[1].MilestoneID != 2 || acts[0].LeadID == nil {
			t.Fatalf("actions after migration = %+v", acts)
		}
		// The milestone is optional now.
		free := models.Action{PlanID: 1, Number: "3.1", Major: 3, Minor: 1, PriorityAreaID: 1, Status: "not_started", Version: 1, Due: "2026-03-31"}
		if err := d.DB.Omit("Milestone", "PriorityArea", "Lead", "SRO", "Boards", "Flags").Create(&free).Error; err != nil {
			t.Fatalf("an action with no milestone: %v", err)
		}
		if free.ID != 3 {
			t.Errorf("new action id = %d, want 3 (the sequence carries on)", free.ID)
		}
		if free.DueOriginal != "2026-03-31" {
			t.Errorf("due_original = %q, want the first due date", free.DueOriginal)
		}
		// Foreign keys are still enforced on every connection of the pool.
		for i := 0; i < 4; i++ {
			if err := d.DB.Exec("INSERT INTO action_boards (action_id, board_id) VALUES (999, 1)").Error; err == nil {
				t.Fatal("a link to a missing action was accepted: foreign keys are off")
			}
		}
		if err := d.DB.Exec("INSERT INTO actions (plan_id, number, major, minor, priority_area_id, status) VALUES (1, '9.9', 9, 9, 999, 'x')").Error; err == nil {
			t.Error("an action in a missing area was accepted")
		}
		if err := d.DB.Exec("INSERT INTO actions (plan_id, number, major, minor, priority_area_id, status) VALUES (1, '1.1', 1, 1, 1, 'x')").Error; err == nil {
			t.Error("a second 1.1 in the plan was accepted")
		}
		// The revision triggers survived the rebuild.
		r0, _ := models.ReadRevisions(ctx, d.DB)
		d.DB.Exec("UPDATE actions SET rag = 'red' WHERE id = 1")
		r1, _ := models.ReadRevisions(ctx, d.DB)
		if r1.Scope(1) <= r0.Scope(1) {
			t.Error("updating an action no longer moves the plan revision")
		}
		d.DB.Exec("UPDATE plan_settings SET home = 'list'")
		if r2, _ := models.ReadRevisions(ctx, d.DB); r2.Scope(schema.ScopeReference) <= r1.Scope(schema.ScopeReference) {
			t.Error("changing the home page setting does not move the reference revision")
		}
		if d.Name == "sqlite" {
			var n int64
			d.DB.Raw("SELECT COUNT(*) FROM sqlite_master WHERE tbl_name = 'actions' AND name IN ('ix_action_order', 'ix_actions_sro', 'sb_rv_actions_UPDATE')").Scan(&n)
			if n != 3 {
				t.Errorf("%d of the actions' indexes and triggers found after the rebuild, want 3", n)
			}
		}
		if err := d.DB.Create(&models.Plan{Slug: "second", Name: "Second", Date: time.Now(), IsDefault: true}).Error; err == nil {
			t.Error("a second default plan was accepted")
		}
	})
}
