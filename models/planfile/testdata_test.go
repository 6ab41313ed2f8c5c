package planfile

import (
	"flag"
	"os"
	"path/filepath"
	"reflect"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"
)

var update = flag.Bool("update", false, "rewrite the XLSX files in testdata")

// TestWriteTestdataXLSX writes the workbooks the tests read, in the layouts
// areas keep: run with -update after changing it. Without -update it checks
// the committed files are the ones it would write, cell for cell.
func TestWriteTestdataXLSX(t *testing.T) {
	t.Parallel()
	for name, build := range map[string]func(*testing.T) *excelize.File{
		"title_rows.xlsx":  titleRowsWorkbook,
		"wsoa_layout.xlsx": wsoaWorkbook,
	} {
		path := filepath.Join("testdata", name)
		f := build(t)
		if *update {
			if err := f.SaveAs(path); err != nil {
				t.Fatal(err)
			}
			continue
		}
		old, err := excelize.OpenFile(path)
		if err != nil {
			t.Fatalf("%s: %v (run go test -run TestWriteTestdataXLSX -update)", path, err)
		}
		for _, sheet := range f.GetSheetList() {
			want, _ := f.GetRows(sheet, excelize.Options{RawCellValue: true})
			got, _ := old.GetRows(sheet, excelize.Options{RawCellValue: true})
			if !reflect.DeepEqual(want, got) {
				t.Fatalf("%s sheet %s differs from what the test writes (run with -update)", path, sheet)
			}
		}
	}
}

func set(t *testing.T, f *excelize.File, sheet, cell string, v any) {
	t.Helper()
	if err := f.SetCellValue(sheet, cell, v); err != nil {
		t.Fatal(err)
	}
}

func row(t *testing.T, f *excelize.File, sheet string, r int, vals ...any) {
	t.Helper()
	axis, _ := excelize.CoordinatesToCellName(1, r)
	if err := f.SetSheetRow(sheet, axis, &vals); err != nil {
		t.Fatal(err)
	}
}

func merge(t *testing.T, f *excelize.File, sheet, from, to string) {
	t.Helper()
	if err := f.MergeCell(sheet, from, to); err != nil {
		t.Fatal(err)
	}
}

func day(y int, m time.Month, d int) time.Time { return time.Date(y, m, d, 0, 0, 0, 0, time.UTC) }

// titleRowsWorkbook: a notes sheet first (the active one), then the plan with
// two title rows, the header on row 4, areas merged down their rows, due dates
// as Excel date cells, one month written as text, and blank cells.
func titleRowsWorkbook(t *testing.T) *excelize.File {
	f := excelize.NewFile()
	if err := f.SetSheetName("Sheet1", "Notes"); err != nil {
		t.Fatal(err)
	}
	set(t, f, "Notes", "A1", "Read me: the plan is on the next sheet.")
	if _, err := f.NewSheet("PAP"); err != nil {
		t.Fatal(err)
	}
	s := "PAP"
	set(t, f, s, "A1", "Westshire Priority Action Plan")
	merge(t, f, s, "A1", "L1")
	set(t, f, s, "A2", "Following the area SEND inspection, published 3 March 2025")
	row(t, f, s, 4, "Ref", "Area for priority action", "Outcome", "Action", "Lead officer", "Accountable",
		"Timescale", "Board", "Status", "R/A/G", "Progress", "Measure of success")
	dateFmt := "dd/mm/yyyy"
	style, err := f.NewStyle(&excelize.Style{CustomNumFmt: &dateFmt})
	if err != nil {
		t.Fatal(err)
	}
	row(t, f, s, 5, "1.1", "1 Leaders' shared understanding of children's needs", "A shared needs assessment",
		"Publish a joint strategic needs assessment for SEND", "Head of Commissioning", "Director of Children's Services",
		day(2025, 9, 30), "SEND Partnership Board", "Complete", "Blue", "Published in September.", "JSNA published")
	row(t, f, s, 6, "1.2", "", "", "Agree a joint commissioning plan", "Head of Commissioning", "ICB Chief Nursing Officer",
		day(2026, 1, 15), "SEND Partnership Board; Joint Commissioning Group", "In progress", "A", "", "")
	merge(t, f, s, "B5", "B6")
	row(t, f, s, 7, "2.1", "2 Timeliness of EHC needs assessments", "", "Clear the backlog of assessments past 20 weeks",
		"Head of SEND", "Director of Children's Services", "March 2026", "SEND Partnership Board", "In progress", "R",
		"Backlog down from 212 to 140.", "Backlog cleared")
	row(t, f, s, 8, "2.2", "", "", "Monthly timeliness report to the board", "SEND Data Lead", "", day(2025, 12, 1),
		"", "Not started", "", "", "")
	row(t, f, s, 9, "2.3", "", "", "Add caseworkers", "Head of SEND", "", "", "", "", "", "", "")
	merge(t, f, s, "B7", "B9")
	for _, c := range []string{"G5", "G6", "G8"} {
		if err := f.SetCellStyle(s, c, c, style); err != nil {
			t.Fatal(err)
		}
	}
	return f
}

// wsoaWorkbook: the Written Statement of Action layout, milestone headings
// merged across the row and "Lead; Board and Board" in one column.
func wsoaWorkbook(t *testing.T) *excelize.File {
	f := excelize.NewFile()
	s := "Sheet1"
	row(t, f, s, 1, "Number", "Aim of improvement – intended outcome", "Action", "Priority area (1–4)",
		"Impact measure", "Lead and governance", "Progress", "Status")
	set(t, f, s, "A2", "3 Month Milestones (July 2019)")
	merge(t, f, s, "A2", "H2")
	row(t, f, s, 3, "1.1", "Parents know the Local Offer", "Relaunch the Local Offer website", "2",
		"80% of parents rate it useful", "DCO; SEND Health Forum and CCG Audit and Quality Group.", "Launched.", "In progress")
	row(t, f, s, 4, "1.2", "(continued)", "Termly Local Offer newsletter", "2", "",
		"Local Offer Lead; SEND improvement Board", "", "Initiate September 2019")
	set(t, f, s, "A5", "6 Month Milestones (October 2019)")
	merge(t, f, s, "A5", "H5")
	row(t, f, s, 6, "2.1", "", "Joint EHCP audit", "4", "Audit completed", "Head of SEN; SEND Improvement Board", "", "Complete")
	return f
}

func readTestdata(t testing.TB, name string) []byte {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("testdata", name))
	if err != nil {
		t.Fatal(err)
	}
	return b
}
