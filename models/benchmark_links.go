package models

import (
	"context"
	"errors"

	"gorm.io/gorm"
	"gorm.io/gorm/clause"
)

// maxBMLinks bounds the links listed for one measure or action.
const maxBMLinks = 200

// ActionBenchmark links an action's impact measure to a DfE measure.
type ActionBenchmark struct {
	ActionID  uint `gorm:"primaryKey;autoIncrement:false"`
	MeasureID uint `gorm:"primaryKey;autoIncrement:false"`
}

// TableName keeps the table name readable.
func (ActionBenchmark) TableName() string { return "action_benchmarks" }

// BenchmarkLinks is what a measure is linked to.
type BenchmarkLinks struct {
	KPIs    []KPI
	Actions []Action
}

// LinksOfBenchmark lists the KPIs and actions linked to measure, in two statements.
func LinksOfBenchmark(ctx context.Context, db *gorm.DB, m *BMMeasure) (BenchmarkLinks, error) {
	var l BenchmarkLinks
	if err := db.WithContext(ctx).Where("benchmark_measure = ?", m.Code).Order("sort_order, code").Limit(maxBMLinks).Find(&l.KPIs).Error; err != nil {
		return l, err
	}
	err := db.WithContext(ctx).Joins("JOIN action_benchmarks ab ON ab.action_id = actions.id").
		Where("ab.measure_id = ?", m.ID).Order("actions.major, actions.minor").Limit(maxBMLinks).Find(&l.Actions).Error
	return l, err
}

// LinkActionBenchmark links the plan's action number to measure; linking
// twice is harmless. With unlink it removes the link.
func LinkActionBenchmark(ctx context.Context, db *gorm.DB, planID uint, measure, number string, unlink bool) error {
	m, err := FindBenchmarkMeasure(ctx, db, measure)
	if err != nil {
		return err
	}
	a, err := FindAction(ctx, db, planID, number)
	if errors.Is(err, ErrNotFound) {
		return Invalid("action", "%q is not an action of the plan, e.g. 3.6", number)
	}
	if err != nil {
		return err
	}
	row := ActionBenchmark{ActionID: a.ID, MeasureID: m.ID}
	if unlink {
		return db.WithContext(ctx).Delete(&row).Error
	}
	return db.WithContext(ctx).Clauses(clause.OnConflict{DoNothing: true}).Create(&row).Error
}

// LinkKPIBenchmark sets (or, with an empty measure, clears) the DfE measure a
// KPI is compared with.
func LinkKPIBenchmark(ctx context.Context, db *gorm.DB, kpiCode, measure string) error {
	k, err := FindKPI(ctx, db, kpiCode)
	if errors.Is(err, ErrNotFound) {
		return Invalid("kpi", "%q is not a KPI code", kpiCode)
	}
	if err != nil {
		return err
	}
	if measure != "" {
		if _, err := FindBenchmarkMeasure(ctx, db, measure); err != nil {
			return Invalid("benchmark_measure", "%q is not a DfE measure", measure)
		}
	}
	return db.WithContext(ctx).Model(k).Update("benchmark_measure", measure).Error
}
