package main

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"
)

// plan import refuses a workbook over a bound naming the bound, and a cell
// that is not text naming its row and column; nothing is made.
func TestPlanImportCommandSaysWhichLimit(t *testing.T) {
	t.Parallel()
	c := newCLI(t)
	ctx := context.Background()
	if code := c.run(ctx, "migrate"); code != 0 {
		t.Fatalf("migrate: exit %d, %s", code, c.stderr)
	}
	dir := t.TempDir()
	f := excelize.NewFile()
	defer f.Close()
	f.SetSheetRow("Sheet1", "A1", &[]any{"Ref", "Action", "Lead", "Notes", "More"})
	for r := 2; r < 5_003; r++ {
		f.SetSheetRow("Sheet1", fmt.Sprintf("A%d", r), &[]any{fmt.Sprintf("1.%d", r-1), "Train SENCOs", "DCO", "note"})
		if err := f.MergeCell("Sheet1", fmt.Sprintf("D%d", r), fmt.Sprintf("E%d", r)); err != nil {
			t.Fatal(err)
		}
	}
	merged := filepath.Join(dir, "merged.xlsx")
	if err := f.SaveAs(merged); err != nil {
		t.Fatal(err)
	}
	code := c.run(ctx, "plan", "import", merged, "--name", "Merged", "--type", "other")
	if errOut := c.stderr.String(); code != 1 || !strings.Contains(errOut, "over the limit on merged ranges") ||
		!strings.Contains(errOut, "has 5001 merged ranges; the limit is 5000") {
		t.Errorf("a workbook of 5,001 merged ranges: exit %d\n%s", code, errOut)
	}
	nul := filepath.Join(dir, "nul.csv")
	if err := os.WriteFile(nul, []byte("Ref,Action,Lead\n1.1,Train\x00 SENCOs,DCO\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	code = c.run(ctx, "plan", "import", nul, "--name", "Nul", "--type", "other")
	if errOut := c.stderr.String(); code != 1 || !strings.Contains(errOut, "row 2, Action: contains characters that are not valid text (a NUL character)") {
		t.Errorf("a NUL in a cell: exit %d\n%s", code, errOut)
	}
}
