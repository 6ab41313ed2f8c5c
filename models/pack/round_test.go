package pack_test

import (
	"context"
	"strconv"
	"testing"
	"time"

	"gorm.io/gorm"

	"sendboard/models"
	"sendboard/models/modeltest"
	"sendboard/models/pack"
	"sendboard/models/pack/packtest"
	"sendboard/models/round"
)

// roundFor inserts a round over the board's actions (every plan action when
// board is nil), all answered but unanswered of them.
func roundFor(t *testing.T, db *gorm.DB, board *models.Board, due string, meeting *string, unanswered int) *round.Round {
	t.Helper()
	owner, err := models.CreateUser(context.Background(), db, models.NewUser{Email: "chair" + due + "@example.test", Name: "Chair",
		Role: models.RoleAdmin, Password: "a long enough password"}, time.Now())
	if err != nil {
		t.Fatal(err)
	}
	plan, err := models.DefaultPlan(context.Background(), db)
	if err != nil {
		t.Fatal(err)
	}
	r := &round.Round{PlanID: plan.ID, Due: due, Meeting: meeting, Status: round.StatusOpen, OwnerID: owner.ID, OpenedAt: time.Now().UTC()}
	if board != nil {
		r.BoardID = &board.ID
	}
	if err := db.Omit("Plan", "Board", "Owner").Create(r).Error; err != nil {
		t.Fatal(err)
	}
	q := db.Model(&models.Action{}).Where("plan_id = ?", plan.ID)
	if board != nil {
		q = q.Where("id IN (SELECT action_id FROM action_boards WHERE board_id = ?)", board.ID)
	}
	var ids []uint
	q.Order("major, minor").Pluck("id", &ids)
	answered := time.Date(2025, 1, 10, 0, 0, 0, 0, time.UTC)
	for i, id := range ids {
		ra := round.Action{RoundID: r.ID, ActionID: id}
		if i >= unanswered {
			ra.AnsweredAt = &answered
		}
		if err := db.Create(&ra).Error; err != nil {
			t.Fatal(err)
		}
	}
	full, err := round.Find(context.Background(), db, r.ID)
	if err != nil {
		t.Fatal(err)
	}
	return full
}

func strp(s string) *string { return &s }

// A round makes the pack for its meeting: the quarter holding the meeting
// (or the due date without one), never later than today's, the round's board
// and plan (the whole plan for a round over a plan), and the pack's cover
// names the round with its answers as they stand.
func TestPackForRound(t *testing.T) {
	t.Parallel()
	modeltest.EachWith(t, packtest.Loaded, func(t *testing.T, d modeltest.DB) {
		ctx := context.Background()
		var sib models.Board
		d.DB.Where("name = ?", packtest.Board).Take(&sib)
		r := roundFor(t, d.DB, &sib, "2025-01-15", strp("2025-01-22"), 2)
		rp, err := pack.ForRound(ctx, d.DB, nil, r, packNow)
		if err != nil {
			t.Fatal(err)
		}
		if rp.Board != sib.Slug || rp.Plan != "dorset-wsoa-2019" || rp.Quarter.String() != "2024-25 Q4" || rp.CappedAtNow {
			t.Errorf("round pack = %+v", rp)
		}
		p, err := pack.Build(ctx, d.DB, pack.Request{Board: rp.Board, Plan: rp.Plan, Quarter: rp.Quarter, RoundID: r.ID}, packNow)
		if err != nil {
			t.Fatal(err)
		}
		var n int64
		d.DB.Model(&round.Action{}).Where("round_id = ?", r.ID).Count(&n)
		want := "Prepared for the SEND Improvement Board meeting on 22 January 2025. Update round: updates due 15 January 2025, " +
			strconv.Itoa(int(n)-2) + " of " + strconv.Itoa(int(n)) + " actions answered."
		if p.Round == nil || p.Round.Words() != want {
			t.Errorf("round words = %v, want %q", p.Round, want)
		}

		// A meeting in a quarter not yet begun gives today's quarter; no meeting, the due date's.
		later := roundFor(t, d.DB, &sib, "2025-09-01", strp("2025-10-02"), 0)
		if rp, _ := pack.ForRound(ctx, d.DB, nil, later, packNow); rp.Quarter.String() != "2025-26 Q1" || !rp.CappedAtNow {
			t.Errorf("future meeting: %s capped %v, want 2025-26 Q1", rp.Quarter, rp.CappedAtNow)
		}
		plan := roundFor(t, d.DB, nil, "2024-12-20", nil, 0)
		rp, _ = pack.ForRound(ctx, d.DB, nil, plan, packNow)
		if rp.Board != models.WholePlan || rp.Quarter.String() != "2024-25 Q3" || rp.MeetingOrDue != "2024-12-20" {
			t.Errorf("plan round: %+v", rp)
		}
		p, err = pack.Build(ctx, d.DB, pack.Request{Board: rp.Board, Plan: rp.Plan, Quarter: rp.Quarter, RoundID: plan.ID}, packNow)
		if err != nil || p.BoardName != models.WholePlanName || p.Round.Words() != "Update round: updates due 20 December 2024, 60 of 60 actions answered." {
			t.Errorf("plan round pack: %v %q", err, p.Round.Words())
		}
		if _, err := pack.Build(ctx, d.DB, pack.Request{Board: "all", Quarter: rp.Quarter, RoundID: 9999}, packNow); !isField(err, "round") {
			t.Errorf("unknown round: %v", err)
		}
	})
}
