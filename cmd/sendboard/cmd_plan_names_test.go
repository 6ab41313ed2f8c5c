package main

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// A dry run says how a joint lead cell was read and offers DCO for the DCO
// spelt out; --same-lead uses it, so no new lead is made for it.
func TestPlanImportSameLead(t *testing.T) {
	t.Parallel()
	c := newCLI(t)
	ctx := context.Background()
	if code := c.run(ctx, "seed"); code != 0 {
		t.Fatalf("seed: exit %d, %s", code, c.stderr)
	}
	file := filepath.Join(t.TempDir(), "joint.csv")
	csv := "Ref,Action,Lead\n1.1,Joint pathway,DPCC and DCO\n1.2,Therapies,Designated Clinical Officer\n1.3,Pair,Parent Champion & Youth Worker\n"
	if err := os.WriteFile(file, []byte(csv), 0o600); err != nil {
		t.Fatal(err)
	}
	code := c.run(ctx, "plan", "import", file, "--name", "Joint", "--type", "pap", "--dry-run")
	out := c.stdout.String()
	for _, want := range []string{`Row 2: lead "DPCC and DCO" read as 2 leads: DPCC; DCO`,
		`Row 4: lead "Parent Champion & Youth Worker" kept as one lead`,
		`New lead "Designated Clinical Officer" is like existing "DCO"; to use one instead: --same-lead "Designated Clinical Officer"="DCO"`,
		"New leads (2): Designated Clinical Officer; Parent Champion & Youth Worker"} {
		if !strings.Contains(out, want) {
			t.Errorf("the dry run does not say %q:\n%s", want, out)
		}
	}
	if code != 0 {
		t.Fatalf("dry run: exit %d, %s", code, c.stderr)
	}
	code = c.run(ctx, "plan", "import", file, "--name", "Joint", "--type", "pap", "--same-lead", "Designated Clinical Officer=DCO")
	out = c.stdout.String()
	if code != 0 || !strings.Contains(out, "New leads (1): Parent Champion & Youth Worker") ||
		!strings.Contains(out, `Lead "Designated Clinical Officer": using the existing "DCO"`) {
		t.Fatalf("import: exit %d\n%s\n%s", code, out, c.stderr)
	}
	if code := c.run(ctx, "plan", "import", file, "--name", "Joint two", "--type", "pap", "--same-lead", "Designated Clinical Officer=Nobody"); code != 1 ||
		!strings.Contains(c.stderr.String(), `"Nobody" is not an existing lead role`) {
		t.Errorf("an unknown existing lead: exit %d, %s", code, c.stderr)
	}
	if code := c.run(ctx, "plan", "import", file, "--name", "Joint three", "--type", "pap", "--same-lead", "no equals sign"); code != 2 {
		t.Errorf("a bad --same-lead: exit %d", code)
	}
}
