package planfile

import (
	"bytes"
	"encoding/csv"
	"fmt"
	"strings"
	"time"

	"github.com/xuri/excelize/v2"
)

// exportFields are the columns an export writes, in order; each header is
// one Parse recognises exactly, so an export reads back into the same plan.
var exportFields = []Field{FieldRef, FieldAreaCode, FieldArea, FieldAreaOwners, FieldMilestone, FieldAim,
	FieldAction, FieldImpact, FieldLead, FieldSRO, FieldBoard, FieldStart, FieldDue, FieldStatus, FieldRAG, FieldCompleted, FieldProgress, FieldRetired}

// StatusWords is a status as a sheet writes it: "In progress", "Initiate September 2019".
func StatusWords(status, initiateBy string) string {
	switch status {
	case StatusInProgress:
		return "In progress"
	case StatusComplete:
		return "Complete"
	}
	if t, err := time.Parse("2006-01", initiateBy); err == nil {
		return "Initiate " + t.Format("January 2006")
	}
	return "Not started"
}

// DueWords is a due date as a sheet writes it: "31/03/2025" or "March 2025".
func DueWords(due string) string {
	if t, err := time.Parse("2006-01-02", due); err == nil {
		return t.Format("02/01/2006")
	}
	if t, err := time.Parse("2006-01", due); err == nil {
		return t.Format("January 2006")
	}
	return due
}

func exportRow(p *Plan, a Action) []string {
	var area Area
	for _, ar := range p.Areas {
		if ar.Code == a.AreaCode {
			area = ar
		}
	}
	rag := a.RAG
	if rag != "" {
		rag = strings.ToUpper(rag[:1]) + rag[1:]
	}
	return []string{a.Number, area.Code, area.Title, OwnersWords(area.Owners), a.Milestone, a.Aim,
		a.Text, a.Impact, a.Lead, a.SRO, strings.Join(a.Boards, "; "), DueWords(a.Start), DueWords(a.Due),
		StatusWords(a.Status, a.InitiateBy), rag, DueWords(a.Completed), a.Progress, a.Retired}
}

func exportHeaders() []string {
	h := make([]string, len(exportFields))
	for i, f := range exportFields {
		h[i] = f.Label()
	}
	return h
}

// WriteCSV writes p as UTF-8 CSV with a byte order mark, so Excel opens it as
// UTF-8. A cell Excel would run as a formula is written with a leading "'",
// which Parse removes again.
func WriteCSV(p *Plan) ([]byte, error) {
	var b bytes.Buffer
	b.WriteString("\xef\xbb\xbf")
	w := csv.NewWriter(&b)
	if err := w.Write(exportHeaders()); err != nil {
		return nil, err
	}
	for _, a := range p.Actions {
		row := exportRow(p, a)
		for i, v := range row {
			if formulaLike(v) {
				row[i] = "'" + v
			}
		}
		if err := w.Write(row); err != nil {
			return nil, err
		}
	}
	w.Flush()
	return b.Bytes(), w.Error()
}

// formulaLike is a cell a spreadsheet would evaluate when opening a CSV.
func formulaLike(v string) bool {
	return v != "" && strings.ContainsRune("=+-@\t\r", rune(v[0]))
}

// unescapeFormula undoes WriteCSV's guard on a cell read from a CSV.
func unescapeFormula(v string) string {
	if len(v) > 1 && v[0] == '\'' && formulaLike(v[1:]) {
		return v[1:]
	}
	return v
}

// WriteXLSX writes p as a one-sheet workbook named sheet; its dates (due,
// start, completed) are date cells (a month as its first day, shown as the
// month: "mmm yyyy", which Parse reads back as the month) and every other
// value is text, never a formula.
func WriteXLSX(p *Plan, sheet string) ([]byte, error) {
	f := excelize.NewFile()
	defer func() { _ = f.Close() }()
	if err := f.SetSheetName("Sheet1", sheet); err != nil {
		return nil, err
	}
	head, err := f.NewStyle(&excelize.Style{Font: &excelize.Font{Bold: true},
		Alignment: &excelize.Alignment{WrapText: true, Vertical: "top"}})
	if err != nil {
		return nil, err
	}
	dateFmt, monthFmt := "dd/mm/yyyy", "mmm yyyy"
	date, err := f.NewStyle(&excelize.Style{CustomNumFmt: &dateFmt, Alignment: &excelize.Alignment{Vertical: "top"}})
	if err != nil {
		return nil, err
	}
	month, err := f.NewStyle(&excelize.Style{CustomNumFmt: &monthFmt, Alignment: &excelize.Alignment{Vertical: "top"}})
	if err != nil {
		return nil, err
	}
	sw, err := f.NewStreamWriter(sheet)
	if err != nil {
		return nil, err
	}
	hs := exportHeaders()
	cells := make([]any, len(hs))
	for i, h := range hs {
		cells[i] = excelize.Cell{StyleID: head, Value: h}
	}
	if err := sw.SetRow("A1", cells); err != nil {
		return nil, err
	}
	dateCols := map[int]func(Action) string{}
	for i, fl := range exportFields {
		switch fl {
		case FieldDue:
			dateCols[i] = func(a Action) string { return a.Due }
		case FieldStart:
			dateCols[i] = func(a Action) string { return a.Start }
		case FieldCompleted:
			dateCols[i] = func(a Action) string { return a.Completed }
		}
	}
	for r, a := range p.Actions {
		row := exportRow(p, a)
		cells := make([]any, len(row))
		for i, v := range row {
			cells[i] = v
		}
		for col, day := range dateCols {
			if t, err := time.Parse("2006-01-02", day(a)); err == nil {
				cells[col] = excelize.Cell{StyleID: date, Value: t}
			} else if t, err := time.Parse("2006-01", day(a)); err == nil {
				cells[col] = excelize.Cell{StyleID: month, Value: t}
			}
		}
		axis, _ := excelize.CoordinatesToCellName(1, r+2)
		if err := sw.SetRow(axis, cells); err != nil {
			return nil, fmt.Errorf("row %d: %w", r+2, err)
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
