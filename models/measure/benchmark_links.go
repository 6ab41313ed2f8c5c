package measure

import (
	"context"
	"errors"
	"time"

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

// SetActionBenchmark links (link true) or unlinks a plan's current action
// and measure for actor, who must be an admin, and records the change in the
// action's audit log, in one transaction. Linking what is linked, or
// unlinking what is not, changes nothing and records nothing.
func SetActionBenchmark(ctx context.Context, db *gorm.DB, actor *models.User, planID uint, measure, number string, link bool, now time.Time) error {
	if !actor.AtLeast(models.RoleAdmin) {
		return models.ErrForbidden
	}
	return db.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		m, err := FindBenchmark(ctx, tx, measure)
		if err != nil {
			return err
		}
		a, err := models.FindAction(ctx, tx, planID, number)
		if errors.Is(err, models.ErrNotFound) {
			return models.Invalid("action", "%q is not an action of the plan; choose one from the list", number)
		}
		if err != nil {
			return err
		}
		if link && a.Retired() {
			return models.Invalid("action", "Action %s is retired; choose a current action", a.Number)
		}
		row := ActionBenchmark{ActionID: a.ID, MeasureID: m.ID}
		var res *gorm.DB
		if link {
			res = tx.Clauses(clause.OnConflict{DoNothing: true}).Create(&row)
		} else {
			res = tx.Delete(&row)
		}
		if res.Error != nil || res.RowsAffected == 0 {
			return res.Error
		}
		au := models.NewAuditor(actor, "benchmark_link", "action "+a.Number, &a.PlanID, &a.ID, now)
		if link {
			au.Note("dfe_measure", "", m.Code)
		} else {
			au.Note("dfe_measure", m.Code, "")
		}
		return au.Save(tx)
	})
}

// IsActionBenchmark reports whether the plan's action number is linked to
// measure.
func IsActionBenchmark(ctx context.Context, db *gorm.DB, planID uint, measure, number string) (bool, error) {
	var n int64
	err := db.WithContext(ctx).Table("action_benchmarks ab").
		Joins("JOIN actions a ON a.id = ab.action_id").Joins("JOIN bm_measures m ON m.id = ab.measure_id").
		Where("a.plan_id = ? AND a.number = ? AND m.code = ?", planID, number, measure).Count(&n).Error
	return n > 0, err
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
