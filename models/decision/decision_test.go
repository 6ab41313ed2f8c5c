package decision_test

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"sendboard/models"
	"sendboard/models/decision"
	"sendboard/models/modeltest"
)

var now = time.Date(2026, 3, 20, 10, 0, 0, 0, time.UTC)

// people makes two boards and a user of each role on a migrated database:
// a member of the first board, a member of the second, a lead, a viewer and
// an admin.
func people(t *testing.T, d modeltest.DB) (models.Board, map[string]*models.User) {
	t.Helper()
	ctx := context.Background()
	own, other := models.Board{Name: "Bwrdd Gwella AAA – Ŵyn", Slug: "bwrdd"}, models.Board{Name: "Forum ≥ 2", Slug: "forum"}
	if err := d.DB.Create(&own).Error; err != nil {
		t.Fatal(err)
	}
	if err := d.DB.Create(&other).Error; err != nil {
		t.Fatal(err)
	}
	users := map[string]*models.User{}
	for name, nu := range map[string]models.NewUser{
		"member":    {Email: "chair@example.test", Name: "Łucja Dafŵdd", Role: models.RoleBoard, Boards: []string{own.Name}},
		"elsewhere": {Email: "other@example.test", Name: "Aylın Yılmaz", Role: models.RoleBoard, Boards: []string{other.Name}},
		"lead":      {Email: "lead@example.test", Name: "Ольга → Lead", Role: models.RoleLead},
		"viewer":    {Email: "viewer@example.test", Name: "王芳", Role: models.RoleViewer},
		"admin":     {Email: "admin@example.test", Name: "أحمد", Role: models.RoleAdmin},
	} {
		nu.Password = "correct horse battery"
		u, err := models.CreateUser(ctx, d.DB, nu, now)
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		users[name] = u
	}
	return own, users
}

func TestWhoMayRaiseAndDecide(t *testing.T) {
	t.Parallel()
	modeltest.Each(t, func(t *testing.T, d modeltest.DB) {
		board, u := people(t, d)
		for name, want := range map[string][2]bool{ // raise, decide
			"member": {true, true}, "admin": {true, true}, "lead": {true, false}, "elsewhere": {false, false}, "viewer": {false, false},
		} {
			if got := decision.CanRaise(u[name], board.ID); got != want[0] {
				t.Errorf("%s may raise: %v, want %v", name, got, want[0])
			}
			if got := decision.CanDecide(u[name], board.ID); got != want[1] {
				t.Errorf("%s may decide: %v, want %v", name, got, want[1])
			}
		}
		ctx := context.Background()
		if _, err := decision.Raise(ctx, d.DB, u["viewer"], board, decision.RaiseInput{Question: "Q?"}, now); !errors.Is(err, models.ErrForbidden) {
			t.Errorf("viewer raising: %v", err)
		}
		dec, err := decision.Raise(ctx, d.DB, u["lead"], board, decision.RaiseInput{Question: "Q?"}, now)
		if err != nil {
			t.Fatal(err)
		}
		in := decision.DecideInput{Decision: "Yes", Meeting: models.DateParts{Day: "19", Month: "3", Year: "2026"}}
		if _, err := decision.Decide(ctx, d.DB, u["lead"], board, dec.ID, in, now); !errors.Is(err, models.ErrForbidden) {
			t.Errorf("lead deciding: %v", err)
		}
		if _, err := decision.AddAction(ctx, d.DB, u["elsewhere"], board, decision.ActionInput{Title: "T", Owner: "O",
			Meeting: models.DateParts{Day: "19", Month: "3", Year: "2026"}}, now); !errors.Is(err, models.ErrForbidden) {
			t.Errorf("member of another board setting a board action: %v", err)
		}
	})
}

func TestDecisionLockedAndValidated(t *testing.T) {
	t.Parallel()
	modeltest.Each(t, func(t *testing.T, d modeltest.DB) {
		board, u := people(t, d)
		ctx := context.Background()
		_, err := decision.Raise(ctx, d.DB, u["member"], board, decision.RaiseInput{Question: strings.Repeat("Ŵ", decision.MaxQuestion+1),
			Area: "2", Meeting: models.DateParts{Day: "30", Month: "2", Year: "2026"}}, now)
		fe, ok := models.AsFieldErrors(err)
		if !ok || !fe.Has("question") || !fe.Has("area") || !fe.Has("meeting") {
			t.Fatalf("every problem at once: %v", err)
		}
		dec, err := decision.Raise(ctx, d.DB, u["member"], board, decision.RaiseInput{Question: "Agree → the ≥ 18 week target?"}, now)
		if err != nil {
			t.Fatal(err)
		}
		// A withdrawal needs no date; the decision is then locked.
		w, err := decision.Withdraw(ctx, d.DB, u["admin"], board, dec.ID, decision.DecideInput{Decision: "Superseded"}, now)
		if err != nil || w.Status != decision.StatusWithdrawn || w.MeetingDate != "" || w.ClosedBy != "أحمد" {
			t.Fatalf("withdraw: %+v, %v", w, err)
		}
		in := decision.DecideInput{Decision: "Yes", Meeting: models.DateParts{Day: "19", Month: "3", Year: "2026"}}
		var ce *models.ConflictError
		if _, err := decision.Decide(ctx, d.DB, u["member"], board, dec.ID, in, now); !errors.As(err, &ce) {
			t.Fatalf("deciding a withdrawn decision: %v, want a conflict", err)
		}
		got, err := decision.Find(ctx, d.DB, board.ID, dec.ID)
		if err != nil || got.Status != decision.StatusWithdrawn || got.Decision != "Superseded" {
			t.Errorf("after the refused decide: %+v, %v", got, err)
		}
		if _, err := decision.Find(ctx, d.DB, board.ID+1, dec.ID); !errors.Is(err, models.ErrNotFound) {
			t.Errorf("another board's decision: %v", err)
		}
	})
}

func TestBoardActionsOpenFirst(t *testing.T) {
	t.Parallel()
	modeltest.Each(t, func(t *testing.T, d modeltest.DB) {
		board, u := people(t, d)
		ctx := context.Background()
		meeting := models.DateParts{Day: "19", Month: "3", Year: "2026"}
		var ids []uint
		for _, title := range []string{"First", "Second", "Third"} {
			a, err := decision.AddAction(ctx, d.DB, u["member"], board, decision.ActionInput{Title: title, Owner: "lead@example.test", Meeting: meeting}, now)
			if err != nil {
				t.Fatal(err)
			}
			if a.OwnerID == nil || a.Owner != "Ольга → Lead" {
				t.Errorf("owner given by email: %+v", a)
			}
			ids = append(ids, a.ID)
		}
		if _, err := decision.MarkDone(ctx, d.DB, u["admin"], board, ids[0], now); err != nil {
			t.Fatal(err)
		}
		all, err := decision.ListActions(ctx, d.DB, board.ID, false, 10)
		if err != nil {
			t.Fatal(err)
		}
		var order []string
		for _, a := range all.Items {
			order = append(order, a.Title+":"+a.Status)
		}
		if got := strings.Join(order, " "); got != "Second:open Third:open First:done" || all.Open != 2 || all.Done != 1 {
			t.Errorf("list %q (%d open, %d done)", got, all.Open, all.Done)
		}
		open, err := decision.ListActions(ctx, d.DB, board.ID, true, 1)
		if err != nil || len(open.Items) != 1 || open.Items[0].Title != "Second" || open.Open != 2 {
			t.Errorf("open, limited to 1: %+v, %v", open, err)
		}
		_, err = decision.AddAction(ctx, d.DB, u["member"], board, decision.ActionInput{Title: "Later", Owner: "Chair",
			Meeting: models.DateParts{Day: "21", Month: "3", Year: "2026"}}, now)
		if fe, ok := models.AsFieldErrors(err); !ok || !fe.Has("meeting_date") {
			t.Errorf("a meeting in the future: %v", err)
		}
	})
}

func TestMain(m *testing.M) { modeltest.Main(m) }
