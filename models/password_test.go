package models_test

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"sendboard/models"
	"sendboard/models/modeltest"
)

func TestPasswordRules(t *testing.T) {
	t.Parallel()
	for p, want := range map[string]string{
		"short":                     "at least 12",
		"aaaaaaaaaaaaaaaa":          "one character repeated",
		"ééééééééééééé":             "one character repeated",
		"123456789012":              "only digits",
		"               ":           "only spaces",
		"\t\t\t\t\t\t\t\t\t\t\t\t":  "only spaces",
		"Password1234":              "commonly used",
		"qwerty 123456":             "commonly used",
		strings.Repeat("ab", 40):    "at most 72 bytes",
		"a long enough password":    "",
		"correct horse battery sta": "",
	} {
		err := models.ValidatePassword(p)
		if want == "" && err != nil || want != "" && (err == nil || !strings.Contains(err.Error(), want)) {
			t.Errorf("%q: %v, want %q", p, err, want)
		}
	}
}

// A new password ends the account's sessions and revokes its API tokens.
func TestSetPasswordRevokesSessionsAndTokens(t *testing.T) {
	t.Parallel()
	modeltest.Each(t, func(t *testing.T, d modeltest.DB) {
		ctx := context.Background()
		now := time.Date(2026, 12, 2, 9, 0, 0, 0, time.UTC)
		u, err := models.CreateUser(ctx, d.DB, models.NewUser{Email: "p@example.test", Name: "P", Role: "viewer", Password: "a long enough password"}, now)
		if err != nil {
			t.Fatal(err)
		}
		if !u.CreatedAt.Equal(now) {
			t.Fatalf("created at %v, want the caller's now", u.CreatedAt)
		}
		sess, _ := models.CreateSession(ctx, d.DB, u.ID, "", now, time.Hour)
		tok, _, _ := models.CreateToken(ctx, d.DB, u.ID, "script")
		if err := models.SetPassword(ctx, d.DB, "P@example.test", "another long passphrase", now); err != nil {
			t.Fatal(err)
		}
		if _, err := models.SessionUser(ctx, d.DB, sess, now, time.Hour); err == nil {
			t.Fatal("the session survived a new password")
		}
		if _, err := models.TokenUser(ctx, d.DB, tok, now); err == nil {
			t.Fatal("the API token survived a new password")
		}
		var revoked models.APIToken
		d.DB.Where("user_id = ?", u.ID).Take(&revoked)
		if revoked.RevokedAt == nil || !revoked.RevokedAt.Equal(now) {
			t.Fatalf("revoked at %v, want the caller's now", revoked.RevokedAt)
		}
		if err := models.SetPassword(ctx, d.DB, "ghost@example.test", "another long passphrase", now); !errors.Is(err, models.ErrNotFound) {
			t.Fatalf("unknown email: %v", err)
		}
	})
}

func TestUserRulesAndPasswords(t *testing.T) {
	t.Parallel()
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
			_, err := models.CreateUser(ctx, d.DB, b.u, time.Now())
			if ie, ok := models.IsInvalid(err); !ok || ie.Field != b.field {
				t.Errorf("%+v: got %v, want invalid %s", b.u, err, b.field)
			}
		}
		u, err := models.CreateUser(ctx, d.DB, models.NewUser{Email: "Lead@B.test", Name: "Lead", Role: "lead", Password: "long enough pw", Leads: []string{"SEND Advisor"}}, time.Now())
		if err == nil {
			t.Fatalf("a lead role that is not in an empty plan was accepted: %+v", u)
		}
		if _, err := models.CreateUser(ctx, d.DB, models.NewUser{Email: "Lead@B.test", Name: "Lead", Role: "lead", Password: "long enough pw"}, time.Now()); err != nil {
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
		if _, err := models.CheckPassword(ctx, d.DB, "lead@b.test", "wrong password!"); !errors.Is(err, models.ErrInvalidLogin) {
			t.Fatalf("wrong password: %v", err)
		}
		if _, err := models.CheckPassword(ctx, d.DB, "ghost@b.test", "long enough pw"); !errors.Is(err, models.ErrInvalidLogin) {
			t.Fatalf("unknown email: %v", err)
		}
		disabled := true
		if _, _, err := models.UpdateUser(ctx, d.DB, nil, "lead@b.test", models.UserChange{Disabled: &disabled}, time.Now()); err != nil {
			t.Fatal(err)
		}
		if _, err := models.CheckPassword(ctx, d.DB, "lead@b.test", "long enough pw"); !errors.Is(err, models.ErrInvalidLogin) {
			t.Fatalf("disabled account signed in: %v", err)
		}
	})
}
