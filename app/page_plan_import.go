package app

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/labstack/echo/v4"

	"sendboard/models"
	"sendboard/models/planfile"
	"sendboard/models/planimport"
)

// planImportForm is what the admin chose and, after the first step, the id
// of the upload the server keeps: the preview and confirm forms carry that
// id, never the file, so the confirmation imports the bytes previewed.
type planImportForm struct {
	Name, Type, Sheet string
	FileName          string // the upload's, for the page
	Upload            string // the kept upload's id
	HeaderRow         int
	Map               map[planfile.Field]string // field -> "#n" or "" (not used)
	Errors            map[string]string
	planImportChoices // what the words mean, when complete work was done
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
	s := summaryOf(d.Form.Errors, []string{"name", "type", "file", "sheet", "completed_on"}, prefixed("pi-"))
	if len(d.Problems) > 0 {
		total := len(d.Problems) + d.More
		listed := "It is listed below."
		switch {
		case d.More > 0:
			listed = "The first " + strconv.Itoa(len(d.Problems)) + " are listed below."
		case total > 1:
			listed = "They are listed below."
		}
		s.Intro = "The file has " + strconv.Itoa(total) + " " + models.Plural(total, "problem", "problems") + ". " + listed +
			" Nothing has been imported. Correct the spreadsheet and upload it again, or choose other columns."
		s.Items = append(s.Items, summaryItem{Message: "Problems in the file", Anchor: "pi-problems"})
	}
	return s
}

// planColumn is one column of the file, as a select offers it.
type planColumn struct {
	Value, Label string
}

// planImportMax is the largest file the page takes: what the reader takes,
// within the request body limit less room for the other fields.
func (a *App) planImportMax() int64 {
	return min(int64(planfile.MaxFileBytes), a.Config.MaxBodyBytes-64<<10)
}

// planImportDeadline bounds the reading of one file, waiting for the one
// before included; a 1,000-action workbook takes well under a second.
const planImportDeadline = time.Minute

// planImportGate runs the page's reads of plan files one at a time.
func (a *App) planImportGate() *planimport.Gate {
	a.gateOnce.Do(func() {
		if a.PlanImportGate == nil {
			a.PlanImportGate = planimport.NewGate(planImportDeadline)
		}
	})
	return a.PlanImportGate
}

func (a *App) planImportPage(c echo.Context) error {
	return a.renderPlanImport(c, http.StatusOK, planImportData{Form: planImportForm{Type: models.PlanPAP}})
}

// planImportSubmit keeps a new upload and previews it, previews a kept
// upload again with the admin's column choices or, when asked, imports the
// kept upload: all or nothing, then on to the new plan's dashboard. A file
// posted beside a kept upload's id is not read: the confirmation imports
// what was previewed.
func (a *App) planImportSubmit(c echo.Context) error {
	f, data, err := a.readPlanImportForm(c)
	if err != nil {
		return err
	}
	readPlanImportChoices(c, &f)
	d := planImportData{Form: f, Submitted: true}
	if len(f.Errors) > 0 {
		return a.renderPlanImport(c, http.StatusBadRequest, d)
	}
	user, now := currentUser(c), a.Now()
	ctx := c.Request().Context()
	fresh := data != nil
	if fresh {
		up, err := planimport.SaveUpload(ctx, a.DB, user, f.FileName, data, now)
		if err != nil {
			return err
		}
		d.Form.Upload = up.ID
	}
	in := planimport.Request{Name: f.Name, Type: f.Type, Sheet: f.Sheet, HeaderRow: f.HeaderRow, Map: f.Map, MaxBytes: a.planImportMax(),
		Flags: a.flagConfig()}
	in.SameLead, in.SameBoard = formSameNames(c)
	// A completion date that is no date stops the import: the preview shows why.
	importing := d.Form.planImportRequestChoices(&in) && c.FormValue("step") == "import" && !fresh
	var up *planimport.Upload
	err = a.planImportGate().Do(ctx, func(ctx context.Context) error {
		var err error
		if importing {
			up, d.Result, err = planimport.ImportUpload(ctx, a.DB, user, d.Form.Upload, in, now)
		} else {
			up, d.Result, err = planimport.PreviewUpload(ctx, a.DB, user, d.Form.Upload, in, now)
		}
		return err
	})
	if up != nil {
		d.Form.FileName = up.FileName
	}
	if err == nil && d.Result != nil && d.Result.Plan != nil {
		a.Log.Info("plan imported", "by", user.Email, "plan", d.Result.Plan.Slug, "actions", len(d.Result.File.Plan.Actions),
			"sha256", up.SHA256)
		return c.Redirect(http.StatusSeeOther, "/plans/"+d.Result.Plan.Slug)
	}
	if ie, ok := models.IsInvalid(err); ok {
		d.Form.Errors = map[string]string{ie.Field: ie.Message}
	} else if err != nil && !errors.As(err, new(*planfile.Error)) {
		return err
	}
	if d.Result == nil || d.Result.File == nil {
		// Nothing could be read: the first form again, for another file.
		if fresh {
			if err := planimport.DeleteUpload(ctx, a.DB, user, d.Form.Upload); err != nil {
				return err
			}
		}
		d.Result, d.Form.Upload = nil, ""
	}
	status := http.StatusOK
	if len(d.Form.Errors) > 0 || d.Result.Err() != nil { // Err is nil-safe
		status = http.StatusUnprocessableEntity
	}
	return a.renderPlanImport(c, status, d)
}

// readPlanImportForm reads the form and either a new file or the id of the
// upload kept for the preview. Problems go in the form's Errors, keyed by
// field.
func (a *App) readPlanImportForm(c echo.Context) (planImportForm, []byte, error) {
	f := planImportForm{Name: trimmed(c, "name"), Type: c.FormValue("type"), Sheet: c.FormValue("sheet"),
		Upload: c.FormValue("upload"), Errors: map[string]string{}}
	limit := a.planImportMax()
	if f.Upload != "" {
		// The same sheet as before: keep the admin's header row and columns.
		if c.FormValue("sheet") == c.FormValue("sheet_was") {
			f.HeaderRow, _ = strconv.Atoi(c.FormValue("header_row"))
			f.Map = formMapping(c)
		}
		return f, nil, nil
	}
	fh, err := c.FormFile("file")
	if err != nil || fh.Filename == "" {
		f.Errors["file"] = "Choose a spreadsheet (XLSX or CSV) to upload"
		return f, nil, nil
	}
	if fh.Size > limit {
		f.Errors["file"] = "The file is larger than the " + humanBytes(limit) + " limit"
		return f, nil, nil
	}
	r, err := fh.Open()
	if err != nil {
		return f, nil, err
	}
	defer r.Close()
	data, err := io.ReadAll(io.LimitReader(r, limit+1))
	if err != nil {
		return f, nil, err
	}
	if int64(len(data)) > limit {
		f.Errors["file"] = "The file is larger than the " + humanBytes(limit) + " limit"
		return f, nil, nil
	}
	f.FileName = fh.Filename
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
	clipPreview(&d)
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
