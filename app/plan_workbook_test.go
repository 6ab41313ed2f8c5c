package app_test

import (
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"
)

// planWorkbook is a plan of n actions as an area writes one: a title row,
// the header on row 3, ten areas, leads already known and two new ones,
// Excel dates, words for status and RAG, and the long progress and impact
// text real plans carry, so the file is the size of a real one (over 50 KB
// for 100 actions). The text is fixed by seed; the same n gives the same file.
func planWorkbook(t testing.TB, n int) []byte {
	t.Helper()
	f := excelize.NewFile()
	defer f.Close()
	const sheet = "Action plan"
	if err := f.SetSheetName("Sheet1", sheet); err != nil {
		t.Fatal(err)
	}
	rnd := rand.New(rand.NewPCG(uint64(n), 17))
	words := func(k int) string {
		const cons, vows = "bcdfghjklmnprstvwz", "aeiou"
		var b strings.Builder
		for i := range k {
			if i > 0 {
				b.WriteByte(' ')
			}
			for range 1 + rnd.IntN(4) {
				b.WriteByte(cons[rnd.IntN(len(cons))])
				b.WriteByte(vows[rnd.IntN(len(vows))])
			}
		}
		return b.String()
	}
	put := func(r int, vals ...any) {
		axis, _ := excelize.CoordinatesToCellName(1, r)
		if err := f.SetSheetRow(sheet, axis, &vals); err != nil {
			t.Fatal(err)
		}
	}
	put(1, "Eastshire Priority Action Plan 2026-28")
	put(3, "Ref", "Area", "Action", "Lead", "Due date", "Status", "RAG", "Progress update", "Impact measure")
	leads := []string{"DCO", "Head of SEND Statutory Services", "Principal Educational Psychologist", "Eastshire Inclusion Lead", "ICB Transformation Manager"}
	statuses := []string{"Not started", "In progress", "In progress", "Complete"}
	rags := map[string][]string{"Not started": {""}, "In progress": {"Green", "Amber", "Red"}, "Complete": {"Green"}}
	for i := range n {
		area, num := i/12+1, i%12+1
		status := statuses[rnd.IntN(len(statuses))]
		rag := rags[status][rnd.IntN(len(rags[status]))]
		due := 46100 + rnd.IntN(700) // an Excel date in 2026-28
		put(4+i, fmt.Sprintf("%d.%d", area, num), fmt.Sprintf("%d. %s", area, words(3)),
			"Action "+fmt.Sprint(i+1)+": "+words(20), leads[rnd.IntN(len(leads))], due, status, rag,
			words(90), words(40))
	}
	buf, err := f.WriteToBuffer()
	if err != nil {
		t.Fatal(err)
	}
	if n >= 100 && buf.Len() < 50<<10 {
		t.Fatalf("the workbook of %d actions is %d bytes; it should be a real one's size, over 50 KB", n, buf.Len())
	}
	return buf.Bytes()
}

// mergedWorkbook is a small plan whose sheet merges n ranges, one per row.
func mergedWorkbook(t testing.TB, n int) []byte {
	t.Helper()
	f := excelize.NewFile()
	defer f.Close()
	if err := f.SetSheetRow("Sheet1", "A1", &[]any{"Ref", "Action", "Lead", "Notes", "More"}); err != nil {
		t.Fatal(err)
	}
	for r := 2; r < n+2; r++ {
		if err := f.SetSheetRow("Sheet1", fmt.Sprintf("A%d", r), &[]any{fmt.Sprintf("1.%d", r-1), "Train SENCOs", "DCO", "note"}); err != nil {
			t.Fatal(err)
		}
		if err := f.MergeCell("Sheet1", fmt.Sprintf("D%d", r), fmt.Sprintf("E%d", r)); err != nil {
			t.Fatal(err)
		}
	}
	buf, err := f.WriteToBuffer()
	if err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}
