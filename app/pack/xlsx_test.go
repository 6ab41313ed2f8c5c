package pack_test

import (
	"archive/zip"
	"bytes"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"sendboard/app/pack"
	"sendboard/models/modeltest"
	"sendboard/models/pack/packtest"
)

// TestXLSXIsATableOnEverySheet checks what an analyst relies on: every sheet
// has a frozen header and an autofilter over all its rows, RAG cells carry
// their colour, actions say their priority area, milestone, due date and
// boards (not the internal Major/Minor), KPI rows carry the whole-year
// figures beside the quarters, and the charts are native Excel charts.
func TestXLSXIsATableOnEverySheet(t *testing.T) {
	t.Parallel()
	modeltest.EachWith(t, packtest.Loaded, func(t *testing.T, d modeltest.DB) {
		f := packtest.Find(t, d.DB)
		p := build(t, d, packtest.Board, packtest.Quarter)
		b, err := pack.XLSX(p)
		if err != nil {
			t.Fatal(err)
		}
		x, err := excelize.OpenReader(bytes.NewReader(b))
		if err != nil {
			t.Fatal(err)
		}
		defer x.Close()
		filters := map[string]string{}
		names := x.GetDefinedName()
		for _, n := range names {
			if n.Name == "_xlnm._FilterDatabase" {
				filters[n.Scope] = n.RefersTo
			}
		}
		for _, sheet := range x.GetSheetList() {
			panes, err := x.GetPanes(sheet)
			if err != nil || !panes.Freeze || panes.YSplit != 1 {
				t.Errorf("%s: header not frozen (%+v, %v)", sheet, panes, err)
			}
			rows, _ := x.GetRows(sheet)
			last, _ := excelize.CoordinatesToCellName(len(rows[0]), len(rows))
			if ref := filters[sheet]; !strings.HasSuffix(strings.ReplaceAll(ref, "$", ""), "!A1:"+last) {
				t.Errorf("%s: autofilter %q, want A1:%s", sheet, ref, last)
			}
		}
		actions, _ := x.GetRows("Actions")
		head := actions[0]
		for _, want := range []string{"Priority area", "Milestone", "Due", "Boards"} {
			if !slices.Contains(head, want) {
				t.Errorf("Actions header %q lacks %q", head, want)
			}
		}
		for _, gone := range []string{"Major", "Minor"} {
			if slices.Contains(head, gone) {
				t.Errorf("Actions header still has the internal %q", gone)
			}
		}
		col := func(name string) int { return slices.Index(head, name) }
		var red string
		for i, r := range actions[1:] {
			if r[0] == f.RedNumber {
				red, _ = excelize.CoordinatesToCellName(col("RAG")+1, i+2)
				if !strings.Contains(r[col("Boards")], packtest.Board) || !strings.HasPrefix(r[col("Priority area")], "1. ") {
					t.Errorf("action %s: boards %q, priority area %q", r[0], r[col("Boards")], r[col("Priority area")])
				}
			}
		}
		if red == "" {
			t.Fatalf("red action %s not on the Actions sheet", f.RedNumber)
		}
		style, _ := x.GetCellStyle("Actions", red)
		st, err := x.GetStyle(style)
		if err != nil || len(st.Fill.Color) == 0 || !strings.EqualFold(st.Fill.Color[0], "F4CDC6") {
			t.Errorf("red RAG cell %s fill = %+v (%v), want F4CDC6", red, st.Fill, err)
		}
		due, _ := x.GetCellValue("Actions", excelCell(col("Due"), 2), excelize.Options{RawCellValue: true})
		if !regexp.MustCompile(`^\d+$`).MatchString(due) {
			t.Errorf("due stored as %q, want a date serial", due)
		}
		kpis, _ := x.GetRows("KPIs")
		if !slices.Contains(kpis[0], "2023-24 (year)") || !slices.Contains(kpis[0], "2024-25 (year)") {
			t.Errorf("KPI header %q lacks the whole years", kpis[0])
		}
		withFigures := 0
		for _, k := range p.KPIs {
			if k.HasFigures() {
				withFigures++
			}
		}
		zr, err := zip.NewReader(bytes.NewReader(b), int64(len(b)))
		if err != nil {
			t.Fatal(err)
		}
		charts, pictures := 0, 0
		for _, zf := range zr.File {
			if strings.HasPrefix(zf.Name, "xl/charts/chart") {
				charts++
			}
			if strings.HasPrefix(zf.Name, "xl/media/") {
				pictures++
			}
		}
		if withFigures == 0 || charts != withFigures || pictures != 0 {
			t.Errorf("%d native charts and %d pictures for %d KPIs with figures", charts, pictures, withFigures)
		}
	})
}

func excelCell(col0, row int) string {
	s, _ := excelize.CoordinatesToCellName(col0+1, row)
	return s
}
