package main

import (
	"context"
	"regexp"
	"strings"
	"testing"
)

func TestUserAndTokenCommands(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	c := newCLI(t)
	if code := c.run(ctx, "seed"); code != 0 {
		t.Fatalf("seed: %d %s", code, c.stderr)
	}
	c.stdin = "a long enough password\n"
	if code := c.run(ctx, "user", "add", "--email", "Lead@Example.test", "--name", "Lead One", "--role", "lead",
		"--lead", "DCO", "--lead", "SEND Advisor", "--password-stdin"); code != 0 {
		t.Fatalf("user add: %d %s", code, c.stderr)
	}
	if strings.Contains(c.stdout.String(), "a long enough password") {
		t.Fatal("the password read from stdin was echoed")
	}
	c.stdin = ""
	if code := c.run(ctx, "user", "add", "--email", "viewer@example.test", "--name", "V", "--role", "viewer"); code != 0 ||
		!strings.Contains(c.stdout.String(), "password (shown only once): ") {
		t.Fatalf("user add with a generated password: %d %q", code, c.stdout)
	}
	if code := c.run(ctx, "user", "list"); code != 0 || !strings.Contains(c.stdout.String(), "lead@example.test") ||
		!strings.Contains(c.stdout.String(), "leads: DCO; SEND Adviser") {
		t.Fatalf("user list: %q", c.stdout)
	}
	for _, bad := range [][]string{
		{"user", "add", "--email", "x@example.test", "--name", "X", "--role", "emperor"},
		{"user", "add", "--email", "lead@example.test", "--name", "X", "--role", "viewer"},
		{"user", "add", "--email", "y@example.test", "--name", "Y", "--role", "lead", "--lead", "Chief Wizard"},
		{"user", "set-password", "--email", "ghost@example.test"},
		{"user", "disable", "--email", "ghost@example.test"},
		{"token", "create", "--email", "ghost@example.test", "--name", "t"},
	} {
		if code := c.run(ctx, bad...); code != 1 || strings.Count(strings.TrimSpace(c.stderr.String()), "\n") != 0 {
			t.Errorf("%v: exit %d, stderr %q; want 1 and one line", bad, code, c.stderr)
		}
	}
	c.stdin = "short\n"
	if code := c.run(ctx, "user", "set-password", "--email", "lead@example.test", "--password-stdin"); code != 1 ||
		!strings.Contains(c.stderr.String(), "at least 12") {
		t.Fatalf("a short password: %d %q", code, c.stderr)
	}
	c.stdin = "202612020935\n"
	if code := c.run(ctx, "user", "set-password", "--email", "lead@example.test", "--password-stdin"); code != 1 ||
		!strings.Contains(c.stderr.String(), "only digits") {
		t.Fatalf("an all-digit password: %d %q", code, c.stderr)
	}
	if code := c.run(ctx, "token", "create", "--email", "lead@example.test", "--name", "script"); code != 0 ||
		!strings.HasPrefix(c.stdout.String(), "sbt_") {
		t.Fatalf("token create: %d %q", code, c.stdout)
	}
	c.stdin = "another long enough password\n"
	if code := c.run(ctx, "user", "set-password", "--email", "lead@example.test", "--password-stdin"); code != 0 ||
		!strings.Contains(c.stdout.String(), "their API tokens revoked") {
		t.Fatalf("set-password: %d %q", code, c.stdout)
	}
	if code := c.run(ctx, "user", "disable", "--email", "lead@example.test"); code != 0 {
		t.Fatalf("disable: %d %s", code, c.stderr)
	}
	if code := c.run(ctx, "user", "list", "--status", "disabled"); !regexp.MustCompile(`(?m)^lead@example.test +lead +disabled `).MatchString(c.stdout.String()) {
		t.Fatalf("list after disable: %d %q", code, c.stdout)
	}
	if code := c.run(ctx, "user"); code != 2 {
		t.Fatalf("user without a subcommand: %d", code)
	}
}
