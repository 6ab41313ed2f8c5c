package pack_test

import (
	"bytes"
	"slices"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"sendboard/app/pack"
	"sendboard/models/modeltest"
	"sendboard/models/pack/packtest"
)

// Actions added to a plan during the quarter read "Added to the plan" in the
// changes of the HTML pack (which the PDF prints) and of the workbook.
func TestPackChangesSayAddedToThePlan(t *testing.T) {
	t.Parallel()
	modeltest.EachWith(t, packtest.Loaded, func(t *testing.T, d modeltest.DB) {
		addSecondPlan(t, d) // imported in the quarter
		p := build(t, d, packtest.Board, packtest.Quarter)
		html, err := pack.HTML(p)
		if err != nil {
			t.Fatal(err)
		}
		if n := strings.Count(string(html), "<td>Added to the plan</td>"); n != 6 {
			t.Errorf("the HTML pack says added to the plan %d times, want 6 (status and RAG of 3 actions)", n)
		}
		x, err := pack.XLSX(p)
		if err != nil {
			t.Fatal(err)
		}
		f, err := excelize.OpenReader(bytes.NewReader(x))
		if err != nil {
			t.Fatal(err)
		}
		defer f.Close()
		rows, _ := f.GetRows("Changes")
		added := 0
		for _, r := range rows {
			// "Status then", after the plan's column in a pack over several plans.
			if slices.Contains(r, "Added to the plan") {
				added++
			}
		}
		if added != 3 {
			t.Errorf("the workbook lists %d actions as added, want 3", added)
		}
	})
}
