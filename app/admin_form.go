package app

import (
	"net/http"
	"strings"

	"github.com/labstack/echo/v4"

	"sendboard/models"
)

// adminForm is a page of the plan admin: an optional table of what exists, a
// form described field by field, and the audit of past changes. One template
// renders them all, so every admin form has the same error summary, labels
// and error messages.
type adminForm struct {
	Title, Caption, Intro string
	Inset                 string // what the form is about, quoted: an action's text
	Action, Submit        string // where the form posts and its button
	Back, BackText        string
	Fields                []formField
	Errors                []fieldError // in the order of the fields
	Table                 *adminTable
	Links                 []link
	Audit                 []models.AuditEntry
}

// formField is one question. Type is text, textarea, select, radios,
// checkboxes, checkbox or date; a date's Value is "YYYY-MM-DD" and its
// inputs are Name-day, Name-month and Name-year.
type formField struct {
	Name, Label, Hint, Type, Value, Error string
	Width                                 string // a govuk-input--width-N class suffix
	Options                               []option
}

type option struct {
	Value, Label string
	Selected     bool
}

type fieldError struct{ Field, Message string }

type link struct{ Text, Href string }

// adminTable lists existing rows; a cell with Href is a link.
type adminTable struct {
	Caption string
	Head    []string
	Rows    [][]link
}

// ErrorSummary lists the form's problems, each linked to its field; one on no
// field of the form is not linked.
func (d adminForm) ErrorSummary() errorSummary {
	items := make([]summaryItem, len(d.Errors))
	for i, e := range d.Errors {
		items[i] = summaryItem{Field: e.Field, Message: e.Message}
		if e.Field != "" {
			items[i].Anchor = "f-" + e.Field
		}
	}
	fields := make([]string, len(d.Fields))
	for i, f := range d.Fields {
		fields[i] = f.Name
	}
	return errorSummary{Items: inFormOrder(items, fields)}
}

// DateParts splits a date field's value for the three inputs.
func (f formField) DateParts() [3]string {
	p := strings.SplitN(f.Value, "-", 3)
	for len(p) < 3 {
		p = append(p, "")
	}
	return [3]string{strings.TrimLeft(p[2], "0"), strings.TrimLeft(p[1], "0"), p[0]}
}

// withError marks err on its field (or the first field) for re-showing the form.
func (d *adminForm) withError(err *models.InvalidError) {
	for i := range d.Fields {
		if d.Fields[i].Name == err.Field {
			d.Fields[i].Error = err.Message
			d.Errors = append(d.Errors, fieldError{err.Field, err.Message})
			return
		}
	}
	d.Errors = append(d.Errors, fieldError{"", err.Message})
}

// options builds choices from values and a labelling function, selecting sel.
func options(values []string, label func(string) string, sel string) []option {
	out := make([]option, len(values))
	for i, v := range values {
		out[i] = option{Value: v, Label: label(v), Selected: v == sel}
	}
	return out
}

// dateValue reads a GOV.UK date input named name as "YYYY-MM-DD" (unchecked:
// the models validate it, and a bad date comes back as the user typed it).
func dateValue(c echo.Context, name string) string {
	d, m, y := trimmed(c, name+"-day"), trimmed(c, name+"-month"), trimmed(c, name+"-year")
	if d == "" && m == "" && y == "" {
		return ""
	}
	pad := func(s string) string {
		if len(s) == 1 {
			return "0" + s
		}
		return s
	}
	return y + "-" + pad(m) + "-" + pad(d)
}

// dueValue reads a GOV.UK date input for a due date: "YYYY-MM-DD", or
// "YYYY-MM" when only the day is left blank, as plans set months as due dates.
func dueValue(c echo.Context, name string) string {
	if trimmed(c, name+"-day") == "" && trimmed(c, name+"-month") != "" {
		m := trimmed(c, name+"-month")
		if len(m) == 1 {
			m = "0" + m
		}
		return trimmed(c, name+"-year") + "-" + m
	}
	return dateValue(c, name)
}

// renderAdmin shows an admin form page; err, when it is bad input, is shown
// on its field with a 400.
func (a *App) renderAdmin(c echo.Context, d adminForm, err error) error {
	status := http.StatusOK
	if err != nil {
		ie, ok := models.IsInvalid(err)
		if !ok {
			return err
		}
		d.withError(ie)
		status = http.StatusBadRequest
	}
	c.Response().Header().Set("Cache-Control", "no-store")
	v := a.view(c, d.Title, "plans")
	v.Data = d
	return c.Render(status, "admin_form", v)
}
