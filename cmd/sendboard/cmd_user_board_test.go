package main

import (
	"context"
	"strings"
	"testing"
)

func TestUserAddBoardMember(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	c := newCLI(t)
	if code := c.run(ctx, "seed"); code != 0 {
		t.Fatalf("seed: %d %s", code, c.stderr)
	}
	if code := c.run(ctx, "user", "add", "--email", "chair@example.test", "--name", "Chair", "--role", "board",
		"--board", "SEND Improvement Board", "--board", "Schools Forum"); code != 0 {
		t.Fatalf("user add --board: %d %s", code, c.stderr)
	}
	if code := c.run(ctx, "user", "list"); code != 0 || !strings.Contains(c.stdout.String(), "boards: ") || !strings.Contains(c.stdout.String(), "Schools Forum") || !strings.Contains(c.stdout.String(), "SEND Improvement Board") {
		t.Fatalf("user list: %d %q", code, c.stdout)
	}
	code := c.run(ctx, "user", "add", "--email", "b@example.test", "--name", "B", "--role", "board", "--board", "Board of Wizards")
	if msg := c.stderr.String(); code != 1 || !strings.Contains(msg, `"Board of Wizards" is not a governance board`) ||
		!strings.Contains(msg, "SEND Health Forum") || strings.Count(strings.TrimSpace(msg), "\n") != 0 {
		t.Fatalf("unknown board: exit %d, stderr %q; want 1 and one line listing the boards", code, msg)
	}
	if code := c.run(ctx, "user", "add", "--email", "b@example.test", "--name", "B", "--role", "board"); code != 2 ||
		!strings.Contains(c.stderr.String(), "--board") {
		t.Fatalf("board member without a board: exit %d, stderr %q", code, c.stderr)
	}
}
