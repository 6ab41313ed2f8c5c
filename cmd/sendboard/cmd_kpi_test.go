package main

import (
	"context"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"sendboard/models/measure"
)

// kpi import takes the template as downloaded, skipping and counting its
// rows without a value.
func TestKPIImportTemplate(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	c := newCLI(t)
	if code := c.run(ctx, "seed"); code != 0 {
		t.Fatalf("seed: %d %s", code, c.stderr)
	}
	a, err := openApp(ctx, &cliEnv{stderr: io.Discard, getenv: func(k string) string { return c.vars[k] }}, nil)
	if err != nil {
		t.Fatal(err)
	}
	kpis, err := measure.ListKPIs(ctx, a.DB)
	a.Close()
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "template.csv")
	tmpl := measure.KPITemplateCSV(kpis)
	lines := strings.Split(tmpl, "\n")
	lines[1] = strings.TrimSuffix(lines[1], ",,") + ",12,"
	if err := os.WriteFile(path, []byte(strings.Join(lines, "\n")), 0o644); err != nil {
		t.Fatal(err)
	}
	code := c.run(ctx, "kpi", "import", path)
	if want := "1 figure applied (1 new, 0 revised), 0 unchanged, " + strconv.Itoa(len(kpis)-1) + " rows without a value skipped"; code != 0 || !strings.Contains(c.stdout.String(), want) {
		t.Fatalf("kpi import of the template: exit %d, stdout %q, stderr %q; want %q", code, c.stdout, c.stderr, want)
	}
}
