package models_test

import (
	"context"
	"errors"
	"testing"
	"time"

	"sendboard/models"
	"sendboard/models/modeltest"
	"sendboard/seeds/seedtest"
)

// TestWholePlanPackNeedsABoardGoverningEveryAction: a board member may make
// their board's pack, but the whole plan's only when one of their boards
// governs every action of that plan; admins may make any.
func TestWholePlanPackNeedsABoardGoverningEveryAction(t *testing.T) {
	t.Parallel()
	modeltest.EachWith(t, seedtest.Seeded, func(t *testing.T, d modeltest.DB) {
		ctx := context.Background()
		now := time.Now()
		user := func(role string, boards ...string) *models.User {
			t.Helper()
			u, err := models.CreateUser(ctx, d.DB, models.NewUser{Email: role + time.Now().Format("150405.000000000") + "@example.test",
				Name: "Pack " + role, Role: role, Boards: boards, Password: "correct horse battery staple"}, now)
			if err != nil {
				t.Fatal(err)
			}
			return u
		}
		// A plan of two actions, both governed by the Schools Forum, one also by the SEND Health Forum.
		var forum, health models.Board
		d.DB.Where("name = ?", "Schools Forum").Take(&forum)
		d.DB.Where("name = ?", "SEND Health Forum").Take(&health)
		admin := user(models.RoleAdmin)
		plan, err := models.CreatePlan(ctx, d.DB, admin, models.PlanInput{Name: "Forum plan", Type: "other", StartDate: "2025-04-01"}, now)
		if err != nil {
			t.Fatal(err)
		}
		area, err := models.SaveArea(ctx, d.DB, admin, plan.ID, 0, models.AreaInput{Code: "1", Title: "Schools", Owners: "council"}, now)
		if err != nil {
			t.Fatal(err)
		}
		ref, err := models.LoadPlanReference(ctx, d.DB, *plan)
		if err != nil {
			t.Fatal(err)
		}
		for i, boards := range [][]uint{{forum.ID, health.ID}, {forum.ID}} {
			in := models.ActionInput{Number: []string{"1.1", "1.2"}[i], PriorityAreaID: area.ID, Text: "Forum action", BoardIDs: boards, Due: "2026-03"}
			if _, err := models.CreateAction(ctx, d.DB, admin, ref, in, now, models.FlagConfig{Location: time.UTC, UpdateOverdueDays: 90}); err != nil {
				t.Fatal(err)
			}
		}
		forumMember, healthMember := user(models.RoleBoard, "Schools Forum"), user(models.RoleBoard, "SEND Health Forum")
		sib := user(models.RoleBoard, "SEND Improvement Board")
		cases := []struct {
			who         *models.User
			board, plan string
			wantAllowed bool
		}{
			{forumMember, models.WholePlan, plan.Slug, true},   // the forum governs both actions
			{healthMember, models.WholePlan, plan.Slug, false}, // one of two
			{healthMember, "send-health-forum", plan.Slug, true},
			{sib, models.WholePlan, "", false}, // the seeded plan: no board governs all 60
			{forumMember, models.WholePlan, "", false},
			{sib, "send-improvement-board", "", true},
			{admin, models.WholePlan, "", true},
			{user(models.RoleViewer), models.WholePlan, plan.Slug, false},
		}
		for _, c := range cases {
			err := models.MayGeneratePack(ctx, d.DB, c.who, c.board, c.plan)
			if c.wantAllowed && err != nil || !c.wantAllowed && !errors.Is(err, models.ErrForbidden) {
				t.Errorf("%s (%s) making %s/%q: %v, want allowed=%v", c.who.Name, c.who.Role, c.board, c.plan, err, c.wantAllowed)
			}
		}
	})
}
