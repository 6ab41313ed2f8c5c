package main

import (
	"context"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"sendboard/app/mailtest"
	"sendboard/models"
	"sendboard/models/modeltest"
	"sendboard/models/round"
)

// ssoFile writes a single sign-on file where dorset.example signs in with its
// provider only.
func ssoFile(t *testing.T) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), "sso.yaml")
	if err := os.WriteFile(p, []byte("providers:\n  - name: dorset\n    display_name: Sign in with Dorset → Łódź ≥ Işık\n    issuer: https://login.microsoftonline.com/tid/v2.0\n    client_id: c\n    client_secret_env: SECRET\n    domains: [dorset.example]\nlocal_passwords_off_domains: [dorset.example]\nbreak_glass_admin: admin@example.org\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	return p
}

// TestUserListShowsPending: `user list` has a status column, so accounts a
// first single sign-on left waiting show as pending, and --status narrows it.
func TestUserListShowsPending(t *testing.T) {
	t.Parallel()
	modeltest.Each(t, func(t *testing.T, d modeltest.DB) {
		ctx := context.Background()
		c := cliOn(d)
		if code := c.run(ctx, "seed"); code != 0 {
			t.Fatalf("seed: %d %s", code, c.stderr)
		}
		if _, out, err := models.SSOSignIn(ctx, d.DB, models.SSOClaims{Provider: "dorset", DisplayName: "Dorset", Subject: "s-ŵ",
			Email: "wyn@dorset.example", Name: "Ŵyn Işık"}, time.Now()); err != nil || !out.Pending {
			t.Fatalf("pending account: %+v %v", out, err)
		}
		if code := c.run(ctx, "user", "add", "--email", "lead@example.test", "--name", "Łucja", "--role", "lead", "--lead", "DCO"); code != 0 {
			t.Fatalf("user add: %d %s", code, c.stderr)
		}
		if code := c.run(ctx, "user", "list"); code != 0 || !regexp.MustCompile(`(?m)^wyn@dorset.example +- +pending +Ŵyn Işık$`).MatchString(c.stdout.String()) ||
			!regexp.MustCompile(`(?m)^lead@example.test +lead +active +Łucja — leads: DCO$`).MatchString(c.stdout.String()) {
			t.Fatalf("user list: %d %q %s", code, c.stdout, c.stderr)
		}
		if code := c.run(ctx, "user", "list", "--status", "pending"); code != 0 || strings.Count(c.stdout.String(), "\n") != 1 {
			t.Errorf("user list --status pending: %d %q", code, c.stdout)
		}
		if code := c.run(ctx, "user", "list", "--status", "waiting"); code == 0 || !strings.Contains(c.stderr.String(), "status") {
			t.Errorf("user list --status waiting: %d %q", code, c.stderr)
		}
	})
}

// TestUserAddInviteSSO: with the single sign-on file serve reads, inviting
// an address whose local passwords are off sends the provider's sign-in
// button, not a password link; other addresses still get the link.
func TestUserAddInviteSSO(t *testing.T) {
	t.Parallel()
	modeltest.Each(t, func(t *testing.T, d modeltest.DB) {
		ctx := context.Background()
		c := cliOn(d)
		c.vars["SENDBOARD_BASE_URL"] = "https://sb.example.org"
		if code := c.run(ctx, "seed"); code != 0 {
			t.Fatalf("seed: %d %s", code, c.stderr)
		}
		c.vars["SENDBOARD_OIDC_CONFIG"] = ssoFile(t)
		if code := c.run(ctx, "user", "add", "--email", "x@dorset.example", "--name", "X", "--role", "viewer", "--invite"); code != 1 ||
			!strings.Contains(c.stderr.String(), "SECRET") {
			t.Errorf("a single sign-on file with a mistake: exit %d, %q", code, c.stderr)
		}
		c.vars["SECRET"] = "Łs"
		if code := c.run(ctx, "user", "add", "--email", "ana@dorset.example", "--name", "Ana Ŵyn", "--role", "viewer", "--invite"); code != 0 {
			t.Fatalf("user add --invite: %d %s", code, c.stderr)
		}
		if out := c.stdout.String(); !strings.Contains(out, "no password") || !strings.Contains(out, "Sign in with Dorset → Łódź ≥ Işık") {
			t.Errorf("user add --invite in a single sign-on domain said %q", out)
		}
		if code := c.run(ctx, "user", "add", "--email", "ed@example.test", "--name", "Ed", "--role", "viewer", "--invite"); code != 0 ||
			!strings.Contains(c.stdout.String(), "works once, for 7 days") {
			t.Fatalf("user add --invite elsewhere: %d %q %s", code, c.stdout, c.stderr)
		}
		var kinds []string
		d.DB.Model(&round.Mail{}).Where("to_addr = ?", "ana@dorset.example").Pluck("kind", &kinds)
		if len(kinds) != 1 || kinds[0] != round.MailSSOInvite {
			t.Errorf("mail to ana: %v", kinds)
		}
		srv := mailtest.Start(t)
		c.vars["SENDBOARD_SMTP_URL"] = srv.URL()
		if code := c.run(ctx, "mail", "send"); code != 0 {
			t.Fatalf("mail send: %d %s", code, c.stderr)
		}
		var sso, pw int
		for _, m := range srv.Messages() {
			switch m.To[0] {
			case "ana@dorset.example":
				if strings.Contains(m.Text, "https://sb.example.org/login/oidc/dorset") && !strings.Contains(m.Text, "/password/") {
					sso++
				}
			case "ed@example.test":
				if regexp.MustCompile(`https://sb\.example\.org/password/[A-Za-z0-9_-]{40,}`).MatchString(m.Text) {
					pw++
				}
			}
		}
		if sso != 1 || pw != 1 {
			t.Errorf("delivered %d sign-in button(s) and %d password link(s), want 1 of each: %+v", sso, pw, srv.Messages())
		}
	})
}
