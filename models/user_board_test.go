package models_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"sendboard/models"
	"sendboard/models/modeltest"
	"sendboard/seeds/seedtest"
)

func TestBoardMembership(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	modeltest.EachWith(t, seedtest.Seeded, func(t *testing.T, d modeltest.DB) {
		member, err := models.CreateUser(ctx, d.DB, models.NewUser{Email: "chair@example.test", Name: "Chair", Role: models.RoleBoard,
			Password: "correct horse battery", Boards: []string{"SEND Improvement Board", "send-health-forum", "SEND improvement board"}}, time.Now())
		if err != nil {
			t.Fatalf("create board member: %v", err)
		}
		if got := strings.Join(member.BoardNames(), "; "); got != "SEND Improvement Board; SEND Health Forum" {
			t.Fatalf("boards on create = %q", got)
		}

		_, err = models.CreateUser(ctx, d.DB, models.NewUser{Email: "x@example.test", Name: "X", Role: models.RoleBoard,
			Password: "correct horse battery", Boards: []string{"Board of Wizards"}}, time.Now())
		ie, ok := models.IsInvalid(err)
		if !ok || ie.Field != "board" || !strings.Contains(ie.Message, `"Board of Wizards"`) || !strings.Contains(ie.Message, "Schools Forum") {
			t.Fatalf("unknown board: %v; want an error naming it and listing the boards", err)
		}
		_, err = models.CreateUser(ctx, d.DB, models.NewUser{Email: "y@example.test", Name: "Y", Role: models.RoleLead,
			Password: "correct horse battery", Boards: []string{"Schools Forum"}}, time.Now())
		if ie, ok := models.IsInvalid(err); !ok || ie.Field != "board" {
			t.Fatalf("a lead given a board: %v; want an invalid board", err)
		}
		if n, _ := models.CountUsers(ctx, d.DB); n != 1 {
			t.Fatalf("%d users after the refused ones, want 1", n)
		}

		// The session lookup brings the boards with the lead roles: still two statements.
		tok, err := models.CreateSession(ctx, d.DB, member.ID, "", time.Now(), time.Hour)
		if err != nil {
			t.Fatal(err)
		}
		counter := modeltest.CountQueries(d.DB)
		u, err := models.SessionUser(ctx, d.DB, tok, time.Now(), time.Hour)
		if err != nil {
			t.Fatal(err)
		}
		if counter.N() != 2 {
			t.Errorf("session lookup took %d statements, want 2", counter.N())
		}
		if got := strings.Join(u.BoardNames(), "; "); got != "SEND Health Forum; SEND Improvement Board" {
			t.Errorf("session user's boards = %q", got)
		}
		api, _, err := models.CreateToken(ctx, d.DB, member.ID, "t")
		if err != nil {
			t.Fatal(err)
		}
		tu, err := models.TokenUser(ctx, d.DB, api, time.Now())
		if err != nil || len(tu.Boards) != 2 {
			t.Fatalf("token user boards = %v, %v", tu, err)
		}
		byEmail, err := models.FindUserByEmail(ctx, d.DB, "chair@example.test")
		if err != nil || len(byEmail.Boards) != 2 {
			t.Fatalf("user by email boards = %v, %v", byEmail, err)
		}

		var sib, schools models.Board
		d.DB.Where("slug = ?", "send-improvement-board").Take(&sib)
		d.DB.Where("slug = ?", "schools-forum").Take(&schools)
		if !u.MemberOfBoard(sib.ID) || u.MemberOfBoard(schools.ID) {
			t.Errorf("MemberOfBoard: improvement board %v, schools forum %v; want true, false", u.MemberOfBoard(sib.ID), u.MemberOfBoard(schools.ID))
		}
		governed := &models.Action{Boards: []models.Board{schools, sib}}
		other := &models.Action{Boards: []models.Board{schools}}
		if !u.GovernsAction(governed) || u.GovernsAction(other) || u.GovernsAction(&models.Action{}) {
			t.Error("GovernsAction: want true only for an action one of the member's boards monitors")
		}
		admin := &models.User{Role: models.RoleAdmin}
		if !admin.MemberOfBoard(schools.ID) || !admin.GovernsAction(other) || !admin.GovernsAction(&models.Action{}) {
			t.Error("an admin acts for every board")
		}
		viewerOnBoard := &models.User{Role: models.RoleViewer, Boards: []models.Board{sib}}
		disabled := *u
		disabled.Disabled = true
		if viewerOnBoard.MemberOfBoard(sib.ID) || disabled.MemberOfBoard(sib.ID) || disabled.GovernsAction(governed) {
			t.Error("only an enabled board-role user counts as a member")
		}
	})
}
