package models_test

import (
	"context"
	"errors"
	"testing"
	"time"

	"gorm.io/gorm"

	"sendboard/models"
	"sendboard/models/modeltest"
	"sendboard/seeds/seedtest"
)

func adminUser(t *testing.T, db *gorm.DB) *models.User {
	t.Helper()
	u, err := models.CreateUser(context.Background(), db, models.NewUser{Email: "admin@example.test", Name: "Ada Admin",
		Role: models.RoleAdmin, Password: "a long enough password"}, time.Now())
	if err != nil {
		t.Fatal(err)
	}
	return u
}

func field(err error) string {
	if ie, ok := models.IsInvalid(err); ok {
		return ie.Field
	}
	return ""
}

// An admin builds a second plan by hand: the plan, an area, a milestone, a
// board and a lead, then an action; the seeded plan stays the default until
// another is made default, and every change is audited.
func TestBuildAPlanByHand(t *testing.T) {
	t.Parallel()
	modeltest.EachWith(t, seedtest.Seeded, func(t *testing.T, d modeltest.DB) {
		ctx, db, now := context.Background(), d.DB, time.Date(2025, 4, 1, 9, 0, 0, 0, time.UTC)
		admin := adminUser(t, db)
		viewer := &models.User{ID: 99, Role: models.RoleViewer}
		in := models.PlanInput{Name: "Priority Action Plan 2025", Type: models.PlanPAP, StartDate: "2025-04-01", Partnership: "Dorset", LACode: "835"}
		if _, err := models.CreatePlan(ctx, db, viewer, in, now); !errors.Is(err, models.ErrForbidden) {
			t.Fatalf("a viewer creating a plan: %v, want forbidden", err)
		}
		for f, bad := range map[string]models.PlanInput{
			"name": {Type: "pap", StartDate: "2025-04-01"}, "type": {Name: "X", Type: "plan", StartDate: "2025-04-01"},
			"start_date": {Name: "X", Type: "pap", StartDate: "2025-02-30"}, "la_code": {Name: "X", Type: "pap", StartDate: "2025-04-01", LACode: "83"},
			"slug": {Name: "X", Slug: "dorset-wsoa-2019", Type: "pap", StartDate: "2025-04-01"},
		} {
			if _, err := models.CreatePlan(ctx, db, admin, bad, now); field(err) != f {
				t.Errorf("bad %s: got %v", f, err)
			}
		}
		plan, err := models.CreatePlan(ctx, db, admin, in, now)
		if err != nil {
			t.Fatal(err)
		}
		if plan.Slug != "priority-action-plan-2025" || plan.IsDefault || *plan.LACode != "835" {
			t.Errorf("plan = %+v", plan)
		}
		if def, _ := models.DefaultPlan(ctx, db); def.Slug != "dorset-wsoa-2019" {
			t.Errorf("default plan is %s, want the seeded one", def.Slug)
		}
		area, err := models.SaveArea(ctx, db, admin, plan.ID, 0, models.AreaInput{Code: "A", Title: "Joint commissioning", Owners: models.OwnerBoth}, now)
		if err != nil || area.Number != 1 {
			t.Fatalf("area: %+v %v", area, err)
		}
		if _, err := models.SaveArea(ctx, db, admin, plan.ID, 0, models.AreaInput{Code: "A", Title: "Again", Owners: models.OwnerHealth}, now); field(err) != "code" {
			t.Errorf("a second area A: %v", err)
		}
		if _, err := models.SaveArea(ctx, db, admin, plan.ID, 0, models.AreaInput{Code: "B", Title: "B", Owners: "parents"}, now); field(err) != "owners" {
			t.Errorf("unknown owner: %v", err)
		}
		ms, err := models.SaveMilestone(ctx, db, admin, plan.ID, 0, models.MilestoneInput{Label: "By March 2026", Due: "2026-03"}, now)
		if err != nil || ms.Section != 1 {
			t.Fatalf("milestone: %+v %v", ms, err)
		}
		board, err := models.SaveBoard(ctx, db, admin, 0, "  SEND Reform   Board ", now)
		if err != nil || board.Name != "SEND Reform Board" || board.Slug != "send-reform-board" {
			t.Fatalf("board: %+v %v", board, err)
		}
		if _, err := models.SaveBoard(ctx, db, admin, 0, "send improvement board", now); field(err) != "name" {
			t.Errorf("a board named like an existing one: %v", err)
		}
		sro, err := models.SaveLead(ctx, db, admin, 0, "Director of Children's Services", []string{"DCS"}, now)
		if err != nil {
			t.Fatal(err)
		}
		ref, err := models.LoadPlanReference(ctx, db, *plan)
		if err != nil {
			t.Fatal(err)
		}
		act := models.ActionInput{Number: "1.2", PriorityAreaID: area.ID, MilestoneID: ms.ID, Text: "Publish the local offer",
			SuccessCriteria: "80% of parents find it useful", SROID: sro.ID, BoardIDs: []uint{board.ID}}
		a, err := models.CreateAction(ctx, db, admin, ref, act, now, flagCfg)
		if err != nil {
			t.Fatal(err)
		}
		if a.Due != "2026-03" || a.DueOriginal != "2026-03" || a.Status != models.StatusNotStarted {
			t.Errorf("new action due %q original %q status %s", a.Due, a.DueOriginal, a.Status)
		}
		if _, err := models.CreateAction(ctx, db, admin, ref, act, now, flagCfg); field(err) != "number" {
			t.Errorf("a second 1.2: %v", err)
		}
		act.Number, act.MilestoneID, act.Due = "1.10", 0, "2026-01-31"
		if _, err := models.CreateAction(ctx, db, admin, ref, act, now, flagCfg); err != nil {
			t.Fatalf("an action without a milestone: %v", err)
		}
		act.Number, act.Due = "1.11", "31/01/2026"
		if _, err := models.CreateAction(ctx, db, admin, ref, act, now, flagCfg); field(err) != "due" {
			t.Errorf("bad due: %v", err)
		}
		got, err := models.FindAction(ctx, db, plan.ID, "1.2")
		if err != nil || got.SRO == nil || got.SRO.Name != sro.Name || len(got.Boards) != 1 || got.PriorityArea.Code != "A" {
			t.Fatalf("found %+v %v", got, err)
		}
		page, err := models.ListActionsRef(ctx, db, ref, models.ActionFilter{Limit: 10}, -1)
		if err != nil || len(page.Actions) != 2 || page.Actions[0].Number != "1.2" || page.Actions[1].SRO == nil || page.Actions[1].Milestone.ID != 0 {
			t.Fatalf("list of the new plan = %+v, %v", page.Actions, err)
		}
		plans, err := models.ListPlans(ctx, db)
		if err != nil || len(plans) != 2 || plans[0].Slug != "dorset-wsoa-2019" || plans[0].Actions != 60 || plans[1].Actions != 2 {
			t.Errorf("plans = %+v, %v", plans, err)
		}
		// Making the new plan the default moves the mark.
		in.IsDefault = true
		if _, err := models.UpdatePlan(ctx, db, admin, plan.Slug, in, now); err != nil {
			t.Fatal(err)
		}
		if def, _ := models.DefaultPlan(ctx, db); def.ID != plan.ID {
			t.Errorf("default plan is %s after making %s default", def.Slug, plan.Slug)
		}
		in.Status = models.PlanClosed
		if _, err := models.UpdatePlan(ctx, db, admin, plan.Slug, in, now); field(err) == "" {
			t.Errorf("closing the default plan: %v, want refused", err)
		}
		audit, err := models.PlanAudit(ctx, db, plan.ID, 100)
		if err != nil || len(audit) < 8 {
			t.Fatalf("plan audit: %d entries, %v", len(audit), err)
		}
		var edits int64
		db.Model(&models.AuditEntry{}).Where("kind IN ('board_create', 'lead_create')").Count(&edits)
		if edits != 3 { // board name; lead name and aliases
			t.Errorf("%d board and lead audit entries, want 3", edits)
		}
	})
}

// Revising a due date keeps the original and records who, when and why;
// retiring takes the action out of the counts and lists but keeps it.
func TestReviseDueAndRetire(t *testing.T) {
	t.Parallel()
	modeltest.EachWith(t, seedtest.Seeded, func(t *testing.T, d modeltest.DB) {
		ctx, db, now := context.Background(), d.DB, time.Date(2025, 1, 10, 9, 0, 0, 0, time.UTC)
		admin := adminUser(t, db)
		ref, _ := models.LoadReference(ctx, db)
		a, _ := models.FindAction(ctx, db, ref.Plan.ID, "1.2")
		if _, err := models.ReviseDue(ctx, db, admin, ref.Plan.ID, "1.2", "2025-03-31", "", a.Version, now, flagCfg); field(err) != "reason" {
			t.Errorf("no reason: %v", err)
		}
		if _, err := models.ReviseDue(ctx, db, admin, ref.Plan.ID, "1.2", "2025-03-31", "x", a.Version-1+5, now, flagCfg); err == nil {
			t.Error("an old version was accepted")
		}
		r1, err := models.ReviseDue(ctx, db, admin, ref.Plan.ID, "1.2", "2025-01-31", "Waiting for the new panel", a.Version, now, flagCfg)
		if err != nil {
			t.Fatal(err)
		}
		r2, err := models.ReviseDue(ctx, db, admin, ref.Plan.ID, "1.2", "2025-03-31", "Panel delayed again", r1.Version, now.Add(time.Hour), flagCfg)
		if err != nil {
			t.Fatal(err)
		}
		if r2.Due != "2025-03-31" || r2.DueOriginal != "2019-07" || r2.Version != a.Version+2 {
			t.Errorf("after two revisions: due %s, original %s, version %d", r2.Due, r2.DueOriginal, r2.Version)
		}
		if got := r2.DueText(); got != "due 31 March 2025 (revised from July 2019)" {
			t.Errorf("DueText = %q", got)
		}
		revs, _ := models.ListDueRevisions(ctx, db, a.ID, 10)
		if len(revs) != 2 || revs[0].FromDue != "2025-01-31" || revs[0].ToDue != "2025-03-31" || revs[0].Reason != "Panel delayed again" || revs[0].AuthorName != admin.Name {
			t.Errorf("revisions = %+v", revs)
		}
		before, _ := models.CountActions(ctx, db, ref.Plan.ID, models.ActionFilter{})
		if _, err := models.RetireAction(ctx, db, admin, ref.Plan.ID, "1.2", " ", r2.Version, now); field(err) != "reason" {
			t.Errorf("retire without reason: %v", err)
		}
		ret, err := models.RetireAction(ctx, db, admin, ref.Plan.ID, "1.2", "Merged into 1.3", r2.Version, now)
		if err != nil || !ret.Retired() || ret.RetiredReason != "Merged into 1.3" {
			t.Fatalf("retire: %+v %v", ret, err)
		}
		after, _ := models.CountActions(ctx, db, ref.Plan.ID, models.ActionFilter{})
		if after.Total != before.Total-1 || after.Retired != 1 || before.Retired != 0 {
			t.Errorf("counts before %d (%d retired), after %d (%d retired)", before.Total, before.Retired, after.Total, after.Retired)
		}
		list, _ := models.ListActionsRef(ctx, db, ref, models.ActionFilter{Limit: 200}, -1)
		for _, x := range list.Actions {
			if x.Number == "1.2" {
				t.Error("a retired action is still in the list")
			}
		}
		gone, _ := models.ListActionsRef(ctx, db, ref, models.ActionFilter{Limit: 200, Retired: true}, -1)
		if len(gone.Actions) != 1 || gone.Actions[0].Number != "1.2" || gone.Total != 1 {
			t.Errorf("retired list = %d actions (total %d)", len(gone.Actions), gone.Total)
		}
		if ups, _ := models.ListUpdates(ctx, db, a.ID, 10); len(ups) == 0 {
			t.Error("retiring lost the progress history")
		}
		if _, err := models.ReviseDue(ctx, db, admin, ref.Plan.ID, "1.2", "2025-05", "x", ret.Version, now, flagCfg); field(err) != "due" {
			t.Errorf("revising a retired action: %v", err)
		}
	})
}

// flagCfg is the flag rules' default configuration for the plan admin tests.
var flagCfg = models.FlagConfig{Location: time.UTC, UpdateOverdueDays: 90}
