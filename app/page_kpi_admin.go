package app

import (
	"net/http"
	"net/url"
	"strings"

	"github.com/labstack/echo/v4"

	"sendboard/models"
	"sendboard/models/measure"
)

// kpiField is one field of the KPI form, in order, with its value and error.
type kpiField struct {
	Name, Label, Hint, Kind, Value, Error, Width string
	Options                                      [][2]string // value, label
}

type kpiEditData struct {
	KPI    *measure.KPI // nil when adding
	Fields []kpiField
	Errors []models.InvalidError
}

// ErrorSummary lists every problem in the order of the form's fields, all
// of a field's together.
func (d kpiEditData) ErrorSummary() errorSummary {
	items := make([]summaryItem, len(d.Errors))
	for i, e := range d.Errors {
		items[i] = summaryItem{Field: e.Field, Message: e.Message, Anchor: "k-" + e.Field}
	}
	fields := make([]string, len(d.Fields))
	for i, f := range d.Fields {
		fields[i] = f.Name
	}
	return errorSummary{Items: inFormOrder(items, fields)}
}

func kpiFields(f measure.KPIForm, errs map[string]string, adding bool) []kpiField {
	opts := func(values []string, label func(string) string) [][2]string {
		var out [][2]string
		for _, v := range values {
			out = append(out, [2]string{v, label(v)})
		}
		return out
	}
	same := func(s string) string { return s }
	fs := []kpiField{
		{Name: "name", Label: "Name", Kind: "text", Value: f.Name},
		{Name: "unit", Label: "Unit", Kind: "select", Value: f.Unit, Options: opts(measure.KPIUnits, same)},
		{Name: "decimals", Label: "Decimal places", Hint: "Figures and targets are shown to this many places.", Kind: "text", Value: f.Decimals, Width: "govuk-input--width-2"},
		{Name: "direction", Label: "Polarity", Kind: "select", Value: f.Direction, Options: [][2]string{{"up", "Higher is better"}, {"down", "Lower is better"}, {"none", "Neither: within a range"}}},
		{Name: "period_type", Label: "Period type", Kind: "select", Value: f.PeriodType, Options: opts(measure.KPIPeriodTypes, measure.PeriodTypeLabel)},
		{Name: "baseline_value", Label: "Baseline value", Hint: "Where the KPI started, e.g. 3559.", Kind: "text", Value: f.BaselineValue, Width: "govuk-input--width-10"},
		{Name: "baseline_period", Label: "Baseline period", Hint: "For example 2023-24 or 2024-25 Q1.", Kind: "text", Value: f.BaselinePeriod, Width: "govuk-input--width-10"},
		{Name: "target_min", Label: "Standing target", Hint: "Applies to any period without its own target or trajectory. For a range, the lower end.", Kind: "text", Value: f.TargetMin, Width: "govuk-input--width-10"},
		{Name: "target_max", Label: "Upper end of a target range (optional)", Kind: "text", Value: f.TargetMax, Width: "govuk-input--width-10"},
		{Name: "target_text", Label: "Target as the report words it", Kind: "text", Value: f.TargetText},
		{Name: "targets", Label: "Targets by period (trajectory)", Hint: "One per line, like 2025-26 Q1: 90 or 2025-26: 12 to 15. Between two milestones the target follows a straight line from the earlier one (or the baseline).", Kind: "textarea", Value: f.Targets},
		{Name: "tolerance", Label: "Amber tolerance", Hint: "How far short of target, in the KPI's unit, is amber rather than red. 0 means no amber.", Kind: "text", Value: f.Tolerance, Width: "govuk-input--width-5"},
		{Name: "owner_email", Label: "Owner (a user's email)", Hint: "Asked for commentary when a figure is red.", Kind: "text", Value: f.OwnerEmail},
		{Name: "owner_role", Label: "Owner (a role)", Hint: "Or a role; anyone holding it as a lead role may comment.", Kind: "text", Value: f.OwnerRole},
		{Name: "source", Label: "Source", Kind: "text", Value: f.Source},
		{Name: "description", Label: "Definition", Kind: "textarea", Value: f.Description},
		{Name: "benchmark_measure", Label: "DfE benchmark measure code (optional)", Hint: "For example SEN_EHC_All_20wks; see DfE benchmarks.", Kind: "text", Value: f.BenchmarkMeasure},
	}
	if adding {
		fs = append([]kpiField{{Name: "code", Label: "Code", Hint: "Used in feeds and imports, like sendiass.initial_enquiries. It cannot be changed later.", Kind: "text", Value: f.Code}}, fs...)
	}
	for i := range fs {
		fs[i].Error = errs[fs[i].Name]
	}
	return fs
}

func kpiFormOf(c echo.Context) measure.KPIForm {
	v := c.FormValue
	return measure.KPIForm{Code: v("code"), Name: v("name"), Unit: v("unit"), Direction: v("direction"), PeriodType: v("period_type"),
		Decimals: v("decimals"), TargetMin: v("target_min"), TargetMax: v("target_max"), TargetText: v("target_text"),
		BaselineValue: v("baseline_value"), BaselinePeriod: v("baseline_period"), Tolerance: v("tolerance"),
		OwnerEmail: v("owner_email"), OwnerRole: v("owner_role"), Source: v("source"), Description: v("description"),
		BenchmarkMeasure: v("benchmark_measure"), Targets: v("targets")}
}

func (a *App) renderKPIEdit(c echo.Context, status int, k *measure.KPI, f measure.KPIForm, fe *measure.FormErrors) error {
	d := kpiEditData{KPI: k}
	errs := map[string]string{}
	if fe != nil {
		d.Errors, errs = fe.List, fe.ByField()
	}
	d.Fields = kpiFields(f, errs, k == nil)
	title := "Add a KPI"
	if k != nil {
		title = "Edit " + k.Name
	}
	v := a.view(c, title, "kpis")
	v.Data = d
	return c.Render(status, "kpi_edit", v)
}

func (a *App) kpiNewPage(c echo.Context) error {
	return a.renderKPIEdit(c, http.StatusOK, nil, measure.KPIForm{Decimals: "0", Direction: "up", PeriodType: "financial_quarter", Tolerance: "0"}, nil)
}

func (a *App) kpiEditPage(c echo.Context) error {
	ctx := c.Request().Context()
	k, err := measure.FindKPI(ctx, a.DB, c.Param("code"))
	if err != nil {
		return err
	}
	ts, err := measure.ListTargets(ctx, a.DB, []uint{k.ID})
	if err != nil {
		return err
	}
	return a.renderKPIEdit(c, http.StatusOK, k, measure.FormOf(ctx, a.DB, k, ts[k.ID]), nil)
}

// kpiSaveSubmit adds (no code in the path) or edits a KPI; every error is
// shown at once with the admin's input kept.
func (a *App) kpiSaveSubmit(c echo.Context) error {
	ctx := c.Request().Context()
	code := c.Param("code")
	var cur *measure.KPI
	if code != "" {
		var err error
		if cur, err = measure.FindKPI(ctx, a.DB, code); err != nil {
			return err
		}
	}
	f := kpiFormOf(c)
	k, err := measure.SaveKPI(ctx, a.DB, code, f, a.Now())
	if fe, ok := err.(*measure.FormErrors); ok {
		return a.renderKPIEdit(c, http.StatusBadRequest, cur, f, fe)
	}
	if ie, ok := models.IsInvalid(err); ok {
		return a.renderKPIEdit(c, http.StatusBadRequest, cur, f, &measure.FormErrors{List: []models.InvalidError{*ie}})
	}
	if err != nil {
		return err
	}
	return c.Redirect(http.StatusSeeOther, "/kpis?saved="+url.QueryEscape(k.Code)+"#kpi-"+url.QueryEscape(k.Code))
}

// kpiCommentarySubmit records the owner's commentary on a red figure.
func (a *App) kpiCommentarySubmit(c echo.Context) error {
	code := c.Param("code")
	err := measure.AddKPICommentary(c.Request().Context(), a.DB, currentUser(c), code, c.FormValue("commentary"), a.Now())
	if ie, ok := models.IsInvalid(err); ok {
		return a.renderKPIs(c, http.StatusBadRequest, map[string]any{"CommentaryError": ie.Message, "CommentaryKPI": code,
			"CommentaryText": c.FormValue("commentary"),
			"ErrorSummary":   errorSummary{Items: []summaryItem{{Field: "commentary", Message: ie.Message, Anchor: "commentary-" + code}}}})
	}
	if err != nil {
		return err
	}
	return c.Redirect(http.StatusSeeOther, "/kpis?commented="+url.QueryEscape(code)+"#kpi-"+url.QueryEscape(code))
}

// DescribedBy lists the ids of the field's hint and error.
func (f kpiField) DescribedBy() string {
	var ids []string
	if f.Hint != "" {
		ids = append(ids, "k-"+f.Name+"-hint")
	}
	if f.Error != "" {
		ids = append(ids, "k-"+f.Name+"-error")
	}
	return strings.Join(ids, " ")
}
