package models_test

import (
	"context"
	"errors"
	"fmt"
	"testing"
	"time"

	"sendboard/models"
	"sendboard/models/modeltest"
)

// TestOIDCLoginUsedOnceAndBound: a sign-in's state works once, only from the
// browser (pre-session) that started it, only for its provider and only
// before it expires; the nonce is kept as a hash and still checked.
func TestOIDCLoginUsedOnceAndBound(t *testing.T) {
	t.Parallel()
	modeltest.Each(t, func(t *testing.T, d modeltest.DB) {
		ctx := context.Background()
		now := time.Date(2027, 1, 14, 9, 0, 0, 0, time.UTC)
		start := func() (string, string) {
			st, nonce, err := models.StartOIDCLogin(ctx, d.DB, "dorset", "pre-Łódź", "verifier-ŵ", "/actions/1.2", now)
			if err != nil {
				t.Fatal(err)
			}
			return st, nonce
		}
		state, nonce := start()
		var stored models.OIDCLogin
		d.DB.Take(&stored)
		if stored.StateHash == state || stored.NonceHash == nonce || stored.PreSessionHash == "pre-Łódź" {
			t.Error("state, nonce or pre-session stored in the clear")
		}
		l, err := models.TakeOIDCLogin(ctx, d.DB, "dorset", state, "pre-Łódź", now.Add(time.Minute))
		if err != nil || l.Verifier != "verifier-ŵ" || l.NextPath != "/actions/1.2" || !l.NonceMatches(nonce) || l.NonceMatches("other") || l.NonceMatches("") {
			t.Fatalf("take: %+v %v", l, err)
		}
		if _, err := models.TakeOIDCLogin(ctx, d.DB, "dorset", state, "pre-Łódź", now.Add(time.Minute)); !errors.Is(err, models.ErrOIDCLoginDead) {
			t.Errorf("second use: %v", err)
		}
		for name, take := range map[string]func(string) error{
			"another browser": func(s string) error {
				_, err := models.TakeOIDCLogin(ctx, d.DB, "dorset", s, "pre-other", now)
				return err
			},
			"another provider": func(s string) error {
				_, err := models.TakeOIDCLogin(ctx, d.DB, "icb", s, "pre-Łódź", now)
				return err
			},
			"expired": func(s string) error {
				_, err := models.TakeOIDCLogin(ctx, d.DB, "dorset", s, "pre-Łódź", now.Add(models.OIDCLoginTTL+time.Second))
				return err
			},
		} {
			s, _ := start()
			if err := take(s); !errors.Is(err, models.ErrOIDCLoginDead) {
				t.Errorf("%s: %v", name, err)
			}
			// A refused state is spent too.
			if _, err := models.TakeOIDCLogin(ctx, d.DB, "dorset", s, "pre-Łódź", now); !errors.Is(err, models.ErrOIDCLoginDead) {
				t.Errorf("%s, then the right browser: %v", name, err)
			}
		}
		// Expired rows are cleared as new sign-ins start.
		models.StartOIDCLogin(ctx, d.DB, "dorset", "pre", "v", "", now.Add(time.Hour))
		var n int64
		d.DB.Model(&models.OIDCLogin{}).Count(&n)
		if n != 1 {
			t.Errorf("%d sign-ins kept, want 1", n)
		}

		// At most MaxOIDCLogins wait at once: starting one needs no account.
		later := now.Add(time.Hour)
		rows := make([]models.OIDCLogin, models.MaxOIDCLogins-1)
		for i := range rows {
			rows[i] = models.OIDCLogin{StateHash: fmt.Sprintf("s%d", i), NonceHash: "n", PreSessionHash: "p", Provider: "dorset",
				Verifier: "v", CreatedAt: later, ExpiresAt: later.Add(models.OIDCLoginTTL)}
		}
		if err := d.DB.CreateInBatches(rows, 500).Error; err != nil {
			t.Fatal(err)
		}
		if _, _, err := models.StartOIDCLogin(ctx, d.DB, "dorset", "pre", "v", "", later); !errors.Is(err, models.ErrTooManyOIDCLogins) {
			t.Errorf("beyond the bound: %v", err)
		}
		if _, _, err := models.StartOIDCLogin(ctx, d.DB, "dorset", "pre", "v", "", later.Add(models.OIDCLoginTTL+time.Second)); err != nil {
			t.Errorf("once they expired: %v", err)
		}
	})
}

// TestSSOSignInAccounts: a first sign-in creates the account with the role
// claims give, or pending without one; the identity then finds the account
// whatever its email becomes; a disabled account is refused; approval and
// refusal are decided once and audited.
func TestSSOSignInAccounts(t *testing.T) {
	t.Parallel()
	modeltest.Each(t, func(t *testing.T, d modeltest.DB) {
		ctx := context.Background()
		now := time.Date(2027, 1, 14, 9, 0, 0, 0, time.UTC)
		admin, err := models.CreateUser(ctx, d.DB, models.NewUser{Email: "admin@example.org", Name: "Admın", Role: models.RoleAdmin,
			Password: "correct horse battery staple"}, now)
		if err != nil {
			t.Fatal(err)
		}
		cl := models.SSOClaims{Provider: "dorset", DisplayName: "Dorset Council account", Subject: "s-1",
			Email: "Ada@Dorset.example", Name: "Ada Łovelace", Role: models.RoleViewer}
		u, out, err := models.SSOSignIn(ctx, d.DB, cl, now)
		if err != nil || !out.Created || out.Pending || u.Role != models.RoleViewer || u.Email != "ada@dorset.example" {
			t.Fatalf("first: %+v %+v %v", u, out, err)
		}
		cl.Email = "ada.lovelace@dorset.example" // renamed at the provider: the subject still finds her account, whose email stays
		u2, out, err := models.SSOSignIn(ctx, d.DB, cl, now)
		if err != nil || out.Created || out.Linked || u2.ID != u.ID {
			t.Errorf("again: %+v %+v %v", u2, out, err)
		}

		p, out, err := models.SSOSignIn(ctx, d.DB, models.SSOClaims{Provider: "dorset", DisplayName: "Dorset", Subject: "s-2",
			Email: "bob@dorset.example", Name: "Bob ı"}, now)
		if err != nil || !out.Pending || !p.Pending {
			t.Fatalf("pending: %+v %+v %v", p, out, err)
		}
		if pend, _ := models.ListPending(ctx, d.DB); len(pend) != 1 || pend[0].ID != p.ID {
			t.Errorf("pending list: %+v", pend)
		}
		if _, err := models.CheckPassword(ctx, d.DB, "bob@dorset.example", "anything at all"); err == nil {
			t.Error("a pending account signed in with a password")
		}
		if _, err := models.ApprovePending(ctx, d.DB, admin, p.ID, models.PendingApproval{Role: "emperor"}, now); err == nil {
			t.Error("approved as emperor")
		}
		if _, err := models.ApprovePending(ctx, d.DB, admin, p.ID, models.PendingApproval{Role: models.RoleLead}, now); err != nil {
			t.Fatal(err)
		}
		var conflict *models.ConflictError
		if _, err := models.RefusePending(ctx, d.DB, admin, p.ID, now); !errors.As(err, &conflict) {
			t.Errorf("refusing after approval: %v", err)
		}
		audit, _ := models.UserAudit(ctx, d.DB, "bob@dorset.example")
		if len(audit) < 2 || audit[0].AfterValue != "approved as lead" || audit[0].AuthorName != "Admın" {
			t.Errorf("audit: %+v", audit)
		}

		yes := true
		if _, _, err := models.UpdateUser(ctx, d.DB, admin, "ada@dorset.example", models.UserChange{Disabled: &yes}, now); err != nil {
			t.Fatal(err)
		}
		if _, _, err := models.SSOSignIn(ctx, d.DB, cl, now); !errors.Is(err, models.ErrAccountDisabled) {
			t.Errorf("disabled: %v", err)
		}
	})
}
