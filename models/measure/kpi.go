package measure

import (
	"time"
)

// KPI is a SENDIASS series definition.
type KPI struct {
	ID          uint     `gorm:"primaryKey" json:"-"`
	Code        string   `json:"code"`
	Name        string   `json:"name"`
	Unit        string   `json:"unit"`
	Frequency   string   `json:"frequency"`
	Direction   string   `json:"direction"`
	TargetMin   *float64 `json:"target_min"`
	TargetMax   *float64 `json:"target_max"`
	TargetText  string   `json:"target_text"`
	Description string   `json:"description"`
	SortOrder   int      `json:"-"`
	// What a figure is judged by: its decimal places and period type, where it
	// started (baseline), how far short of target is amber (Tolerance, in the
	// KPI's unit), who answers for it and where its figures come from.
	Decimals         int      `json:"decimals"`
	PeriodType       string   `gorm:"default:financial_quarter" json:"period_type"`
	BaselineValue    *float64 `json:"baseline_value"`
	BaselinePeriod   string   `json:"baseline_period"`
	Tolerance        float64  `json:"tolerance"`
	OwnerUserID      *uint    `json:"owner_user_id"`
	OwnerRole        string   `json:"owner_role"`
	Source           string   `json:"source"`
	BenchmarkMeasure string   `json:"benchmark_measure"`
}

// KPIFigure is one revision of a KPI's value for a period. Revisions are kept:
// the newest has Current set.
type KPIFigure struct {
	ID         uint      `gorm:"primaryKey" json:"-"`
	KPIID      uint      `gorm:"column:kpi_id" json:"-"`
	Period     string    `json:"period"`
	PeriodSort int       `json:"-"`
	Revision   int       `json:"revision"`
	Current    bool      `json:"-"`
	Value      float64   `json:"value"`
	Commentary string    `json:"commentary"`
	Source     string    `json:"source"`
	CreatedAt  time.Time `json:"recorded_at"`
}

// TableName keeps the table name readable.
func (KPI) TableName() string { return "kpis" }

// TableName keeps the table name readable.
func (KPIFigure) TableName() string { return "kpi_figures" }
