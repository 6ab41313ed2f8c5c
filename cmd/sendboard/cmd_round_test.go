package main

import (
	"context"
	"strings"
	"testing"
	"time"

	"sendboard/app/mailtest"
)

func TestRoundOpenAndMailSend(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	c := newCLI(t)
	if code := c.run(ctx, "seed"); code != 0 {
		t.Fatalf("seed: %d %s", code, c.stderr)
	}
	for _, args := range [][]string{
		{"user", "add", "--email", "chair@example.test", "--name", "Chair", "--role", "board", "--board", "SEND Improvement Board"},
		{"user", "add", "--email", "dco@example.test", "--name", "Dee Cee", "--role", "lead", "--lead", "DCO"},
	} {
		if code := c.run(ctx, args...); code != 0 {
			t.Fatalf("%v: %d %s", args, code, c.stderr)
		}
	}
	due := time.Now().AddDate(0, 0, 20).Format("2006-01-02")
	code := c.run(ctx, "round", "open", "--board", "SEND Improvement Board", "--due", due, "--owner", "chair@example.test",
		"--message", "Updates for the board, please.")
	if code != 0 || !strings.Contains(c.stdout.String(), "opened round 1") || !strings.Contains(c.stdout.String(), "1 emails queued") {
		t.Fatalf("round open: %d %q %q", code, c.stdout, c.stderr)
	}
	if !strings.Contains(c.stderr.String(), "SENDBOARD_SMTP_URL is not set") {
		t.Errorf("no note that mail waits: %q", c.stderr)
	}
	if code := c.run(ctx, "mail", "send"); code != 0 || !strings.Contains(c.stdout.String(), "1 emails are waiting") {
		t.Fatalf("mail send without SMTP: %d %q", code, c.stdout)
	}
	srv := mailtest.Start(t)
	c.vars["SENDBOARD_SMTP_URL"] = srv.URL()
	if code := c.run(ctx, "mail", "send"); code != 0 || strings.TrimSpace(c.stdout.String()) != "1 sent, 0 to retry, 0 failed" {
		t.Fatalf("mail send: %d %q %q", code, c.stdout, c.stderr)
	}
	if m := srv.Messages(); len(m) != 1 || m[0].To[0] != "dco@example.test" || !strings.Contains(m[0].Text, "Updates for the board, please.") {
		t.Fatalf("the server got %d messages: %+v", len(m), m)
	}
	if code := c.run(ctx, "round", "list"); code != 0 || !strings.Contains(c.stdout.String(), "SEND Improvement Board") ||
		!strings.Contains(c.stdout.String(), "0 of ") {
		t.Fatalf("round list: %d %q", code, c.stdout)
	}
	for _, bad := range [][]string{
		{"round", "open", "--board", "Board of Wizards", "--due", due, "--owner", "chair@example.test"},
		{"round", "open", "--board", "Schools Forum", "--due", due, "--owner", "chair@example.test"},
		{"round", "open", "--due", due, "--owner", "chair@example.test"},
		{"round", "open", "--board", "SEND Improvement Board", "--due", "2020-01-01", "--owner", "chair@example.test"},
		{"round", "open", "--board", "SEND Improvement Board", "--due", due, "--owner", "ghost@example.test"},
	} {
		if code := c.run(ctx, bad...); code != 1 || strings.Count(strings.TrimSpace(c.stderr.String()), "\n") != 0 {
			t.Errorf("%v: exit %d, stderr %q; want 1 and one line", bad, code, c.stderr)
		}
	}
	if code := c.run(ctx, "round", "open", "--board", "SEND Improvement Board"); code != 2 {
		t.Errorf("round open without --due: exit %d", code)
	}
	c.vars["SENDBOARD_SMTP_URL"] = "smtp://mail.example.org:587?tls=maybe"
	if code := c.run(ctx, "mail", "send"); code != 1 || !strings.Contains(c.stderr.String(), "tls=none") {
		t.Errorf("a bad SMTP URL: %d %q", code, c.stderr)
	}
}
