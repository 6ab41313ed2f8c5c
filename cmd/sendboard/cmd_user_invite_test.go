package main

import (
	"context"
	"regexp"
	"strings"
	"testing"

	"sendboard/app/mailtest"
)

// TestUserAddInvite: --invite shows no password, queues an invitation whose
// link is on the base URL, and "mail send" delivers it over real SMTP.
func TestUserAddInvite(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	c := newCLI(t)
	c.vars["SENDBOARD_BASE_URL"] = "https://sb.example.org"
	if code := c.run(ctx, "seed"); code != 0 {
		t.Fatalf("seed: %d %s", code, c.stderr)
	}
	if code := c.run(ctx, "user", "add", "--email", "inv@example.test", "--name", "Ivy Invited", "--role", "lead", "--lead", "DCO", "--invite"); code != 0 {
		t.Fatalf("user add --invite: %d %s", code, c.stderr)
	}
	out := c.stdout.String()
	if strings.Contains(out, "password (shown only once)") || !strings.Contains(out, "invitation queued in the outbox, linking to https://sb.example.org") ||
		!strings.Contains(out, "waits in the outbox") {
		t.Fatalf("user add --invite said %q", out)
	}
	c.stdin = "a long enough password\n"
	if code := c.run(ctx, "user", "add", "--email", "x@example.test", "--name", "X", "--role", "viewer", "--invite", "--password-stdin"); code != 2 {
		t.Errorf("--invite with --password-stdin: exit %d, want 2", code)
	}
	srv := mailtest.Start(t)
	c.vars["SENDBOARD_SMTP_URL"] = srv.URL()
	if code := c.run(ctx, "mail", "send"); code != 0 {
		t.Fatalf("mail send: %d %s", code, c.stderr)
	}
	msgs := srv.Messages()
	if len(msgs) != 1 || msgs[0].To[0] != "inv@example.test" ||
		!regexp.MustCompile(`https://sb\.example\.org/password/[A-Za-z0-9_-]{40,}`).MatchString(msgs[0].Text) {
		t.Fatalf("delivered: %+v", msgs)
	}
}
