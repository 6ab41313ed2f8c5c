package planfile

import (
	"bytes"
	"testing"

	"github.com/xuri/excelize/v2"
)

// An XLSX export writes due dates as date cells, a due month as its first
// day shown "mmm yyyy", and reads each back as it was: the day as a day, the
// month as a month.
func TestXLSXDueDatesAreDateCells(t *testing.T) {
	t.Parallel()
	in := mustParse(t, "comma_sections.csv", Options{})
	if len(in.Plan.Actions) < 3 {
		t.Fatalf("%d actions", len(in.Plan.Actions))
	}
	in.Plan.Actions[0].Due, in.Plan.Actions[1].Due, in.Plan.Actions[2].Due = "2025-03", "2025-03-31", ""
	data, err := WriteXLSX(&in.Plan, "Plan")
	if err != nil {
		t.Fatal(err)
	}
	f, err := excelize.OpenReader(bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	col := 0
	for i, fl := range exportFields {
		if fl == FieldDue {
			col = i + 1
		}
	}
	for row, want := range map[int][2]string{2: {"45717", "Mar 2025"}, 3: {"45747", "31/03/2025"}} {
		cell, _ := excelize.CoordinatesToCellName(col, row)
		typ, _ := f.GetCellType("Plan", cell)
		raw, _ := f.GetCellValue("Plan", cell, excelize.Options{RawCellValue: true})
		shown, _ := f.GetCellValue("Plan", cell)
		if typ == excelize.CellTypeSharedString || typ == excelize.CellTypeInlineString || raw != want[0] || shown != want[1] {
			t.Errorf("due %s: type %v, raw %q, shown %q; want the date %s shown %q", cell, typ, raw, shown, want[0], want[1])
		}
	}
	out, err := Parse(data, Options{KnownBoards: knownBoards})
	if err != nil || out.Err() != nil {
		t.Fatalf("%v %v", err, out.Err())
	}
	for i, want := range []string{"2025-03", "2025-03-31", ""} {
		if got := out.Plan.Actions[i].Due; got != want {
			t.Errorf("action %d reads back due %q, want %q", i+1, got, want)
		}
	}
}

// A workbook someone else made: month cells in Excel's built-in "mmm-yy" or
// a custom month format read as months; day formats and plain numbers stay
// as they were.
func TestReadsMonthFormattedDateCells(t *testing.T) {
	t.Parallel()
	f := excelize.NewFile()
	defer f.Close()
	rows := [][]any{{"Ref", "Action", "Due date"}, {"1.1", "A", 45717}, {"1.2", "B", 45717}, {"1.3", "C", 45747}, {"1.4", "D", 45717}}
	for r, row := range rows {
		cell, _ := excelize.CoordinatesToCellName(1, r+1)
		if err := f.SetSheetRow("Sheet1", cell, &row); err != nil {
			t.Fatal(err)
		}
	}
	custom, dayFmt := `mmmm\ yyyy;@`, "dd/mm/yyyy"
	builtin, _ := f.NewStyle(&excelize.Style{NumFmt: 17})
	monthStyle, _ := f.NewStyle(&excelize.Style{CustomNumFmt: &custom})
	dayStyle, _ := f.NewStyle(&excelize.Style{CustomNumFmt: &dayFmt})
	f.SetCellStyle("Sheet1", "C2", "C2", builtin)
	f.SetCellStyle("Sheet1", "C3", "C3", monthStyle)
	f.SetCellStyle("Sheet1", "C4", "C4", dayStyle)
	var buf bytes.Buffer
	if err := f.Write(&buf); err != nil {
		t.Fatal(err)
	}
	out, err := Parse(buf.Bytes(), Options{})
	if err != nil || out.Err() != nil {
		t.Fatalf("%v %v", err, out.Err())
	}
	for i, want := range []string{"2025-03", "2025-03", "2025-03-31", "2025-03-01"} {
		if got := out.Plan.Actions[i].Due; got != want {
			t.Errorf("1.%d due %q, want %q", i+1, got, want)
		}
	}
}

func TestMonthOnlyFormats(t *testing.T) {
	t.Parallel()
	for f, want := range map[string]bool{"mmm yyyy": true, "mmmm yy": true, "mm/yyyy": true, `[$-809]mmmm\ yyyy;@`: true,
		"dd/mm/yyyy": false, "d mmm yyyy": false, "hh:mm": false, "0.0": false, `"Due "mmm yyyy`: true, `mmm yyyy" day"`: true} {
		if got := monthOnly(f); got != want {
			t.Errorf("monthOnly(%q) = %v, want %v", f, got, want)
		}
	}
}
