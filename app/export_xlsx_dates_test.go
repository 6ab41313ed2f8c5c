package app_test

import (
	"bytes"
	"net/http"
	"testing"

	"github.com/xuri/excelize/v2"

	"sendboard/app/apptest"
	"sendboard/models"
	"sendboard/models/modeltest"
)

// "Initiate by" in actions.xlsx is a date cell, the month's first day shown
// as the month, like the due month beside it.
func TestExportXLSXInitiateByIsADate(t *testing.T) {
	t.Parallel()
	apptest.Each(t, func(t *testing.T, env *apptest.Env, d modeltest.DB) {
		c := env.SignIn(t, models.RoleViewer)
		rec := env.Get(c, "/actions.xlsx?milestone=2")
		if rec.Code != http.StatusOK {
			t.Fatalf("GET xlsx = %d", rec.Code)
		}
		f, err := excelize.OpenReader(bytes.NewReader(rec.Body.Bytes()))
		if err != nil {
			t.Fatal(err)
		}
		defer f.Close()
		rows, _ := f.GetRows("Actions")
		// The plan's name is the first row, the header the second.
		if rows[1][13] != "Initiate by" || rows[1][3] != "Start" {
			t.Fatalf("column N is %q, D %q", rows[1][13], rows[1][3])
		}
		found := false
		for i, r := range rows[2:] {
			if r[0] != "2.1" {
				continue
			}
			found = true
			// Initiate by, and the start it gives.
			for _, col := range []int{14, 4} {
				cell, _ := excelize.CoordinatesToCellName(col, i+3)
				typ, _ := f.GetCellType("Actions", cell)
				raw, _ := f.GetCellValue("Actions", cell, excelize.Options{RawCellValue: true})
				shown, _ := f.GetCellValue("Actions", cell)
				// 43678 is 1 August 2019.
				if typ == excelize.CellTypeSharedString || typ == excelize.CellTypeInlineString || raw != "43678" || shown != "Aug 2019" {
					t.Errorf("2.1's %s: type %v, raw %q, shown %q; want the date 43678 shown \"Aug 2019\"", cell, typ, raw, shown)
				}
			}
		}
		if !found {
			t.Fatal("no row for 2.1")
		}
	})
}
