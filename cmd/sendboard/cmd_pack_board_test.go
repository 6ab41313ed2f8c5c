package main

import (
	"context"
	"path/filepath"
	"strings"
	"testing"
)

// An unknown --board lists the boards pack accepts, in one line.
func TestPackUnknownBoardListsBoards(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	c := newCLI(t)
	if code := c.run(ctx, "seed"); code != 0 {
		t.Fatalf("seed: %d %s", code, c.stderr)
	}
	code := c.run(ctx, "pack", "--board", "Nowhere", "--quarter", "2024-25 Q4", "--out", filepath.Join(t.TempDir(), "x.html"))
	msg := c.stderr.String()
	if code != 1 || strings.Count(msg, "\n") != 1 || !strings.Contains(msg, `--board: there is no governance board "Nowhere"; use one of: "all" (the whole plan), `) {
		t.Fatalf("pack --board Nowhere: exit %d, stderr %q", code, msg)
	}
	for _, b := range []string{`"SEND Improvement Board"`, `"SEND Health Forum"`, `"Schools Forum"`} {
		if !strings.Contains(msg, b) {
			t.Errorf("the message does not list %s: %q", b, msg)
		}
	}
}
