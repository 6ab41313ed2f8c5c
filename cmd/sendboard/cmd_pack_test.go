package main

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"sendboard/app/pack/pdftest"
)

func TestPackCommand(t *testing.T) {
	t.Parallel()
	c := newCLI(t)
	c.vars["SENDBOARD_CHROMIUM"] = pdftest.Chromium(t)
	ctx := context.Background()
	if code := c.run(ctx, "seed"); code != 0 {
		t.Fatalf("seed: exit %d, %s", code, c.stderr)
	}
	dir := t.TempDir()
	for _, f := range []string{"pdf", "xlsx", "html"} {
		out := filepath.Join(dir, "pack."+f)
		if code := c.run(ctx, "pack", "--board", "SEND Improvement Board", "--quarter", "2024-25 Q4", "--format", f, "--out", out); code != 0 {
			t.Fatalf("pack %s: exit %d, %s", f, code, c.stderr)
		}
		b, err := os.ReadFile(out)
		if err != nil || len(b) < 1000 {
			t.Fatalf("pack %s: %d bytes, %v", f, len(b), err)
		}
		if f == "pdf" && !bytes.HasPrefix(b, []byte("%PDF-")) || f == "xlsx" && !bytes.HasPrefix(b, []byte("PK")) ||
			f == "html" && !bytes.Contains(b, []byte("SEND Improvement Board")) {
			t.Errorf("pack %s: unexpected content %q", f, b[:20])
		}
		// Not a terminal: a one-line report and no progress bar.
		if strings.Contains(c.stderr.String(), "\r") || !strings.Contains(c.stderr.String(), "40 actions") {
			t.Errorf("stderr: %q", c.stderr)
		}
	}
	if code := c.run(ctx, "pack", "--board", "all", "--quarter", "2024-25 Q4", "--out", filepath.Join(dir, "all.html")); code != 0 || !strings.Contains(c.stderr.String(), "Whole plan, 2024-25 Q4, 60 actions") {
		t.Errorf("--board all (format from extension): exit %d, %s", code, c.stderr)
	}
	if code := c.run(ctx, "pack", "--board", "send-improvement-board", "--plan", "dorset-wsoa-2019", "--quarter", "2024-25 Q4", "--out", filepath.Join(dir, "plan.html")); code != 0 || !strings.Contains(c.stderr.String(), "SEND Improvement Board, 2024-25 Q4, 40 actions") {
		t.Errorf("--plan: exit %d, %s", code, c.stderr)
	}
	bad := []struct {
		args []string
		code int
		msg  string
	}{
		{[]string{"--board", "Nowhere", "--quarter", "2024-25 Q4", "--out", filepath.Join(dir, "x.pdf")}, 1, `board: there is no governance board "Nowhere"`},
		{[]string{"--board", "all", "--quarter", "2024-25 Q9", "--out", filepath.Join(dir, "x.pdf")}, 2, "--quarter"},
		{[]string{"--board", "all", "--quarter", "2024-25 Q4", "--out", filepath.Join(dir, "x.docx")}, 2, "--format"},
		{[]string{"--board", "all", "--quarter", "2024-25 Q4"}, 2, "required"},
		{[]string{"--board", "all", "--plan", "no-such-plan", "--quarter", "2024-25 Q4", "--out", filepath.Join(dir, "x.pdf")}, 2, `--plan: there is no plan "no-such-plan"`},
	}
	for _, b := range bad {
		if code := c.run(ctx, append([]string{"pack"}, b.args...)...); code != b.code || !strings.Contains(c.stderr.String(), b.msg) {
			t.Errorf("pack %v: exit %d, %q; want %d and %q", b.args, code, c.stderr, b.code, b.msg)
		}
	}
	if _, err := os.Stat(filepath.Join(dir, "x.pdf")); err == nil {
		t.Error("a failed pack left a file behind")
	}
}
