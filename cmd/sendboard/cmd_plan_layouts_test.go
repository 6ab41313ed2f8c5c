package main

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"sendboard/models/planfile/layouttest"
)

// TestPlanImportLayouts imports the layouts areas publish from the command
// line: a tracker with a RAG column per review period in words (XLSX and
// CSV), a word the importer does not know read with --value, and a plan with
// no reference column.
func TestPlanImportLayouts(t *testing.T) {
	t.Parallel()
	c := newCLI(t)
	ctx := context.Background()
	if code := c.run(ctx, "migrate"); code != 0 {
		t.Fatalf("migrate: exit %d, %s", code, c.stderr)
	}
	dir := t.TempDir()
	rows := layouttest.Tracker(30, 4, true)
	x, err := layouttest.XLSX(rows)
	if err != nil {
		t.Fatal(err)
	}
	files := map[string][]byte{"tracker.xlsx": x, "tracker.csv": layouttest.CSV(rows), "plain.csv": layouttest.CSV(layouttest.NoReference(4))}
	for name, data := range files {
		if err := os.WriteFile(filepath.Join(dir, name), data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	// "Paused" matches nothing: listed once with its rows, nothing imported.
	code := c.run(ctx, "plan", "import", filepath.Join(dir, "tracker.xlsx"), "--name", "Tracker", "--type", "pap")
	if errOut := c.stderr.String(); code != 1 || strings.Count(errOut, `"Paused"`) != 1 ||
		!strings.Contains(errOut, `RAG February 21: "Paused" is not a RAG rating the importer knows (on rows 4, 12, 20, 28)`) {
		t.Fatalf("unknown word: exit %d\n%s\n%s", code, c.stdout, errOut)
	}
	for _, f := range []string{"xlsx", "csv"} {
		code := c.run(ctx, "plan", "import", filepath.Join(dir, "tracker."+f), "--name", "Tracker "+f, "--type", "pap",
			"--value", `rag:"Paused"=in_progress/red`, "--value", `status:"Delayed"=amber`)
		out := c.stdout.String()
		for _, want := range []string{
			`Review periods (4), one progress update each: "RAG May 20" (to 2020-05-31), "RAG August 20" (to 2020-08-31)`,
			`status "Delayed" -> In progress, Amber (as given) (8 rows)`,
			`rag    "Paused" -> In progress, Red (as given) (4 rows)`,
			`rag    "Embedded" -> Complete (14 rows)`,
			"Row 23: 3.1 renumbered 3.1a", "Row 24: 3.1 renumbered 3.1b",
			`End date: "Ongoing" read as no date (8 rows)`,
			`Imported "Tracker ` + f + `" as /plans/tracker-` + f + `: 30 actions, 127 progress updates.`,
		} {
			if code != 0 || !strings.Contains(out, want) {
				t.Fatalf("import %s: exit %d, want %q in\n%s\n%s", f, code, want, out, c.stderr)
			}
		}
	}
	// The export has the start and completion dates and imports back the same.
	out := filepath.Join(dir, "export.csv")
	if code := c.run(ctx, "plan", "export", "--plan", "tracker-xlsx", "--out", out); code != 0 {
		t.Fatalf("export: exit %d, %s", code, c.stderr)
	}
	exported, _ := os.ReadFile(out)
	if !strings.Contains(string(exported), "Start date") || !strings.Contains(string(exported), "15/06/2021") {
		t.Errorf("export lacks the start and completion dates:\n%.600s", exported)
	}
	if code := c.run(ctx, "plan", "import", out, "--name", "Tracker again", "--type", "pap"); code != 0 {
		t.Fatalf("import of the export: exit %d\n%s", code, c.stderr)
	}
	if code := c.run(ctx, "plan", "export", "--plan", "tracker-again", "--out", "-", "--format", "csv"); code != 0 || c.stdout.String() != string(exported) {
		t.Errorf("the copy exports differently:\n%s\n%s", c.stdout, exported)
	}
	code = c.run(ctx, "plan", "import", filepath.Join(dir, "plain.csv"), "--name", "Plain", "--type", "pap")
	if o := c.stdout.String(); code != 0 || !strings.Contains(o, "numbered 1, 2, 3") || !strings.Contains(o, `Target date: "TBC" read as no date (1 row)`) {
		t.Errorf("no reference column: exit %d\n%s\n%s", code, o, c.stderr)
	}
	for _, bad := range []string{`colour:"X"=red`, `rag:"X"=purple`, `rag:X`} {
		if code := c.run(ctx, "plan", "import", filepath.Join(dir, "plain.csv"), "--name", "P", "--type", "pap", "--value", bad); code != 2 {
			t.Errorf("--value %s: exit %d, want 2", bad, code)
		}
	}
}
