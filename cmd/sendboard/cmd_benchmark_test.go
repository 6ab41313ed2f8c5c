package main

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"sendboard/models/modeltest"
)

// TestBenchmarkImportCommand imports files given in any order (the dictionary
// goes first), reports a bad file by line and imports nothing from it, and a
// second import of the same files changes nothing.
func TestBenchmarkImportCommand(t *testing.T) {
	t.Parallel()
	src := modeltest.BenchmarkDir(t)
	ctx := context.Background()
	c := newCLI(t)
	if code := c.run(ctx, "migrate"); code != 0 {
		t.Fatalf("migrate: %s", c.stderr)
	}
	dir := t.TempDir()
	measures, err := os.ReadFile(filepath.Join(src, "lait_send_measures.csv"))
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.SplitAfter(string(measures), "\n")
	slice := filepath.Join(dir, "slice.csv")
	if err := os.WriteFile(slice, []byte(strings.Join(lines[:2001], "")), 0o644); err != nil {
		t.Fatal(err)
	}
	bad := filepath.Join(dir, "bad.csv")
	if err := os.WriteFile(bad, []byte(lines[0]+lines[1]+"SENFinance,,2016-17 (OT),Barnet,lots,302,Outer London\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	dict := filepath.Join(src, "lait_send_dictionary.csv")
	if code := c.run(ctx, "benchmark", "import", slice, dict); code != 0 {
		t.Fatalf("import: exit %d %s", code, c.stderr)
	}
	out := c.stdout.String()
	if !strings.HasPrefix(out, "lait_send_dictionary.csv (LAIT measure dictionary): 76 rows") || !strings.Contains(out, "slice.csv (LAIT measures (long format)): 2000 rows; 2000 figures added") {
		t.Errorf("first import: %q", out)
	}
	if code := c.run(ctx, "benchmark", "import", slice, bad); code != 1 || !strings.Contains(c.stderr.String(), bad+":3: Values (column 5) \"lots\" is not a number") ||
		!strings.Contains(c.stdout.String(), "0 figures added, 0 revised, 2000 unchanged") {
		t.Errorf("again with a bad file: exit %d\n%s\n%s", code, c.stdout, c.stderr)
	}
	if code := c.run(ctx, "benchmark", "import"); code != 2 {
		t.Errorf("no files: exit %d", code)
	}
}

// TestMain drops the databases and templates the package's tests made (see
// modeltest.Main). With SENDBOARD_TEST_MAIN=1 the test binary is sendboard
// itself, so that a test can run a real server process and kill it.
func TestMain(m *testing.M) {
	if os.Getenv("SENDBOARD_TEST_MAIN") == "1" {
		main()
		return
	}
	modeltest.Main(m)
}
