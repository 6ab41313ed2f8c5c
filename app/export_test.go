package app_test

import (
	"bytes"
	"context"
	"encoding/csv"
	"net/http"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"sendboard/app/apptest"
	"sendboard/models"
	"sendboard/models/modeltest"
)

// csvRows downloads path and parses it as CSV, checking that its file name
// and first row name the seeded plan; it returns the rows below that.
func csvRows(t *testing.T, env *apptest.Env, c *apptest.Client, path string) [][]string {
	t.Helper()
	return planCSVRows(t, env, c, path, "dorset-wsoa-2019", seededPlanName)
}

// planCSVRows is csvRows for the plan with slug and name.
func planCSVRows(t *testing.T, env *apptest.Env, c *apptest.Client, path, slug, name string) [][]string {
	t.Helper()
	rec := env.Get(c, path)
	if rec.Code != http.StatusOK || !strings.HasPrefix(rec.Header().Get("Content-Type"), "text/csv") ||
		!strings.Contains(rec.Header().Get("Content-Disposition"), `attachment; filename="sendboard-`+slug+`-actions-`) ||
		rec.Header().Get("Cache-Control") != "no-store" {
		t.Fatalf("GET %s = %d %v", path, rec.Code, rec.Header())
	}
	rows, err := csv.NewReader(rec.Body).ReadAll()
	if err != nil {
		t.Fatalf("GET %s: %v", path, err)
	}
	if len(rows) < 2 || rows[0][0] != "Plan" || rows[0][1] != name {
		t.Fatalf("GET %s: first row %q, want the plan %q named", path, rows[0], name)
	}
	return rows[1:]
}

func column(rows [][]string, name string) []string {
	i := slices.Index(rows[0], name)
	var out []string
	for _, r := range rows[1:] {
		out = append(out, r[i])
	}
	return out
}

// TestExportCSV: the CSV has every column of the plan plus flags, due and
// last update, and exactly the dashboard's selection in its sort.
func TestExportCSV(t *testing.T) {
	t.Parallel()
	apptest.Each(t, func(t *testing.T, env *apptest.Env, d modeltest.DB) {
		if _, err := models.RunFlags(context.Background(), d.DB, time.Now(), time.UTC, 90); err != nil {
			t.Fatal(err)
		}
		d.DB.Model(&models.Action{}).Where("number = ?", "1.4").Updates(map[string]any{"rag": "red", "progress": "=HYPERLINK(\"http://x\")"})
		c := env.SignIn(t, models.RoleViewer)
		rows := csvRows(t, env, c, "/actions.csv")
		if !slices.Equal(rows[0], models.ExportColumns) || len(rows) != 61 {
			t.Fatalf("header %v, %d rows; want every column and 60 actions", rows[0], len(rows)-1)
		}
		byNum := map[string][]string{}
		for _, r := range rows[1:] {
			byNum[r[0]] = r
		}
		get := func(num, col string) string { return byNum[num][slices.Index(models.ExportColumns, col)] }
		var a models.Action
		d.DB.Where("number = ?", "2.3").Take(&a)
		for col, want := range map[string]string{"Due": "2019-10", "Lead": "DCO", "Priority area": "1",
			"Lead and governance (plan)": a.LeadAndGovernance, "Action": a.Text, "Aim": a.Aim, "Impact measure": a.ImpactMeasure,
			"Boards": "CCG Audit and Quality Group; SEND Health Forum", "Status": "In progress", "Last update": "2019-06-30"} {
			if got := get("2.3", col); got != want {
				t.Errorf("2.3 %s = %q, want %q", col, got, want)
			}
		}
		if f := get("2.1", "Flags"); !strings.Contains(f, "Overdue initiation: initiate by August 2019") || !strings.Contains(f, "Milestone passed: due October 2019") {
			t.Errorf("2.1 flags = %q", f)
		}
		if s := get("2.1", "Start"); s != "2019-08" {
			t.Errorf("2.1 start = %q, want its initiate-by month", s)
		}
		if s := get("2.1", "Flags since"); !strings.Contains(s, "2019-09-01") || !strings.Contains(s, "2019-11-01") {
			t.Errorf("2.1 flags since = %q", s)
		}
		if p := get("1.4", "Progress"); !strings.HasPrefix(p, "'=") {
			t.Errorf("a formula-looking cell is written as %q; spreadsheets would run it", p)
		}
		// The dashboard's filters and sort, every page.
		if got := column(csvRows(t, env, c, "/actions.csv?milestone=3&sort=-number"), "Number"); len(got) != 17 || got[0] != "3.17" || got[16] != "3.1" {
			t.Errorf("milestone 3 descending = %v", got)
		}
		if got := column(csvRows(t, env, c, "/actions.csv?board=schools-forum"), "Number"); !slices.Equal(got, []string{"2.8", "2.13", "3.4", "3.5", "3.9", "3.10", "3.11"}) {
			t.Errorf("schools forum = %v", got)
		}
		if got := column(csvRows(t, env, c, "/actions.csv?sort=rag&page=2&size=50"), "Number"); len(got) != 60 || got[0] != "1.4" {
			t.Errorf("an export ignores paging and keeps the sort: %d rows starting %v", len(got), got[:1])
		}
		if rec := env.Get(c, "/actions.csv?status=done"); rec.Code != http.StatusBadRequest {
			t.Errorf("a bad filter = %d, want 400", rec.Code)
		}
		// The dashboard, board and lead pages link to their exports.
		for path, link := range map[string]string{"/?rag=red&sort=due": `href="/actions.csv?rag=red&amp;sort=due"`,
			"/boards/schools-forum": `href="/actions.xlsx?board=schools-forum"`, "/leads/dco?status=in_progress": `href="/actions.csv?lead=dco&amp;status=in_progress"`} {
			if !strings.Contains(env.Get(c, path).Body.String(), link) {
				t.Errorf("%s has no link %s", path, link)
			}
		}
	})
}

// TestExportXLSX: a real Excel table (autofilter), frozen header row, RAG
// cells coloured, dates as dates.
func TestExportXLSX(t *testing.T) {
	t.Parallel()
	apptest.Each(t, func(t *testing.T, env *apptest.Env, d modeltest.DB) {
		d.DB.Model(&models.Action{}).Where("number = ?", "1.4").Update("rag", "red")
		d.DB.Model(&models.Action{}).Where("number = ?", "1.5").Update("rag", "green")
		c := env.SignIn(t, models.RoleViewer)
		rec := env.Get(c, "/actions.xlsx?milestone=1&sort=rag")
		if rec.Code != http.StatusOK || rec.Header().Get("Content-Type") != "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" {
			t.Fatalf("GET xlsx = %d %s", rec.Code, rec.Header().Get("Content-Type"))
		}
		f, err := excelize.OpenReader(bytes.NewReader(rec.Body.Bytes()))
		if err != nil {
			t.Fatal(err)
		}
		defer f.Close()
		tables, err := f.GetTables("Actions")
		if err != nil || len(tables) != 1 || tables[0].Range != "A2:V23" {
			t.Fatalf("tables = %+v (%v), want one over A2:V23 (header and 21 actions, below the plan's name)", tables, err)
		}
		panes, err := f.GetPanes("Actions")
		if err != nil || !panes.Freeze || panes.YSplit != 2 {
			t.Errorf("panes = %+v, want the plan's name and the header row frozen", panes)
		}
		rows, _ := f.GetRows("Actions")
		if rows[0][0] != "Plan" || rows[0][1] != seededPlanName {
			t.Errorf("first row %q, want the plan named", rows[0])
		}
		if rows[2][0] != "1.4" || rows[3][0] != "1.5" || rows[1][15] != "RAG" {
			t.Errorf("sorted by RAG the first rows are %s, %s", rows[2][0], rows[3][0])
		}
		fill := func(cell string) string {
			id, _ := f.GetCellStyle("Actions", cell)
			st, _ := f.GetStyle(id)
			if st == nil || len(st.Fill.Color) == 0 {
				return ""
			}
			return st.Fill.Color[0]
		}
		if fill("P3") != "F4CDC6" || fill("P4") != "CCE2D8" || fill("P5") != "" {
			t.Errorf("RAG fills = %q %q %q", fill("P3"), fill("P4"), fill("P5"))
		}
		// Dates are numbers formatted as dates, not text.
		for _, cell := range []string{"C3", "R3"} {
			typ, _ := f.GetCellType("Actions", cell)
			raw, _ := f.GetCellValue("Actions", cell, excelize.Options{RawCellValue: true})
			shown, _ := f.GetCellValue("Actions", cell)
			if typ == excelize.CellTypeSharedString || typ == excelize.CellTypeInlineString || strings.Contains(raw, "-") {
				t.Errorf("%s is text %q, want a date", cell, raw)
			}
			if cell == "C3" && shown != "Jul 2019" || cell == "R3" && shown != "30 Jun 2019" {
				t.Errorf("%s shows %q", cell, shown)
			}
		}
	})
}

// seededPlanName is the seeded plan's name, as its exports give it.
const seededPlanName = "Dorset local area updated action plan against the Written Statement of Action"
