package main

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestPackCommandWithoutChromium: where no Chromium is installed, asking for
// a PDF says why in one line and writes nothing, the HTML and XLSX still
// come, and a SENDBOARD_CHROMIUM that names nothing is refused by name.
// (Not parallel: it empties the PATH.)
func TestPackCommandWithoutChromium(t *testing.T) {
	t.Setenv("PATH", t.TempDir())
	c := newCLI(t)
	ctx := context.Background()
	if code := c.run(ctx, "seed"); code != 0 {
		t.Fatalf("seed: exit %d, %s", code, c.stderr)
	}
	dir := t.TempDir()
	pdf := filepath.Join(dir, "pack.pdf")
	if code := c.run(ctx, "pack", "--board", "all", "--quarter", "2024-25 Q4", "--out", pdf); code != 1 ||
		!strings.Contains(c.stderr.String(), "PDF packs are made with Chromium, which is not installed here") {
		t.Errorf("pack --out pack.pdf without Chromium: exit %d, %q", code, c.stderr)
	}
	if _, err := os.Stat(pdf); err == nil {
		t.Error("a PDF file was written without Chromium")
	}
	for _, f := range []string{"html", "xlsx"} {
		if code := c.run(ctx, "pack", "--board", "all", "--quarter", "2024-25 Q4", "--out", filepath.Join(dir, "pack."+f)); code != 0 {
			t.Errorf("pack %s without Chromium: exit %d, %q", f, code, c.stderr)
		}
	}
	c.vars["SENDBOARD_CHROMIUM"] = filepath.Join(dir, "no-such-chromium")
	if code := c.run(ctx, "pack", "--board", "all", "--quarter", "2024-25 Q4", "--out", filepath.Join(dir, "again.html")); code == 0 ||
		!strings.Contains(c.stderr.String(), "SENDBOARD_CHROMIUM=") {
		t.Errorf("a SENDBOARD_CHROMIUM naming nothing: exit %d, %q", code, c.stderr)
	}
}
