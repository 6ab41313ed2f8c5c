package measure

import (
	"context"
	"math"
	"sort"
	"strconv"

	"gorm.io/gorm"

	"sendboard/models"
)

// KPI units, polarities (stored as direction) and period types.
var (
	KPIUnits       = []string{"count", "percent", "rate", "days", "weeks", "score", "money"}
	KPIDirections  = []string{"up", "down", "none"}
	KPIPeriodTypes = []string{"financial_quarter", "financial_year", "academic_year", "calendar_year", "january_census", "month"}
)

// PeriodTypeLabel words a period type.
func PeriodTypeLabel(t string) string {
	switch t {
	case "financial_quarter":
		return "Financial quarter"
	case "financial_year":
		return "Financial year"
	case "academic_year":
		return "Academic year"
	case "calendar_year":
		return "Calendar year"
	case "january_census":
		return "January census"
	case "month":
		return "Month"
	}
	return t
}

// PolarityLabel words which way is better.
func (k KPI) PolarityLabel() string {
	switch k.Direction {
	case "up":
		return "Higher is better"
	case "down":
		return "Lower is better"
	}
	return "Neither: within the target range"
}

// Format shows v at the KPI's decimal places with its unit: "90%", "£1,200".
func (k KPI) Format(v float64) string {
	s := strconv.FormatFloat(RoundDP(v, k.Decimals), 'f', k.Decimals, 64)
	switch k.Unit {
	case "percent":
		return s + "%"
	case "money":
		return "£" + s
	case "days", "weeks":
		return s + " " + k.Unit
	}
	return s
}

// KPITarget is a KPI's target for one period; several make a trajectory.
type KPITarget struct {
	ID         uint     `gorm:"primaryKey" json:"-"`
	KPIID      uint     `gorm:"column:kpi_id" json:"-"`
	Period     string   `json:"period"`
	PeriodSort int      `json:"-"`
	TargetMin  *float64 `json:"target_min"`
	TargetMax  *float64 `json:"target_max"`
}

// TableName keeps the table name readable.
func (KPITarget) TableName() string { return "kpi_targets" }

// Target is what one figure is judged by.
type Target struct {
	Min, Max *float64
	From     string // "period", "trajectory", "standing" or "" for none
}

// Label words the target: "90%", "12 to 15", "at most 5".
func (t Target) Label(k KPI) string {
	switch {
	case t.Min != nil && t.Max != nil && *t.Min != *t.Max:
		return k.Format(*t.Min) + " to " + k.Format(*t.Max)
	case t.Min != nil:
		return k.Format(*t.Min)
	case t.Max != nil:
		return k.Format(*t.Max)
	}
	return ""
}

// periodIndex counts quarters (or years) so a trajectory can be interpolated.
func periodIndex(p models.Period) float64 {
	if p.Quarter == 0 {
		return float64(p.StartYear)
	}
	return float64(p.StartYear*4 + p.Quarter - 1)
}

// TargetFor is the target of period: its own, else the trajectory between the
// milestones around it (from the baseline before the first), else after the
// last milestone that milestone's, else the KPI's standing target. Quarters
// and whole years keep to their own kind. targets are sorted by period.
func TargetFor(k KPI, targets []KPITarget, period string) Target {
	p, err := models.ParsePeriod(period)
	if err != nil {
		return Target{}
	}
	yearly := p.Quarter == 0
	type point struct {
		at       float64
		min, max *float64
	}
	var pts []point
	milestones := 0
	if bp, err := models.ParsePeriod(k.BaselinePeriod); err == nil && k.BaselineValue != nil && (bp.Quarter == 0) == yearly {
		pts = append(pts, point{periodIndex(bp), k.BaselineValue, nil})
	}
	for _, t := range targets {
		tp, err := models.ParsePeriod(t.Period)
		if err != nil || (tp.Quarter == 0) != yearly {
			continue
		}
		if tp == p {
			return Target{Min: t.TargetMin, Max: t.TargetMax, From: "period"}
		}
		pts = append(pts, point{periodIndex(tp), t.TargetMin, t.TargetMax})
		milestones++
	}
	sort.SliceStable(pts, func(i, j int) bool { return pts[i].at < pts[j].at })
	at := periodIndex(p)
	for i := 1; i < len(pts); i++ {
		a, b := pts[i-1], pts[i]
		if at > a.at && at < b.at && b.min != nil && a.min != nil {
			f := (at - a.at) / (b.at - a.at)
			v := *a.min + (*b.min-*a.min)*f
			v = math.Round(v*1e6) / 1e6
			return Target{Min: &v, From: "trajectory"}
		}
	}
	if n := len(pts); n > 0 && at > pts[n-1].at && milestones > 0 {
		return Target{Min: pts[n-1].min, Max: pts[n-1].max, From: "trajectory"}
	}
	if k.TargetMin != nil || k.TargetMax != nil {
		return Target{Min: k.TargetMin, Max: k.TargetMax, From: "standing"}
	}
	return Target{}
}

// RAG judges value against t: green at or beyond target, amber short of it
// by no more than the KPI's tolerance, red beyond that, "none" without a
// target. Which side is beyond depends on the KPI's polarity; with neither,
// the target is a range and both sides count.
func RAG(k KPI, t Target, value float64) string {
	if t.Min == nil && t.Max == nil {
		return "none"
	}
	v := RoundDP(value, max(k.Decimals, 0)+2)
	tol := math.Abs(k.Tolerance)
	short := 0.0 // how far the figure falls short of target
	switch k.Direction {
	case "up":
		goal := t.Min
		if goal == nil {
			goal = t.Max
		}
		short = *goal - v
	case "down":
		goal := t.Max
		if goal == nil {
			goal = t.Min
		}
		short = v - *goal
	default:
		if t.Min != nil && v < *t.Min {
			short = *t.Min - v
		}
		if t.Max != nil && v > *t.Max {
			short = v - *t.Max
		}
	}
	switch {
	case short <= 1e-9:
		return "green"
	case short <= tol+1e-9:
		return "amber"
	}
	return "red"
}

// ListTargets returns every target of the given KPIs (all when ids is nil), by period.
func ListTargets(ctx context.Context, db *gorm.DB, ids []uint) (map[uint][]KPITarget, error) {
	q := db.WithContext(ctx).Order("kpi_id, period_sort").Limit(maxFigures)
	if ids != nil {
		q = q.Where("kpi_id IN ?", ids)
	}
	var ts []KPITarget
	if err := q.Find(&ts).Error; err != nil {
		return nil, err
	}
	out := map[uint][]KPITarget{}
	for _, t := range ts {
		out[t.KPIID] = append(out[t.KPIID], t)
	}
	return out, nil
}

// KPIRAGLabel words a KPI's RAG for pages.
func KPIRAGLabel(r string) string {
	switch r {
	case "green":
		return "Green: target met"
	case "amber":
		return "Amber: within tolerance"
	case "red":
		return "Red: off track"
	}
	return "No target"
}
