package layouttest

import (
	"bytes"
	"encoding/csv"
	"fmt"
	"time"

	"github.com/xuri/excelize/v2"
)

// Tracker is a council's tracker: Ref, Priority area, Action, Responsible
// officer, Start date, End date, Status, one "RAG <Month YY>" column per
// quarterly review from May 2020, Date completed and Progress update.
// Actions come in fours, each four in one state:
//
//	0: on track ("On track"), start and end as months
//	1: delayed ("Delayed"), end "Ongoing"
//	2: complete ("Complete"), completed 15/06/2021
//	3: not started, due to start September 2020
//
// The first two actions of area 3 share ref "3.1", told apart by "(A)" and
// "(B)". With unknown, action 1's newest period says "Paused", a word the
// importer does not know, as does every eighth action's after it.
func Tracker(actions, periods int, unknown bool) [][]string {
	head := []string{"Ref", "Priority area", "Action", "Responsible officer", "Start date", "End date", "Status"}
	for p := range periods {
		head = append(head, "RAG "+PeriodMonth(p).Format("January 06"))
	}
	head = append(head, "Date completed", "Progress update")
	rows := [][]string{{"SEND Written Statement of Action tracker"}, head}
	perArea := 10
	for i := range actions {
		area, n := i/perArea+1, i%perArea+1
		ref := fmt.Sprintf("%d.%d", area, n)
		text := fmt.Sprintf("Action %d: improve the local offer with partners", i+1)
		if area == 3 && n <= 2 {
			ref = "3.1"
			text = fmt.Sprintf("(%c) %s", 'A'+n-1, text)
		}
		row := []string{ref, fmt.Sprintf("%d. Area %d", area, area), text, fmt.Sprintf("Officer %d", i%5+1)}
		var status, end, done string
		var words []string
		switch i % 4 {
		case 0:
			status, end, words = "On track", "March 2023", []string{"Not started", "Progressing and on track"}
			row = append(row, "June 2020")
		case 1:
			status, end, words = "Delayed", "Ongoing", []string{"Started but delayed", "Progressing but delayed"}
			row = append(row, "July 2020")
		case 2:
			status, end, done, words = "Complete", "March 2021", "15/06/2021", []string{"Progressing and on track", "Completed", "Embedded"}
			row = append(row, "May 2020")
		case 3:
			status, end, words = "Not started", "December 2022", []string{"Not started"}
			row = append(row, "September 2020")
		}
		row = append(row, end, status)
		for p := range periods {
			w := words[min(p, len(words)-1)]
			if unknown && i%8 == 1 && p == periods-1 {
				w = "Paused"
			}
			row = append(row, w)
		}
		row = append(row, done, fmt.Sprintf("Update on action %d.", i+1))
		rows = append(rows, row)
	}
	return rows
}

// PeriodMonth is the month of review p (0-based): May 2020, then every three months.
func PeriodMonth(p int) time.Time {
	return time.Date(2020, time.May+time.Month(3*p), 1, 0, 0, 0, 0, time.UTC)
}

// NoReference is a plan with neither a reference nor an area column:
// Action, Lead, Target date, Status, RAG.
func NoReference(actions int) [][]string {
	rows := [][]string{{"Action", "Lead", "Target date", "Status", "RAG"}}
	for i := range actions {
		due := "31/03/2026"
		if i%3 == 2 {
			due = "TBC"
		}
		rows = append(rows, []string{fmt.Sprintf("Plain action %d for families", i+1), "Head of SEND", due, "In progress", "Green"})
	}
	return rows
}

// CSV writes rows as CSV.
func CSV(rows [][]string) []byte {
	var b bytes.Buffer
	w := csv.NewWriter(&b)
	_ = w.WriteAll(rows) // a bytes.Buffer does not fail
	return b.Bytes()
}

// XLSX writes rows as a one-sheet workbook, every cell text.
func XLSX(rows [][]string) ([]byte, error) {
	f := excelize.NewFile()
	defer func() { _ = f.Close() }()
	sw, err := f.NewStreamWriter("Sheet1")
	if err != nil {
		return nil, err
	}
	for r, row := range rows {
		cells := make([]any, len(row))
		for i, v := range row {
			cells[i] = v
		}
		axis, _ := excelize.CoordinatesToCellName(1, r+1)
		if err := sw.SetRow(axis, cells); err != nil {
			return nil, err
		}
	}
	if err := sw.Flush(); err != nil {
		return nil, err
	}
	buf, err := f.WriteToBuffer()
	if err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}
