package main

import (
	"context"
	"strings"
	"testing"

	"sendboard/models"
	"sendboard/models/modeltest"
)

// cliOn runs the command line against d (a SQLite file or a PostgreSQL schema).
func cliOn(d modeltest.DB) *cli {
	c := &cli{vars: map[string]string{"SENDBOARD_LOG_LEVEL": "warn"}}
	if d.Name == "postgres" {
		c.vars["DATABASE_URL"] = d.DSN
	} else {
		c.vars["SENDBOARD_SQLITE"] = d.DSN
	}
	return c
}

// TestUserSetLeadAndBoardLists changes an account from the command line, on
// both databases: each flag changes its field, every change is printed and
// audited, and the names the flags accept are those `lead list` and `board
// list` print; an unknown one lists them.
func TestUserSetLeadAndBoardLists(t *testing.T) {
	t.Parallel()
	modeltest.Each(t, func(t *testing.T, d modeltest.DB) {
		ctx := context.Background()
		c := cliOn(d)
		if code := c.run(ctx, "seed"); code != 0 {
			t.Fatalf("seed: %d %s", code, c.stderr)
		}
		if code := c.run(ctx, "lead", "list"); code != 0 || !strings.Contains(c.stdout.String(), "DCO\t(also: dco") ||
			!strings.Contains(c.stdout.String(), "SEND Adviser") {
			t.Fatalf("lead list: %d %q", code, c.stdout)
		}
		if code := c.run(ctx, "board", "list"); code != 0 ||
			!strings.Contains(c.stdout.String(), "SEND Improvement Board\t(also: send-improvement-board)\n") {
			t.Fatalf("board list: %d %q", code, c.stdout)
		}
		if code := c.run(ctx, "user", "add", "--email", "lee@example.test", "--name", "Lee", "--role", "lead", "--lead", "DCO"); code != 0 {
			t.Fatalf("user add: %d %s", code, c.stderr)
		}
		code := c.run(ctx, "user", "set", "--email", "LEE@example.test", "--name", "Lee Smith", "--role", "board",
			"--lead", "none", "--board", "SEND Improvement Board", "--board", "send-health-forum")
		out := c.stdout.String()
		if code != 0 || !strings.Contains(out, "lee@example.test: name: Lee → Lee Smith\n") || !strings.Contains(out, "role: lead → board") ||
			!strings.Contains(out, "lead roles: DCO → (none)") || !strings.Contains(out, "boards: (none) → SEND Health Forum; SEND Improvement Board") {
			t.Fatalf("user set: %d %q %q", code, out, c.stderr)
		}
		if code := c.run(ctx, "user", "set", "--email", "lee@example.test", "--disable"); code != 0 || !strings.Contains(c.stdout.String(), "account: enabled → disabled") {
			t.Fatalf("user set --disable: %d %q %q", code, c.stdout, c.stderr)
		}
		if code := c.run(ctx, "user", "set", "--email", "lee@example.test", "--enable"); code != 0 || !strings.Contains(c.stdout.String(), "account: disabled → enabled") {
			t.Fatalf("user set --enable: %d %q %q", code, c.stdout, c.stderr)
		}
		code = c.run(ctx, "user", "set", "--email", "lee@example.test", "--lead", "Chief Wizard")
		if msg := c.stderr.String(); code != 1 || !strings.Contains(msg, `"Chief Wizard" is not a lead role in the plan; use one of: `) ||
			!strings.Contains(msg, "DCO") || strings.Count(strings.TrimSpace(msg), "\n") != 0 {
			t.Fatalf("unknown lead: %d %q", code, msg)
		}
		for _, bad := range [][]string{{"user", "set", "--email", "lee@example.test"}, {"user", "set", "--name", "X"},
			{"user", "set", "--email", "lee@example.test", "--enable", "--disable"}} {
			if code := c.run(ctx, bad...); code != 2 {
				t.Errorf("%v: exit %d, want 2 (%s)", bad, code, c.stderr)
			}
		}
		if code := c.run(ctx, "user", "set", "--email", "ghost@example.test", "--name", "G"); code != 1 || !strings.Contains(c.stderr.String(), "no account") {
			t.Errorf("unknown email: %d %q", code, c.stderr)
		}
		c.stdin = "a long enough password\n"
		if code := c.run(ctx, "user", "set-password", "--email", "lee@example.test", "--password-stdin"); code != 0 {
			t.Fatalf("set-password: %d %s", code, c.stderr)
		}
		audit, err := models.UserAudit(ctx, d.DB, "lee@example.test")
		if err != nil || len(audit) != 7 || audit[0].Field != "password" || audit[0].AuthorName != models.CommandLineAuthor {
			t.Fatalf("audit: %+v %v", audit, err)
		}
	})
}

// TestWarnsBeforeCreatingSQLite: the first command on a missing SQLite file
// says it is creating a new database and where; later ones say nothing.
func TestWarnsBeforeCreatingSQLite(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	c := newCLI(t)
	if code := c.run(ctx, "migrate"); code != 0 || !strings.Contains(c.stderr.String(), "creating a new SQLite database there") ||
		!strings.Contains(c.stderr.String(), c.vars["SENDBOARD_SQLITE"]) {
		t.Fatalf("first migrate: %d %q", code, c.stderr)
	}
	if code := c.run(ctx, "migrate"); code != 0 || strings.Contains(c.stderr.String(), "creating a new") {
		t.Fatalf("second migrate: %d %q", code, c.stderr)
	}
}
