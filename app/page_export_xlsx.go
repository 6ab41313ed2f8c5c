package app

import (
	"fmt"
	"time"

	"github.com/labstack/echo/v4"
	"github.com/xuri/excelize/v2"

	"sendboard/models"
)

// Columns of models.ExportColumns the workbook treats specially.
const (
	xlsxColDue      = 2
	xlsxColStart    = 3
	xlsxColInitiate = 13
	xlsxColRAG      = 15
)

// xlsxStyles are the workbook's cell styles.
type xlsxStyles struct {
	head, text, month, day int
	rag                    map[string]int
}

// ragFills are the RAG cells' fills and font colours (GOV.UK tag colours).
var ragFills = map[string][2]string{
	"red": {"F4CDC6", "2A0B06"}, "amber": {"FCD6C3", "6E3619"}, "green": {"CCE2D8", "005A30"}, "blue": {"BBD4EA", "0C2D4A"},
}

func newXLSXStyles(f *excelize.File) (xlsxStyles, error) {
	s := xlsxStyles{rag: map[string]int{}}
	var err error
	add := func(dst *int, st *excelize.Style) {
		if err == nil {
			*dst, err = f.NewStyle(st)
		}
	}
	top := &excelize.Alignment{Vertical: "top", WrapText: true}
	month, day := "mmm yyyy", "d mmm yyyy"
	add(&s.head, &excelize.Style{Font: &excelize.Font{Bold: true}, Alignment: top})
	add(&s.text, &excelize.Style{Alignment: top})
	add(&s.month, &excelize.Style{CustomNumFmt: &month, Alignment: top})
	add(&s.day, &excelize.Style{CustomNumFmt: &day, Alignment: top})
	for rag, c := range ragFills {
		var id int
		add(&id, &excelize.Style{Alignment: top, Font: &excelize.Font{Bold: true, Color: c[1]},
			Fill: excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{c[0]}}})
		s.rag[ragLabel(rag)] = id
	}
	return s, err
}

// xlsxWidths are the columns' widths in characters.
var xlsxWidths = []float64{8, 22, 11, 8, 30, 40, 50, 40, 22, 30, 30, 12, 14, 16, 14, 50, 12, 40, 22, 12}

// actionsXLSX writes the dashboard's selection, in its sort, as a workbook
// with the plan named in its first row and one Excel table below it: autofilter, frozen header rows, RAG cells coloured,
// dates as dates.
func (a *App) actionsXLSX(c echo.Context) error {
	ref, f, total, err := a.exportSelection(c)
	if err != nil {
		return err
	}
	wb := excelize.NewFile()
	defer wb.Close()
	st, err := newXLSXStyles(wb)
	if err != nil {
		return err
	}
	const sheet = "Actions"
	if err := wb.SetSheetName("Sheet1", sheet); err != nil {
		return err
	}
	sw, err := wb.NewStreamWriter(sheet)
	if err != nil {
		return err
	}
	for i, w := range xlsxWidths {
		if err := sw.SetColWidth(i+1, i+1, w); err != nil {
			return err
		}
	}
	if err := sw.SetPanes(&excelize.Panes{Freeze: true, YSplit: 2, TopLeftCell: "A3", ActivePane: "bottomLeft"}); err != nil {
		return err
	}
	title := exportTitle(ref.Plan)
	if err := sw.SetRow("A1", []any{excelize.Cell{StyleID: st.head, Value: title[0]}, excelize.Cell{StyleID: st.head, Value: title[1]}}); err != nil {
		return err
	}
	head := make([]any, len(models.ExportColumns))
	for i, h := range models.ExportColumns {
		head[i] = excelize.Cell{StyleID: st.head, Value: h}
	}
	if err := sw.SetRow("A2", head); err != nil {
		return err
	}
	row := 2
	err = models.EachExportBatch(c.Request().Context(), a.DB, ref, f, total, func(rows []models.ExportRow) error {
		for _, r := range rows {
			row++
			cell, _ := excelize.CoordinatesToCellName(1, row)
			if err := sw.SetRow(cell, xlsxCells(r, st)); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return err
	}
	last, _ := excelize.CoordinatesToCellName(len(models.ExportColumns), max(row, 3))
	if err := sw.AddTable(&excelize.Table{Range: "A2:" + last, Name: "Actions", StyleName: "TableStyleLight9",
		ShowRowStripes: ptrBool(true)}); err != nil {
		return err
	}
	if err := sw.Flush(); err != nil {
		return err
	}
	if err := wb.SetDocProps(&excelize.DocProperties{Title: ref.Plan.Name + " actions", Creator: "sendboard",
		Created: a.Now().UTC().Format("2006-01-02T15:04:05Z")}); err != nil {
		return err
	}
	a.exportHeaders(c, ref.Plan, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "xlsx")
	c.Response().WriteHeader(200)
	if _, err := wb.WriteTo(c.Response()); err != nil {
		return fmt.Errorf("writing the XLSX: %w", err)
	}
	return nil
}

func ptrBool(b bool) *bool { return &b }

// xlsxCells are one action's cells: dates as dates, the due, start and
// initiate-by months as their first days shown as months, the RAG cell
// filled in its colour.
func xlsxCells(r models.ExportRow, st xlsxStyles) []any {
	v := exportValues(r)
	out := make([]any, len(v))
	for i, x := range v {
		c := excelize.Cell{StyleID: st.text, Value: x}
		switch t := x.(type) {
		case time.Time:
			c.StyleID, c.Value = st.day, t
		case string:
			if i == xlsxColDue || i == xlsxColStart {
				if d, ok := dueTime(t); ok {
					c.StyleID, c.Value = st.month, d
					if len(t) == len(time.DateOnly) {
						c.StyleID = st.day
					}
				}
			}
			if i == xlsxColInitiate && r.Action.InitiateBy != nil {
				if m, err := time.Parse("2006-01", *r.Action.InitiateBy); err == nil {
					c.StyleID, c.Value = st.month, m
				}
			}
			if id, ok := st.rag[t]; ok && i == xlsxColRAG {
				c.StyleID = id
			}
		}
		out[i] = c
	}
	return out
}
