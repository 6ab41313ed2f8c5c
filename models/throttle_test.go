package models_test

import (
	"context"
	"testing"
	"time"

	"sendboard/models"
	"sendboard/models/modeltest"
)

func TestThrottleLocksAtTheLimitAndExpires(t *testing.T) {
	modeltest.Each(t, func(t *testing.T, d modeltest.DB) {
		ctx := context.Background()
		p := models.ThrottlePolicy{Limit: 3, Window: 10 * time.Minute, Lock: 15 * time.Minute}
		now := time.Date(2026, 11, 23, 9, 0, 0, 0, time.UTC)
		for i := 0; i < 2; i++ {
			if err := models.RecordFailure(ctx, d.DB, "email:a@b.test", p, now); err != nil {
				t.Fatal(err)
			}
		}
		n, locked, err := models.ThrottleState(ctx, d.DB, "email:a@b.test", p, now)
		if err != nil || n != 2 || locked != nil {
			t.Fatalf("after 2 failures: n=%d locked=%v err=%v", n, locked, err)
		}
		models.RecordFailure(ctx, d.DB, "email:a@b.test", p, now)
		if _, locked, _ = models.ThrottleState(ctx, d.DB, "email:a@b.test", p, now.Add(time.Minute)); locked == nil {
			t.Fatal("not locked at the limit")
		}
		if _, locked, _ = models.ThrottleState(ctx, d.DB, "email:a@b.test", p, now.Add(16*time.Minute)); locked != nil {
			t.Fatal("still locked after the lock period")
		}
		if n, _, _ := models.ThrottleState(ctx, d.DB, "email:other@b.test", p, now); n != 0 {
			t.Fatal("another key shares the count")
		}
		models.ResetThrottle(ctx, d.DB, "email:a@b.test")
		if n, _, _ := models.ThrottleState(ctx, d.DB, "email:a@b.test", p, now); n != 0 {
			t.Fatal("reset did not clear the count")
		}
	})
}

func TestUserRulesAndPasswords(t *testing.T) {
	modeltest.Each(t, func(t *testing.T, d modeltest.DB) {
		ctx := context.Background()
		bad := []struct {
			u     models.NewUser
			field string
		}{
			{models.NewUser{Email: "nope", Name: "N", Role: "viewer", Password: "long enough pw"}, "email"},
			{models.NewUser{Email: "a@b.test", Name: "N", Role: "king", Password: "long enough pw"}, "role"},
			{models.NewUser{Email: "a@b.test", Name: "N", Role: "viewer", Password: "short"}, "password"},
			{models.NewUser{Email: "a@b.test", Name: " ", Role: "viewer", Password: "long enough pw"}, "name"},
		}
		for _, b := range bad {
			_, err := models.CreateUser(ctx, d.DB, b.u)
			if ie, ok := models.IsInvalid(err); !ok || ie.Field != b.field {
				t.Errorf("%+v: got %v, want invalid %s", b.u, err, b.field)
			}
		}
		u, err := models.CreateUser(ctx, d.DB, models.NewUser{Email: "Lead@B.test", Name: "Lead", Role: "lead", Password: "long enough pw", Leads: []string{"SEND Advisor"}})
		if err == nil {
			t.Fatalf("a lead role that is not in an empty plan was accepted: %+v", u)
		}
		if _, err := models.CreateUser(ctx, d.DB, models.NewUser{Email: "Lead@B.test", Name: "Lead", Role: "lead", Password: "long enough pw"}); err != nil {
			t.Fatal(err)
		}
		var stored models.User
		d.DB.Where("email = ?", "lead@b.test").Take(&stored)
		if stored.PasswordHash == "" || stored.PasswordHash == "long enough pw" {
			t.Fatal("the password is not hashed")
		}
		if _, err := models.CheckPassword(ctx, d.DB, "LEAD@b.test", "long enough pw"); err != nil {
			t.Fatalf("right password refused: %v", err)
		}
		if _, err := models.CheckPassword(ctx, d.DB, "lead@b.test", "wrong password!"); err != models.ErrInvalidLogin {
			t.Fatalf("wrong password: %v", err)
		}
		if _, err := models.CheckPassword(ctx, d.DB, "ghost@b.test", "long enough pw"); err != models.ErrInvalidLogin {
			t.Fatalf("unknown email: %v", err)
		}
		if err := models.DisableUser(ctx, d.DB, "lead@b.test"); err != nil {
			t.Fatal(err)
		}
		if _, err := models.CheckPassword(ctx, d.DB, "lead@b.test", "long enough pw"); err != models.ErrInvalidLogin {
			t.Fatalf("disabled account signed in: %v", err)
		}
	})
}
