package main

import (
	"context"
	"strings"
	"testing"
)

// meeting open opens a board's meeting as the command line or as a member,
// refuses a second on the same day, an unknown board, a member of another
// board and a date that is not one, each on one line.
func TestMeetingOpen(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	c := newCLI(t)
	if code := c.run(ctx, "seed"); code != 0 {
		t.Fatalf("seed: %d %s", code, c.stderr)
	}
	if code := c.run(ctx, "user", "add", "--email", "chair@example.test", "--name", "Łucja Yılmaz", "--role", "board", "--board", "SEND Improvement Board"); code != 0 {
		t.Fatalf("user add: %d %s", code, c.stderr)
	}
	code := c.run(ctx, "meeting", "open", "--board", "SEND Improvement Board", "--date", "2027-01-22")
	if out := c.stdout.String(); code != 0 || !strings.Contains(out, "opened meeting 1: SEND Improvement Board, 22 January 2027") || !strings.Contains(out, "/meetings/1") {
		t.Fatalf("meeting open: %d %q %q", code, c.stdout, c.stderr)
	}
	if code := c.run(ctx, "meeting", "open", "--board", "send-improvement-board", "--date", "2027-03-19", "--by", "chair@example.test"); code != 0 ||
		!strings.Contains(c.stdout.String(), "opened meeting 2") {
		t.Fatalf("meeting open by a member: %d %q %q", code, c.stdout, c.stderr)
	}
	for _, bad := range []struct {
		args []string
		want string
	}{
		{[]string{"--board", "SEND Improvement Board", "--date", "2027-01-22"}, "already has a meeting on 22 January 2027"},
		{[]string{"--board", "Board of Wizards", "--date", "2027-01-22"}, "there is no board"},
		{[]string{"--board", "Schools Forum", "--date", "2027-01-22", "--by", "chair@example.test"}, "may not open"},
		{[]string{"--board", "SEND Improvement Board", "--date", "2027-02-30"}, "--date"},
		{[]string{"--board", "SEND Improvement Board", "--date", "22/01/2027"}, "not a date"},
	} {
		code := c.run(ctx, append([]string{"meeting", "open"}, bad.args...)...)
		if errOut := strings.TrimSpace(c.stderr.String()); code != 1 || strings.Count(errOut, "\n") != 0 || !strings.Contains(errOut, bad.want) {
			t.Errorf("%v: exit %d, stderr %q; want 1 and one line saying %q", bad.args, code, errOut, bad.want)
		}
	}
	if code := c.run(ctx, "meeting", "open", "--board", "SEND Improvement Board"); code != 2 {
		t.Errorf("meeting open without --date: exit %d, want 2", code)
	}
}
