package measure

import (
	"time"

	"gorm.io/gorm"
)

// bmBatch is how many rows one INSERT or UPDATE carries: few statements,
// well under either database's limit on bound parameters.
const bmBatch = 1000

// bmKey finds one figure: a measure's, for an area, in a period.
type bmKey struct {
	measure uint
	area    int
	period  string
}

// applyValues adds each figure that is new or differs from the current one
// (compared at the measure's decimal places), keeping the old revision.
func applyValues(tx *gorm.DB, rows []bmRow, measures map[string]*Benchmark, source string, now time.Time, res *BenchmarkResult) error {
	if len(rows) == 0 {
		return nil
	}
	ids := make([]uint, 0, len(measures))
	for _, m := range measures {
		ids = append(ids, m.ID)
	}
	current := map[bmKey]BenchmarkValue{}
	var batch []BenchmarkValue
	err := tx.Select("id, measure_id, area_code, period, period_label, revision, value, missing").
		Where("current = ? AND measure_id IN ?", true, ids).
		FindInBatches(&batch, 20_000, func(*gorm.DB, int) error {
			for _, v := range batch {
				current[bmKey{v.MeasureID, v.AreaCode, v.Period}] = v
			}
			return nil
		}).Error
	if err != nil {
		return err
	}
	var add []BenchmarkValue
	var retire []uint
	for _, r := range rows {
		m := measures[r.Measure]
		dps := noiseDP
		if m.Described {
			dps = m.DPS
		}
		var val *float64
		if r.Value != nil {
			v := RoundDP(*r.Value, dps)
			val = &v
		}
		k := bmKey{m.ID, r.Area, r.Period}
		rev := 1
		if old, ok := current[k]; ok {
			if old.Missing == r.Missing && old.PeriodLabel == r.Label && sameFigure(old.Value, val, dps) {
				res.Unchanged++
				continue
			}
			rev = old.Revision + 1
			retire = append(retire, old.ID)
			res.Revised++
		} else {
			res.Added++
		}
		add = append(add, BenchmarkValue{MeasureID: m.ID, AreaCode: r.Area, Period: r.Period, PeriodLabel: r.Label,
			PeriodSort: r.Sort, Revision: rev, Current: true, Value: val, Missing: r.Missing, Source: source, CreatedAt: now})
	}
	for i := 0; i < len(retire); i += bmBatch {
		part := retire[i:min(i+bmBatch, len(retire))]
		if err := tx.Model(&BenchmarkValue{}).Where("id IN ?", part).Update("current", false).Error; err != nil {
			return err
		}
	}
	if len(add) == 0 {
		return nil
	}
	return tx.Session(&gorm.Session{SkipHooks: true}).CreateInBatches(add, bmInsertBatch(tx)).Error
}

// bmInsertBatch is the rows per INSERT: the SQLite driver binds parameters in
// time quadratic in their number, so it gets short statements.
func bmInsertBatch(tx *gorm.DB) int {
	if tx.Dialector.Name() == "postgres" {
		return bmBatch
	}
	return 25
}

// sameFigure compares two figures as they are shown, at dps decimal places.
func sameFigure(a, b *float64, dps int) bool {
	if a == nil || b == nil {
		return a == nil && b == nil
	}
	return FormatDP(*a, dps) == FormatDP(*b, dps)
}
