package app

import (
	"encoding/csv"
	"fmt"
	"strconv"
	"strings"

	"github.com/labstack/echo/v4"
	"github.com/xuri/excelize/v2"

	"sendboard/models"
	"sendboard/models/risk"
)

// riskColumns are the register export's columns.
var riskColumns = []string{"ID", "Kind", "Title", "Description", "Owner", "Likelihood", "Impact", "Score",
	"Target score", "Mitigation", "Review by", "Status", "Area", "Actions", "Escalated"}

// riskExport reads the register the page's filters select (at most
// risk.MaxList rows, the most the page shows).
func (a *App) riskExport(c echo.Context) (*models.Plan, []risk.Risk, error) {
	plan, err := a.pathPlan(c)
	if err != nil {
		return nil, nil, err
	}
	f, err := riskFilterOf(c)
	if err != nil {
		return nil, nil, err
	}
	list, _, err := risk.List(c.Request().Context(), a.DB, plan.ID, f)
	return plan, list, err
}

// riskValues is one risk's row: numbers as numbers, blanks as nil.
func riskValues(r risk.Risk) []any {
	var target, reviewBy any
	if r.TargetScore != nil {
		target = *r.TargetScore
	}
	if r.ReviewBy != "" {
		reviewBy = r.ReviewBy
	}
	esc := "no"
	if r.Escalated {
		esc = "yes"
	}
	return []any{int(r.ID), r.Kind, r.Title, r.Description, r.Owner, r.Likelihood, r.Impact, r.Score, target,
		r.Mitigation, reviewBy, r.Status, r.AreaCode, strings.Join(r.Actions, ", "), esc}
}

func (a *App) riskExportHeaders(c echo.Context, p models.Plan, contentType, ext string) {
	h := c.Response().Header()
	h.Set(echo.HeaderContentType, contentType)
	h.Set(echo.HeaderContentDisposition, fmt.Sprintf(`attachment; filename="sendboard-%s-risks-%s.%s"`, p.Slug, a.Now().In(a.Config.Location()).Format("2006-01-02"), ext))
	h.Set("Cache-Control", "no-store")
}

func (a *App) risksCSV(c echo.Context) error {
	plan, list, err := a.riskExport(c)
	if err != nil {
		return err
	}
	a.riskExportHeaders(c, *plan, "text/csv; charset=utf-8", "csv")
	c.Response().WriteHeader(200)
	w := csv.NewWriter(c.Response())
	title := make([]string, len(riskColumns))
	copy(title, exportTitle(*plan))
	_ = w.Write(csvRecordOf(title))
	_ = w.Write(riskColumns)
	for _, r := range list {
		v := riskValues(r)
		rec := make([]string, len(v))
		for i, x := range v {
			switch x := x.(type) {
			case string:
				rec[i] = noFormula(x)
			case int:
				rec[i] = strconv.Itoa(x)
			}
		}
		if err := w.Write(rec); err != nil {
			return err
		}
	}
	w.Flush()
	return w.Error()
}

func (a *App) risksXLSX(c echo.Context) error {
	plan, list, err := a.riskExport(c)
	if err != nil {
		return err
	}
	wb := excelize.NewFile()
	defer wb.Close()
	const sheet = "Risks"
	if err := wb.SetSheetName("Sheet1", sheet); err != nil {
		return err
	}
	head, err := wb.NewStyle(&excelize.Style{Font: &excelize.Font{Bold: true}})
	if err != nil {
		return err
	}
	sw, err := wb.NewStreamWriter(sheet)
	if err != nil {
		return err
	}
	for i, w := range []float64{6, 8, 40, 50, 24, 10, 8, 8, 10, 50, 12, 8, 8, 16, 10} {
		if err := sw.SetColWidth(i+1, i+1, w); err != nil {
			return err
		}
	}
	title := exportTitle(*plan)
	if err := sw.SetRow("A1", []any{excelize.Cell{StyleID: head, Value: title[0]}, excelize.Cell{StyleID: head, Value: title[1]}}); err != nil {
		return err
	}
	cols := make([]any, len(riskColumns))
	for i, h := range riskColumns {
		cols[i] = excelize.Cell{StyleID: head, Value: h}
	}
	if err := sw.SetRow("A2", cols); err != nil {
		return err
	}
	for i, r := range list {
		cell, _ := excelize.CoordinatesToCellName(1, i+3)
		if err := sw.SetRow(cell, riskValues(r)); err != nil {
			return err
		}
	}
	if err := sw.Flush(); err != nil {
		return err
	}
	a.riskExportHeaders(c, *plan, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "xlsx")
	c.Response().WriteHeader(200)
	if _, err := wb.WriteTo(c.Response()); err != nil {
		return fmt.Errorf("writing the XLSX: %w", err)
	}
	return nil
}
