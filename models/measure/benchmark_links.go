package measure

import (
	"context"
	"errors"

	"gorm.io/gorm"
	"gorm.io/gorm/clause"

	"sendboard/models"
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
	Actions []LinkedAction
}

// LinkedAction is an action whose impact measure is linked to a measure,
// with the plan it belongs to (actions are numbered within their plan).
type LinkedAction struct {
	Number, ImpactMeasure string
	PlanSlug, PlanName    string
	PlanIsDefault         bool
}

// LinksOfBenchmark lists the KPIs and the actions in force linked to
// measure, the default plan's first, in two statements.
func LinksOfBenchmark(ctx context.Context, db *gorm.DB, m *Benchmark) (BenchmarkLinks, error) {
	var l BenchmarkLinks
	if err := db.WithContext(ctx).Where("benchmark_measure = ?", m.Code).Order("sort_order, code").Limit(maxBMLinks).Find(&l.KPIs).Error; err != nil {
		return l, err
	}
	err := db.WithContext(ctx).Table("actions").
		Select("actions.number, actions.impact_measure, p.slug AS plan_slug, p.name AS plan_name, p.is_default AS plan_is_default").
		Joins("JOIN action_benchmarks ab ON ab.action_id = actions.id").
		Joins("JOIN plans p ON p.id = actions.plan_id").
		Where("ab.measure_id = ? AND actions.retired_at IS NULL", m.ID).
		Order("p.is_default DESC, p.name, actions.major, actions.minor").Limit(maxBMLinks).Scan(&l.Actions).Error
	return l, err
}

// LinkActionBenchmark links the plan's action number to measure; linking
// twice is harmless. With unlink it removes the link.
func LinkActionBenchmark(ctx context.Context, db *gorm.DB, planID uint, measure, number string, unlink bool) error {
	m, err := FindBenchmark(ctx, db, measure)
	if err != nil {
		return err
	}
	a, err := models.FindAction(ctx, db, planID, number)
	if errors.Is(err, models.ErrNotFound) {
		return models.Invalid("action", "%q is not an action of the plan, e.g. 3.6", number)
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
	if errors.Is(err, models.ErrNotFound) {
		return models.Invalid("kpi", "%q is not a KPI code", kpiCode)
	}
	if err != nil {
		return err
	}
	if measure != "" {
		if _, err := FindBenchmark(ctx, db, measure); err != nil {
			return models.Invalid("benchmark_measure", "%q is not a DfE measure", measure)
		}
	}
	return db.WithContext(ctx).Model(k).Update("benchmark_measure", measure).Error
}

// ActionBenchmarkCodes lists the measures linked to an action, for its page.
func ActionBenchmarkCodes(ctx context.Context, db *gorm.DB, actionID uint) ([]Benchmark, error) {
	var ms []Benchmark
	err := db.WithContext(ctx).Joins("JOIN action_benchmarks ab ON ab.measure_id = bm_measures.id").
		Where("ab.action_id = ?", actionID).Order("bm_measures.code").Limit(maxBMLinks).Find(&ms).Error
	return ms, err
}
