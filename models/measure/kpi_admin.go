package measure

import (
	"context"
	"errors"
	"fmt"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"time"

	"gorm.io/gorm"

	"sendboard/models"
)

// KPIForm is a KPI definition as an admin types it (page or API): numbers are
// text so every mistake can be reported against its field at once.
type KPIForm struct {
	Code, Name, Unit, Direction, PeriodType string
	Decimals                                string
	TargetMin, TargetMax, TargetText        string
	BaselineValue, BaselinePeriod           string
	Tolerance                               string
	OwnerEmail, OwnerRole                   string
	Source, Description, BenchmarkMeasure   string
	Targets                                 string // one per line: "2025-26 Q1: 90" or "2025-26: 12-15"
}

// FormErrors lists every field in error, in form order; errors.As finds the
// first as an *InvalidError, so the API answers with its field.
type FormErrors struct{ List []models.InvalidError }

func (e *FormErrors) Error() string {
	var parts []string
	for _, f := range e.List {
		parts = append(parts, f.Error())
	}
	return strings.Join(parts, "; ")
}

// Unwrap gives the first field error.
func (e *FormErrors) Unwrap() error { return &e.List[0] }

// ByField maps each field to its message, for the page.
func (e *FormErrors) ByField() map[string]string {
	out := map[string]string{}
	for _, f := range e.List {
		if _, ok := out[f.Field]; !ok {
			out[f.Field] = f.Message
		}
	}
	return out
}

func (e *FormErrors) add(field, format string, args ...any) {
	e.List = append(e.List, models.InvalidError{Field: field, Message: fmt.Sprintf(format, args...)})
}

var kpiCodeRE = regexp.MustCompile(`^[a-z0-9][a-z0-9_.-]{1,99}$`)

// optNum reads an optional number field.
func optNum(fe *FormErrors, field, label, s string) *float64 {
	s = strings.TrimSpace(strings.ReplaceAll(strings.TrimSuffix(strings.TrimSpace(s), "%"), ",", ""))
	if s == "" {
		return nil
	}
	v, err := strconv.ParseFloat(s, 64)
	if err != nil || !finite(v) {
		fe.add(field, "%s must be a number, like 90 or 12.5", label)
		return nil
	}
	return &v
}

var targetLineRE = regexp.MustCompile(`^\s*([^:]+?)\s*:\s*([-0-9.,]+)\s*%?\s*(?:(?:-|–|to)\s*([-0-9.,]+)\s*%?)?\s*$`)

// parseTargets reads the target lines: "period: target" or "period: min to max".
func parseTargets(fe *FormErrors, text string) []KPITarget {
	var out []KPITarget
	seen := map[string]int{}
	for i, line := range strings.Split(text, "\n") {
		if strings.TrimSpace(line) == "" {
			continue
		}
		m := targetLineRE.FindStringSubmatch(line)
		if m == nil {
			fe.add("targets", "Line %d: write each target as a period and a figure, like 2025-26 Q1: 90 or 2025-26: 12 to 15", i+1)
			continue
		}
		p, err := models.ParsePeriod(m[1])
		if err != nil {
			fe.add("targets", "Line %d: %v", i+1, err)
			continue
		}
		if first, dup := seen[p.String()]; dup {
			fe.add("targets", "Line %d: %s already has a target on line %d", i+1, p, first)
			continue
		}
		seen[p.String()] = i + 1
		t := KPITarget{Period: p.String(), PeriodSort: p.SortKey(), TargetMin: optNum(fe, "targets", fmt.Sprintf("Line %d's target", i+1), m[2])}
		if m[3] != "" {
			t.TargetMax = optNum(fe, "targets", fmt.Sprintf("Line %d's upper target", i+1), m[3])
		}
		out = append(out, t)
	}
	return out
}

// TargetLines writes targets back as the form's lines.
func TargetLines(k KPI, ts []KPITarget) string {
	var b strings.Builder
	for _, t := range ts {
		b.WriteString(t.Period + ": ")
		if t.TargetMin != nil {
			b.WriteString(formatValue(*t.TargetMin))
		}
		if t.TargetMax != nil && (t.TargetMin == nil || *t.TargetMax != *t.TargetMin) {
			b.WriteString(" to " + formatValue(*t.TargetMax))
		}
		b.WriteString("\n")
	}
	return b.String()
}

// frequencyOf keeps the older frequency column in step with the period type.
func frequencyOf(periodType string) string {
	switch periodType {
	case "financial_quarter":
		return "quarterly"
	case "month":
		return "monthly"
	}
	return "annual"
}

// SaveKPI creates (code empty) or updates the KPI with its targets, and
// re-judges its newest figure, all in one transaction.
func SaveKPI(ctx context.Context, db *gorm.DB, code string, f KPIForm, now time.Time) (*KPI, error) {
	fe := &FormErrors{}
	k := KPI{Code: strings.TrimSpace(f.Code), Name: strings.TrimSpace(f.Name), Unit: f.Unit, Direction: f.Direction,
		PeriodType: f.PeriodType, TargetText: strings.TrimSpace(f.TargetText), Description: strings.TrimSpace(f.Description),
		Source: strings.TrimSpace(f.Source), OwnerRole: strings.TrimSpace(f.OwnerRole), BaselinePeriod: strings.TrimSpace(f.BaselinePeriod),
		BenchmarkMeasure: strings.TrimSpace(f.BenchmarkMeasure)}
	if code == "" && !kpiCodeRE.MatchString(k.Code) {
		fe.add("code", "Enter a code of lower-case letters, digits, dots, dashes or underscores, like sendiass.initial_enquiries")
	}
	if k.Name == "" {
		fe.add("name", "Enter the KPI's name")
	}
	if !slices.Contains(KPIUnits, k.Unit) && k.Unit != "people" && k.Unit != "users" {
		fe.add("unit", "Choose a unit: %s", strings.Join(KPIUnits, ", "))
	}
	if d, err := strconv.Atoi(strings.TrimSpace(f.Decimals)); err != nil || d < 0 || d > 4 {
		fe.add("decimals", "Decimal places must be a whole number from 0 to 4")
	} else {
		k.Decimals = d
	}
	if !slices.Contains(KPIDirections, k.Direction) {
		fe.add("direction", "Choose whether higher or lower is better, or neither")
	}
	if !slices.Contains(KPIPeriodTypes, k.PeriodType) {
		fe.add("period_type", "Choose a period type")
	}
	k.Frequency = frequencyOf(k.PeriodType)
	k.TargetMin = optNum(fe, "target_min", "The target", f.TargetMin)
	k.TargetMax = optNum(fe, "target_max", "The upper target", f.TargetMax)
	if k.TargetMin != nil && k.TargetMax != nil && *k.TargetMax < *k.TargetMin {
		fe.add("target_max", "The upper target must not be below the target")
	}
	k.BaselineValue = optNum(fe, "baseline_value", "The baseline", f.BaselineValue)
	if k.BaselinePeriod != "" {
		if p, err := models.ParsePeriod(k.BaselinePeriod); err != nil {
			fe.add("baseline_period", "Baseline period: %v", err)
		} else {
			k.BaselinePeriod = p.String()
		}
	}
	if (k.BaselineValue == nil) != (k.BaselinePeriod == "") {
		fe.add("baseline_value", "Give the baseline's value and its period, or neither")
	}
	if t := optNum(fe, "tolerance", "The tolerance", f.Tolerance); t != nil {
		if *t < 0 {
			fe.add("tolerance", "The tolerance cannot be negative")
		}
		k.Tolerance = *t
	}
	targets := parseTargets(fe, f.Targets)
	if email := strings.TrimSpace(f.OwnerEmail); email != "" {
		u, err := models.FindUserByEmail(ctx, db, email)
		if err != nil {
			fe.add("owner_email", "No user has the email address %s", email)
		} else {
			k.OwnerUserID = &u.ID
		}
	}
	if k.BenchmarkMeasure != "" {
		if _, err := FindBenchmark(ctx, db, k.BenchmarkMeasure); err != nil {
			fe.add("benchmark_measure", "%q is not a DfE measure code", k.BenchmarkMeasure)
		}
	}
	var cur *KPI
	if code != "" {
		var err error
		if cur, err = FindKPI(ctx, db, code); err != nil {
			return nil, err
		}
		k.ID, k.Code, k.SortOrder = cur.ID, cur.Code, cur.SortOrder
	} else if _, err := FindKPI(ctx, db, k.Code); err == nil {
		fe.add("code", "A KPI with the code %s already exists", k.Code)
	}
	if len(fe.List) > 0 {
		return nil, fe
	}
	err := db.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		if cur == nil {
			var n int64
			if err := tx.Model(&KPI{}).Count(&n).Error; err != nil {
				return err
			}
			k.SortOrder = int(n)
			if err := tx.Create(&k).Error; err != nil {
				return err
			}
		} else if err := tx.Save(&k).Error; err != nil {
			return err
		}
		if err := tx.Where("kpi_id = ?", k.ID).Delete(&KPITarget{}).Error; err != nil {
			return err
		}
		for i := range targets {
			targets[i].KPIID = k.ID
		}
		if len(targets) > 0 {
			if err := tx.Create(&targets).Error; err != nil {
				return err
			}
		}
		return EvaluateKPIExceptions(tx, []uint{k.ID}, now)
	})
	if errors.Is(err, gorm.ErrDuplicatedKey) {
		return nil, models.Invalid("code", "A KPI with the code %s already exists", k.Code)
	}
	return &k, err
}

// FormOf fills the form from a saved KPI.
func FormOf(ctx context.Context, db *gorm.DB, k *KPI, ts []KPITarget) KPIForm {
	num := func(v *float64) string {
		if v == nil {
			return ""
		}
		return formatValue(*v)
	}
	f := KPIForm{Code: k.Code, Name: k.Name, Unit: k.Unit, Direction: k.Direction, PeriodType: k.PeriodType,
		Decimals: strconv.Itoa(k.Decimals), TargetMin: num(k.TargetMin), TargetMax: num(k.TargetMax), TargetText: k.TargetText,
		BaselineValue: num(k.BaselineValue), BaselinePeriod: k.BaselinePeriod, Tolerance: formatValue(k.Tolerance),
		OwnerRole: k.OwnerRole, Source: k.Source, Description: k.Description, BenchmarkMeasure: k.BenchmarkMeasure,
		Targets: TargetLines(*k, ts)}
	if k.OwnerUserID != nil {
		var u models.User
		if db.WithContext(ctx).Select("email").Where("id = ?", *k.OwnerUserID).Take(&u).Error == nil {
			f.OwnerEmail = u.Email
		}
	}
	return f
}
