package app

import (
	"encoding/base64"
	"errors"
	"fmt"
	"io"
	"net/http"
	"strconv"
	"strings"

	"github.com/labstack/echo/v4"

	"sendboard/models"
	"sendboard/models/planfile"
	"sendboard/models/planimport"
)

// planImportForm is what the admin chose and, after the first step, the file
// itself: the preview page posts it back (base64 in a hidden field), so no
// upload is kept on the server between the steps and any replica can finish.
type planImportForm struct {
	Name, Type, Sheet string
	FileName          string
	Data              string // base64 of the file
	HeaderRow         int
	Map               map[planfile.Field]string // field -> "#n" or "" (not used)
	Errors            map[string]string
}

type planImportData struct {
	Form      planImportForm
	Types     []string
	Result    *planimport.Result
	Fields    []planfile.Field
	Columns   []planColumn
	Sample    []planfile.Action
	Problems  []planfile.Problem
	More      int // problems found beyond those listed
	Limit     string
	Submitted bool
}

// ErrorSummary lists the form's problems and, when the file has some, says
// how many and links to their list below the form.
func (d planImportData) ErrorSummary() errorSummary {
	s := summaryOf(d.Form.Errors, []string{"name", "type", "file", "sheet"}, prefixed("pi-"))
	if len(d.Problems) > 0 {
		n := strconv.Itoa(len(d.Problems))
		if d.More > 0 {
			n += " of " + strconv.Itoa(len(d.Problems)+d.More)
		}
		s.Intro = "The file has " + n + " problems listed below. Nothing has been imported. Correct the spreadsheet and upload it again, or choose other columns."
		s.Items = append(s.Items, summaryItem{Message: "Problems in the file", Anchor: "pi-problems"})
	}
	return s
}

// planColumn is one column of the file, as a select offers it.
type planColumn struct {
	Value, Label string
}

// planImportMax is the largest file the page takes: the file travels back in
// the preview form as base64, which must fit the request body limit.
func (a *App) planImportMax() int64 {
	return min(int64(planfile.MaxFileBytes), (a.Config.MaxBodyBytes-64<<10)*3/4)
}

func (a *App) planImportPage(c echo.Context) error {
	return a.renderPlanImport(c, http.StatusOK, planImportData{Form: planImportForm{Type: models.PlanPAP}})
}

// planImportSubmit previews an upload (or a re-posted file with the admin's
// column choices) and, when asked, imports it: all or nothing, then on to the
// new plan's dashboard.
func (a *App) planImportSubmit(c echo.Context) error {
	f, data, err := a.readPlanImportForm(c)
	if err != nil {
		return err
	}
	d := planImportData{Form: f, Submitted: true}
	if len(f.Errors) > 0 {
		return a.renderPlanImport(c, http.StatusBadRequest, d)
	}
	in := planimport.Request{Name: f.Name, Type: f.Type, File: f.FileName, Sheet: f.Sheet, HeaderRow: f.HeaderRow, Map: f.Map,
		MaxBytes: a.planImportMax()}
	in.SameLead, in.SameBoard = formSameNames(c)
	ctx := c.Request().Context()
	if c.FormValue("step") == "import" {
		d.Result, err = planimport.Import(ctx, a.DB, currentUser(c), data, in, a.Now())
		if err == nil {
			a.Log.Info("plan imported", "by", currentUser(c).Email, "plan", d.Result.Plan.Slug, "actions", len(d.Result.File.Plan.Actions))
			return c.Redirect(http.StatusSeeOther, "/plans/"+d.Result.Plan.Slug)
		}
	} else {
		d.Result, err = planimport.Preview(ctx, a.DB, data, in, a.Now())
	}
	if ie, ok := models.IsInvalid(err); ok {
		d.Form.Errors = map[string]string{ie.Field: ie.Message}
	} else if err != nil && !errors.As(err, new(*planfile.Error)) {
		return err
	}
	status := http.StatusOK
	if len(d.Form.Errors) > 0 || d.Result.Err() != nil { // Err is nil-safe
		status = http.StatusUnprocessableEntity
	}
	return a.renderPlanImport(c, status, d)
}

// readPlanImportForm reads the form and the file: a new upload, else the one
// the preview posted back. Problems go in the form's Errors, keyed by field.
func (a *App) readPlanImportForm(c echo.Context) (planImportForm, []byte, error) {
	f := planImportForm{Name: trimmed(c, "name"), Type: c.FormValue("type"), Sheet: c.FormValue("sheet"),
		FileName: c.FormValue("file_name"), Data: c.FormValue("data"), Errors: map[string]string{}}
	limit := a.planImportMax()
	var data []byte
	if fh, err := c.FormFile("file"); err == nil && fh.Filename != "" {
		if fh.Size > limit {
			f.Errors["file"] = "The file is larger than the " + humanBytes(limit) + " limit"
			return f, nil, nil
		}
		r, err := fh.Open()
		if err != nil {
			return f, nil, err
		}
		defer r.Close()
		if data, err = io.ReadAll(io.LimitReader(r, limit+1)); err != nil {
			return f, nil, err
		}
		f.FileName, f.Sheet = fh.Filename, c.FormValue("sheet")
	} else if f.Data != "" {
		if data, err = base64.StdEncoding.DecodeString(f.Data); err != nil {
			f.Errors["file"] = "The file sent back by the preview is damaged: upload it again"
			return f, nil, nil
		}
		// The same file as before: keep the admin's header row and columns.
		if c.FormValue("sheet") == c.FormValue("sheet_was") {
			f.HeaderRow, _ = strconv.Atoi(c.FormValue("header_row"))
			f.Map = formMapping(c)
		}
	} else {
		f.Errors["file"] = "Choose a spreadsheet (XLSX or CSV) to upload"
		return f, nil, nil
	}
	if int64(len(data)) > limit {
		f.Errors["file"] = "The file is larger than the " + humanBytes(limit) + " limit"
		return f, nil, nil
	}
	f.Data = base64.StdEncoding.EncodeToString(data)
	if f.Name == "" {
		f.Errors["name"] = "Enter the plan's name"
	}
	return f, data, nil
}

// formMapping reads the column selects: map_<field> = "#n" or "".
func formMapping(c echo.Context) map[planfile.Field]string {
	params, _ := c.FormParams()
	m := map[planfile.Field]string{}
	for _, fl := range planfile.Fields {
		if v, ok := params["map_"+string(fl)]; ok && len(v) == 1 {
			m[fl] = v[0]
		}
	}
	if len(m) == 0 {
		return nil
	}
	return m
}

func (a *App) renderPlanImport(c echo.Context, status int, d planImportData) error {
	d.Types, d.Fields, d.Limit = models.PlanTypes, planfile.Fields, humanBytes(a.planImportMax())
	if r := d.Result; r != nil && r.File != nil {
		for i, h := range r.File.Headers {
			label := fmt.Sprintf("Column %d", i+1)
			if strings.TrimSpace(h) != "" {
				label += ": " + h
			}
			d.Columns = append(d.Columns, planColumn{Value: "#" + strconv.Itoa(i+1), Label: label})
		}
		d.Sample = r.File.Plan.Actions[:min(10, len(r.File.Plan.Actions))]
		d.Problems, d.More = r.File.Problems, r.File.ProblemCount-len(r.File.Problems)
		d.Form.HeaderRow, d.Form.Sheet = r.File.HeaderRow, r.File.Sheet
	}
	c.Response().Header().Set("Cache-Control", "no-store")
	v := a.view(c, "Import a plan", "plans")
	v.Data = d
	return c.Render(status, "plan_import", v)
}

// Selected is the select value for field f: "#n" for its column, "" for none.
func (d planImportData) Selected(f planfile.Field) string {
	if d.Result == nil || d.Result.File == nil {
		return ""
	}
	if col, ok := d.Result.File.Columns[f]; ok {
		return "#" + strconv.Itoa(col+1)
	}
	return ""
}

// TypeOptions are the plan types as the type select offers them.
func (d planImportData) TypeOptions() []planColumn {
	out := make([]planColumn, len(d.Types))
	for i, t := range d.Types {
		out[i] = planColumn{Value: t, Label: models.PlanTypeLabel(t)}
	}
	return out
}

// DueWords and StatusWords word a sample action's due date and status.
func (planImportData) DueWords(due string) string { return planfile.DueWords(due) }

// StatusWords words a sample action's status as a sheet would.
func (planImportData) StatusWords(a planfile.Action) string {
	return planfile.StatusWords(a.Status, a.InitiateBy)
}
