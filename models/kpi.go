package models

import "time"

// KPI is a SENDIASS series definition.
type KPI struct {
	ID          uint     `gorm:"primaryKey" json:"-"`
	Code        string   `gorm:"size:100;uniqueIndex;not null" json:"code"`
	Name        string   `gorm:"not null" json:"name"`
	Unit        string   `gorm:"size:20;not null" json:"unit"`
	Frequency   string   `gorm:"size:20;not null" json:"frequency"`
	Direction   string   `gorm:"size:10;not null" json:"direction"`
	TargetMin   *float64 `json:"target_min"`
	TargetMax   *float64 `json:"target_max"`
	TargetText  string   `gorm:"not null;default:''" json:"target_text"`
	Description string   `gorm:"not null;default:''" json:"description"`
	SortOrder   int      `gorm:"not null;default:0" json:"-"`
	// What a figure is judged by: its decimal places and period type, where it
	// started (baseline), how far short of target is amber (Tolerance, in the
	// KPI's unit), who answers for it and where its figures come from.
	Decimals         int      `gorm:"not null;default:0" json:"decimals"`
	PeriodType       string   `gorm:"size:30;not null;default:financial_quarter" json:"period_type"`
	BaselineValue    *float64 `json:"baseline_value"`
	BaselinePeriod   string   `gorm:"size:20;not null;default:''" json:"baseline_period"`
	Tolerance        float64  `gorm:"not null;default:0" json:"tolerance"`
	OwnerUserID      *uint    `json:"owner_user_id"`
	OwnerRole        string   `gorm:"size:200;not null;default:''" json:"owner_role"`
	Source           string   `gorm:"not null;default:''" json:"source"`
	BenchmarkMeasure string   `gorm:"size:100;not null;default:''" json:"benchmark_measure"`
}

// KPIFigure is one revision of a KPI's value for a period. Revisions are kept:
// the newest has Current set.
type KPIFigure struct {
	ID         uint      `gorm:"primaryKey" json:"-"`
	KPIID      uint      `gorm:"column:kpi_id;not null;uniqueIndex:ux_figure_rev,priority:1;index:ix_figure_current,priority:1" json:"-"`
	Period     string    `gorm:"size:20;not null;uniqueIndex:ux_figure_rev,priority:2" json:"period"`
	PeriodSort int       `gorm:"not null;index:ix_figure_current,priority:3" json:"-"`
	Revision   int       `gorm:"not null;uniqueIndex:ux_figure_rev,priority:3" json:"revision"`
	Current    bool      `gorm:"not null;index:ix_figure_current,priority:2" json:"-"`
	Value      float64   `gorm:"not null" json:"value"`
	Commentary string    `gorm:"not null;default:''" json:"commentary"`
	Source     string    `gorm:"not null;default:''" json:"source"`
	CreatedAt  time.Time `json:"recorded_at"`
}

// TableName keeps the table name readable.
func (KPI) TableName() string { return "kpis" }

// TableName keeps the table name readable.
func (KPIFigure) TableName() string { return "kpi_figures" }

// Evaluate says whether value meets the KPI's target: "met", "not_met" or "" when
// the KPI has no numeric target.
func (k KPI) Evaluate(value float64) string {
	if k.TargetMin == nil && k.TargetMax == nil {
		return ""
	}
	if k.TargetMin != nil && value < *k.TargetMin {
		return "not_met"
	}
	if k.TargetMax != nil && value > *k.TargetMax {
		return "not_met"
	}
	return "met"
}
