package main

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func planTestdata(name string) string {
	return filepath.Join("..", "..", "models", "planfile", "testdata", name)
}

func TestPlanImportAndExportCommands(t *testing.T) {
	t.Parallel()
	c := newCLI(t)
	ctx := context.Background()
	if code := c.run(ctx, "seed"); code != 0 {
		t.Fatalf("seed: exit %d, %s", code, c.stderr)
	}
	// A dry run says what it read and would make, and makes nothing.
	code := c.run(ctx, "plan", "import", planTestdata("title_rows.xlsx"), "--name", "Westshire PAP", "--type", "pap",
		"--map", "impact_measure=Measure of success", "--map", "progress=", "--dry-run")
	out := c.stdout.String()
	if code != 0 || !strings.Contains(out, `sheet "PAP", header on row 4`) || !strings.Contains(out, `lead             <- "Lead officer"`) ||
		strings.Contains(out, "  progress ") || !strings.Contains(out, "2 areas, 5 actions.") ||
		!strings.Contains(out, "New leads (5): Head of Commissioning; Director of Children's Services;") ||
		!strings.Contains(out, "Dry run: nothing stored. The plan would be /plans/westshire-pap.") {
		t.Fatalf("dry run: exit %d\n%s\n%s", code, out, c.stderr)
	}
	dir := t.TempDir()
	if code := c.run(ctx, "plan", "export", "--plan", "westshire-pap", "--out", filepath.Join(dir, "x.csv")); code != 1 ||
		!strings.Contains(c.stderr.String(), `no plan "westshire-pap"`) {
		t.Fatalf("export after a dry run: exit %d, %s", code, c.stderr)
	}
	// FILE after the flags works too.
	if code := c.run(ctx, "plan", "import", "--name", "Westshire PAP", "--type", "pap", "--sheet", "PAP", planTestdata("title_rows.xlsx")); code != 0 ||
		!strings.Contains(c.stdout.String(), `Imported "Westshire PAP" as /plans/westshire-pap: 5 actions, 2 progress updates.`) {
		t.Fatalf("import: exit %d\n%s\n%s", code, c.stdout, c.stderr)
	}
	for _, f := range []string{"xlsx", "csv"} {
		path := filepath.Join(dir, "westshire."+f)
		if code := c.run(ctx, "plan", "export", "--plan", "westshire-pap", "--format", f, "--out", path); code != 0 {
			t.Fatalf("export %s: exit %d, %s", f, code, c.stderr)
		}
		if code := c.run(ctx, "plan", "import", path, "--name", "Copy "+f, "--type", "pap"); code != 0 ||
			!strings.Contains(c.stdout.String(), "5 actions, 2 progress updates") {
			t.Fatalf("import of the %s export: exit %d\n%s\n%s", f, code, c.stdout, c.stderr)
		}
	}
	a, _ := os.ReadFile(filepath.Join(dir, "westshire.csv"))
	if code := c.run(ctx, "plan", "export", "--plan", "copy-xlsx", "--out", "-", "--format", "csv"); code != 0 || c.stdout.String() != string(a) {
		t.Errorf("the copy exports differently from the original:\n%s\n%s", c.stdout, a)
	}

	// A bad file: every problem on stderr, exit 1, no plan.
	code = c.run(ctx, "plan", "import", planTestdata("bad.csv"), "--name", "Bad", "--type", "other")
	if errOut := c.stderr.String(); code != 1 || !strings.Contains(errOut, "bad.csv: row 4, Due date: 31/02/2025 is not a date\n") ||
		!strings.Contains(errOut, "7 problem(s) in") || !strings.Contains(errOut, "nothing imported") {
		t.Errorf("bad file: exit %d, %s", code, errOut)
	}
	if code := c.run(ctx, "plan", "export", "--plan", "bad", "--out", filepath.Join(dir, "bad.csv")); code != 1 {
		t.Errorf("a plan was made from the bad file")
	}
	for _, args := range [][]string{
		{"plan", "import", planTestdata("bad.csv"), "--type", "other"},
		{"plan", "import", "--name", "X", "--type", "other"},
		{"plan", "import", planTestdata("bad.csv"), "--name", "X", "--type", "other", "--map", "colour=Status"},
		{"plan", "export", "--plan", "westshire-pap", "--out", filepath.Join(dir, "x.docx")},
		{"plan", "frobnicate"},
	} {
		if code := c.run(ctx, args...); code != 2 {
			t.Errorf("%q: exit %d, want 2 (%s)", args, code, c.stderr)
		}
	}
}
