package models_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"gorm.io/gorm"

	"sendboard/models"
	"sendboard/models/modeltest"
	"sendboard/seeds/seedtest"
)

func ptr[T any](v T) *T { return &v }

// TestUpdateUserAuditsEveryChange changes each field of an account, checks the
// audit log holds each change with its values before and after, and that the
// rules (known names, board members on a board, one admin always) hold.
func TestUpdateUserAuditsEveryChange(t *testing.T) {
	t.Parallel()
	modeltest.EachWith(t, seedtest.Seeded, func(t *testing.T, d modeltest.DB) {
		ctx := context.Background()
		now := time.Date(2026, 12, 2, 10, 0, 0, 0, time.UTC)
		admin, err := models.CreateUser(ctx, d.DB, models.NewUser{Email: "admin@example.test", Name: "Ada Admin", Role: models.RoleAdmin, Password: "correct horse battery"}, time.Now())
		if err != nil {
			t.Fatal(err)
		}
		if _, err := models.CreateUser(ctx, d.DB, models.NewUser{Email: "lee@example.test", Name: "Lee", Role: models.RoleLead,
			Password: "correct horse battery", Leads: []string{"DCO"}}, time.Now()); err != nil {
			t.Fatal(err)
		}
		u, audit, err := models.UpdateUser(ctx, d.DB, admin, "lee@example.test", models.UserChange{Name: ptr("Lee Smith"),
			Role: ptr(models.RoleBoard), Leads: ptr([]string{"SEND Adviser"}), Boards: ptr([]string{"send-improvement-board", "SEND Health Forum"})}, now)
		if err != nil {
			t.Fatal(err)
		}
		got := map[string]string{}
		for _, e := range audit {
			got[e.Field] = e.BeforeValue + " -> " + e.AfterValue
		}
		want := map[string]string{"name": "Lee -> Lee Smith", "role": "lead -> board", "lead roles": "DCO -> SEND Adviser",
			"boards": " -> SEND Health Forum; SEND Improvement Board"}
		for k, v := range want {
			if got[k] != v {
				t.Errorf("audit of %s: %q, want %q", k, got[k], v)
			}
		}
		if len(got) != len(want) {
			t.Errorf("audit %v, want only %v", got, want)
		}
		stored, err := models.UserAudit(ctx, d.DB, "lee@example.test")
		if err != nil || len(stored) != 4 || stored[0].AuthorName != "Ada Admin" || stored[0].UserID == nil || *stored[0].UserID != admin.ID {
			t.Fatalf("stored audit %+v %v", stored, err)
		}
		if u.Name != "Lee Smith" || len(u.Boards) != 2 || len(u.Leads) != 1 {
			t.Errorf("after: %+v", u)
		}
		again, err := models.FindUserByEmail(ctx, d.DB, "lee@example.test")
		if err != nil || again.Role != models.RoleBoard || len(again.Boards) != 2 || again.Leads[0].Name != "SEND Adviser" {
			t.Fatalf("reloaded: %+v %v", again, err)
		}

		// Nothing changed: nothing audited.
		if _, audit, err := models.UpdateUser(ctx, d.DB, admin, "lee@example.test", models.UserChange{Name: ptr("Lee Smith")}, now); err != nil || len(audit) != 0 {
			t.Errorf("a no-op change: %d entries, %v", len(audit), err)
		}

		// Every problem at once, and unknown names list the valid ones.
		_, _, err = models.UpdateUser(ctx, d.DB, admin, "lee@example.test", models.UserChange{Name: ptr(" "),
			Leads: ptr([]string{"Chief Wizard"}), Boards: ptr([]string{"Moon Council"})}, now)
		fe, ok := models.AsFieldErrors(err)
		if !ok || len(fe) != 3 || !strings.Contains(err.Error(), `"Chief Wizard" is not a lead role in the plan; use one of: `) ||
			!strings.Contains(err.Error(), "DCO") || !strings.Contains(err.Error(), "SEND Improvement Board") {
			t.Fatalf("bad names: %v", err)
		}
		if _, _, err := models.UpdateUser(ctx, d.DB, admin, "lee@example.test", models.UserChange{Boards: ptr([]string{})}, now); err == nil ||
			!strings.Contains(err.Error(), "at least one board") {
			t.Errorf("a board member with no board: %v", err)
		}
		// Moving to a role that sits on no board gives up the seats, audited.
		_, audit, err = models.UpdateUser(ctx, d.DB, admin, "lee@example.test", models.UserChange{Role: ptr(models.RoleLead)}, now)
		if err != nil || len(audit) != 2 || audit[1].Field != "boards" || audit[1].AfterValue != "" {
			t.Errorf("board to lead: %+v %v", audit, err)
		}

		// Disabling ends sessions; the only admin cannot be disabled or demoted.
		lee, _ := models.FindUserByEmail(ctx, d.DB, "lee@example.test")
		sess, _ := models.CreateSession(ctx, d.DB, lee.ID, "127.0.0.1", now, time.Hour)
		if _, _, err := models.UpdateUser(ctx, d.DB, admin, "lee@example.test", models.UserChange{Disabled: ptr(true)}, now); err != nil {
			t.Fatal(err)
		}
		if _, err := models.SessionUser(ctx, d.DB, sess, now, time.Hour); err == nil {
			t.Error("a disabled user's session still works")
		}
		for _, ch := range []models.UserChange{{Disabled: ptr(true)}, {Role: ptr(models.RoleViewer)}} {
			if _, _, err := models.UpdateUser(ctx, d.DB, admin, "admin@example.test", ch, now); err == nil || !strings.Contains(err.Error(), "only enabled administrator") {
				t.Errorf("the last admin changed by %+v: %v", ch, err)
			}
		}
		if _, _, err := models.UpdateUser(ctx, d.DB, admin, "lee@example.test", models.UserChange{Disabled: ptr(false)}, now); err != nil {
			t.Fatal(err)
		}
		// An administrator's reset: the old password stops working and the
		// sessions end, with no new password for anyone to pass on.
		if _, err := models.CheckPassword(ctx, d.DB, "lee@example.test", "correct horse battery"); err != nil {
			t.Fatalf("before the reset: %v", err)
		}
		sess, _ = models.CreateSession(ctx, d.DB, lee.ID, "127.0.0.1", now, time.Hour)
		if err := d.DB.Transaction(func(tx *gorm.DB) error { return models.LockPassword(tx, lee, now) }); err != nil {
			t.Fatal(err)
		}
		if _, err := models.CheckPassword(ctx, d.DB, "lee@example.test", "correct horse battery"); err == nil {
			t.Error("the old password still signs in after the reset")
		}
		if _, err := models.SessionUser(ctx, d.DB, sess, now, time.Hour); err == nil {
			t.Error("a session outlived the reset")
		}
	})
}
