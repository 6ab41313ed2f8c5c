package app

import (
	"strconv"
	"strings"

	"github.com/labstack/echo/v4"

	"sendboard/models"
	"sendboard/models/planfile"
	"sendboard/models/planimport"
)

// planImportChoices are what the admin decides on the preview beyond the
// columns: what each status and RAG word means where the reading of it
// should change, and the day the actions marked Complete without a date of
// their own were completed. The preview form carries them to the import.
type planImportChoices struct {
	Values       map[planfile.ValueKey]planfile.Reading
	Completed    models.DateParts
	CompletedBad []string
}

// maxValueFields bounds the value rows read back from a form, as many as a
// file may use.
const maxValueFields = planfile.MaxValues

// readPlanImportChoices reads value_<n> ("kind:word"), value_<n>_status and
// value_<n>_rag, and the completed_on date. A reading equal to the word's
// own is no choice; a malformed row is ignored, as the form never sends one.
func readPlanImportChoices(c echo.Context, f *planImportForm) {
	params, _ := c.FormParams()
	for n := 0; n < maxValueFields; n++ {
		key := params.Get("value_" + strconv.Itoa(n))
		if key == "" {
			break
		}
		kind, word, ok := strings.Cut(key, ":")
		if !ok || (kind != planfile.KindStatus && kind != planfile.KindRAG) {
			continue
		}
		chosen := params.Get("value_"+strconv.Itoa(n)+"_status") + "/" + params.Get("value_"+strconv.Itoa(n)+"_rag")
		r, err := planfile.ParseReading(strings.Trim(chosen, "/"))
		if err != nil || r.Status == "" {
			continue
		}
		own, _ := planfile.ReadWord(word)
		if r.RAG == planfile.RAGNone && own.RAG == "" || r.RAG == own.RAG {
			if r.Status == own.Status {
				continue
			}
		}
		if f.Values == nil {
			f.Values = map[planfile.ValueKey]planfile.Reading{}
		}
		f.Values[planfile.Key(kind, word)] = r
	}
	f.Completed = models.DateParts{Day: c.FormValue("completed_on-day"), Month: c.FormValue("completed_on-month"),
		Year: c.FormValue("completed_on-year")}
}

// planImportRequestChoices puts the admin's choices in the request; a
// completion date that is not a date is an error on the form, and false.
func (f *planImportForm) planImportRequestChoices(in *planimport.Request) bool {
	in.Values = f.Values
	if f.Completed.Blank() {
		return true
	}
	t, err := f.Completed.Parse("completed_on", "Date the complete actions were completed")
	if ie, ok := models.IsInvalid(err); ok {
		f.Errors[ie.Field], f.CompletedBad = ie.Message, f.Completed.BadParts()
		return false
	}
	in.CompletedOn = t.Format("2006-01-02")
	return true
}

// previewText is what the preview shows of a cell: enough to recognise it,
// as the clipped preview shows every cell (see clipPreview).
func previewText(s string) string { return models.Clip(s, previewCell) }

// planValueRow is one distinct status or RAG word on the preview.
type planValueRow struct {
	N                 int
	Key               string // "kind:word", posted back
	Kind, Text        string
	Column            string
	Rows              string // "4, 12, 20 and 3 more"
	Status, RAG       string // what it becomes; RAG "none" for no rating
	Matched, Chosen   bool
	StatusID, RAGID   string
	StatusOpts, RAGOp []planColumn
}

// ValueRows are the file's status and RAG words as the preview lists them.
func (d planImportData) ValueRows() []planValueRow {
	if d.Result == nil || d.Result.File == nil {
		return nil
	}
	var out []planValueRow
	for i, v := range d.Result.File.Values {
		r := planValueRow{N: i, Key: v.Key.Kind + ":" + v.Text, Kind: v.Key.Kind, Text: previewText(v.Text),
			Column: previewText(v.Column), Rows: rowList(v.Rows, v.RowCount), Matched: v.Matched, Chosen: v.Chosen,
			StatusID: "pi-value-" + strconv.Itoa(i) + "-status", RAGID: "pi-value-" + strconv.Itoa(i) + "-rag"}
		if v.Matched {
			r.Status, r.RAG = v.Reading.Status, v.Reading.RAG
			if r.RAG == "" {
				r.RAG = planfile.RAGNone
			}
		}
		if !r.Matched {
			r.StatusOpts = append(r.StatusOpts, planColumn{Value: "", Label: "Choose a status"})
		}
		for _, s := range models.Statuses {
			r.StatusOpts = append(r.StatusOpts, planColumn{Value: s, Label: models.StatusLabel(s)})
		}
		for _, g := range append([]string{planfile.RAGNone}, models.RAGs...) {
			label := "Not rated"
			if g != planfile.RAGNone {
				label = ragLabel(g)
			}
			r.RAGOp = append(r.RAGOp, planColumn{Value: g, Label: label})
		}
		out = append(out, r)
	}
	return out
}

// rowList words the rows a value is on: "4, 12 and 3 more".
func rowList(rows []int, total int) string {
	s := make([]string, len(rows))
	for i, r := range rows {
		s[i] = strconv.Itoa(r)
	}
	out := strings.Join(s, ", ")
	if more := total - len(rows); more > 0 {
		out += " and " + strconv.Itoa(more) + " more"
	}
	return out
}

// CompletedField is the date input for complete actions without a date.
func (d planImportData) CompletedField() dateField {
	return dateField{ID: "pi-completed_on", Name: "completed_on", Label: "Date the complete actions were completed",
		Value: d.Form.Completed, Error: d.Form.Errors["completed_on"], BadParts: d.Form.CompletedBad,
		Hint: "The file marks these actions Complete without saying when. Their completion is recorded on this date; left blank, it is not recorded. For example, 31 3 2025."}
}

// planSampleTable is the first actions read, one column per mapped field.
type planSampleTable struct {
	Headers []string
	Rows    [][]string
}

// SampleTable shows every field the file's columns are mapped to for the
// first actions, and what the review periods make of them.
func (d planImportData) SampleTable() planSampleTable {
	var t planSampleTable
	if d.Result == nil || d.Result.File == nil {
		return t
	}
	f := d.Result.File
	// The reference first, as the row's header, whether read or numbered.
	fields := []planfile.Field{planfile.FieldRef}
	for _, fl := range f.SortedFields() {
		if fl != planfile.FieldRef {
			fields = append(fields, fl)
		}
	}
	for _, fl := range fields {
		t.Headers = append(t.Headers, fl.Label())
	}
	if len(f.Periods) > 0 {
		t.Headers = append(t.Headers, "Review periods")
	}
	for _, a := range d.Sample {
		var row []string
		for _, fl := range fields {
			row = append(row, previewText(sampleCell(a, fl)))
		}
		if len(f.Periods) > 0 {
			var hs []string
			for _, h := range a.History {
				w := models.StatusLabel(h.Status)
				if h.RAG != "" {
					w += ", " + ragLabel(h.RAG)
				}
				hs = append(hs, planfile.DueWords(h.End)+": "+w)
			}
			row = append(row, previewText(strings.Join(hs, "; ")))
		}
		t.Rows = append(t.Rows, row)
	}
	return t
}

// sampleCell is what the import makes of field fl of an action.
func sampleCell(a planfile.Action, fl planfile.Field) string {
	switch fl {
	case planfile.FieldRef:
		return a.Number
	case planfile.FieldArea, planfile.FieldAreaCode:
		return a.AreaCode
	case planfile.FieldMilestone:
		return a.Milestone
	case planfile.FieldAim:
		return a.Aim
	case planfile.FieldAction:
		return a.Text
	case planfile.FieldImpact:
		return a.Impact
	case planfile.FieldLead:
		return a.Lead
	case planfile.FieldLeadGovernance:
		return strings.TrimSpace(a.Lead + "; " + strings.Join(a.Boards, "; "))
	case planfile.FieldSRO:
		return a.SRO
	case planfile.FieldBoard:
		return strings.Join(a.Boards, "; ")
	case planfile.FieldStart:
		return orNone(planfile.DueWords(a.Start), "No start date")
	case planfile.FieldDue:
		return orNone(planfile.DueWords(a.Due), "No due date")
	case planfile.FieldStatus:
		return planfile.StatusWords(a.Status, a.InitiateBy)
	case planfile.FieldRAG:
		return orNone(ragWord(a.RAG), "Not rated")
	case planfile.FieldCompleted:
		return planfile.DueWords(a.Completed)
	case planfile.FieldProgress:
		return a.Progress
	case planfile.FieldRetired:
		return a.Retired
	}
	return ""
}

func ragWord(r string) string {
	if r == "" {
		return ""
	}
	return ragLabel(r)
}

func orNone(s, none string) string {
	if s == "" {
		return none
	}
	return s
}
