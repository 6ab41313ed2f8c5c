package models

import (
	"context"
	"errors"
	"sort"

	"gorm.io/gorm"
)

// maxBMValues bounds the figures one measure's page loads: every area (about
// 170) for every year DfE publishes, with room to spare.
const maxBMValues = 50_000

// maxBMAreas bounds the areas read at once.
const maxBMAreas = 1_000

// BenchmarkMeasures lists every measure, by topic then name.
func BenchmarkMeasures(ctx context.Context, db *gorm.DB) ([]BMMeasure, error) {
	var ms []BMMeasure
	err := db.WithContext(ctx).Order("topic, name, code").Limit(maxBMAreas).Find(&ms).Error
	return ms, err
}

// FindBenchmarkMeasure finds a measure by its code.
func FindBenchmarkMeasure(ctx context.Context, db *gorm.DB, code string) (*BMMeasure, error) {
	var m BMMeasure
	err := db.WithContext(ctx).Where("code = ?", code).Take(&m).Error
	if errors.Is(err, gorm.ErrRecordNotFound) {
		return nil, ErrNotFound
	}
	return &m, err
}

// FindBenchmarkArea finds an area by its DfE number.
func FindBenchmarkArea(ctx context.Context, db *gorm.DB, code int) (*BMArea, error) {
	var a BMArea
	err := db.WithContext(ctx).Where("code = ?", code).Take(&a).Error
	if errors.Is(err, gorm.ErrRecordNotFound) {
		return nil, ErrNotFound
	}
	return &a, err
}

// benchmarkData is everything one measure's comparison needs, read in four
// statements whatever the number of authorities.
type benchmarkData struct {
	measure    *BMMeasure
	areas      map[int]BMArea
	neighbours []BMNeighbour
	values     []BMValue
}

func loadBenchmark(ctx context.Context, db *gorm.DB, code string, la int) (*benchmarkData, error) {
	m, err := FindBenchmarkMeasure(ctx, db, code)
	if err != nil {
		return nil, err
	}
	d := &benchmarkData{measure: m, areas: map[int]BMArea{}}
	var areas []BMArea
	if err := db.WithContext(ctx).Limit(maxBMAreas).Find(&areas).Error; err != nil {
		return nil, err
	}
	for _, a := range areas {
		d.areas[a.Code] = a
	}
	if _, ok := d.areas[la]; !ok {
		return nil, Invalid("la", "%d is not an area in the imported benchmarks", la)
	}
	if err := db.WithContext(ctx).Where("la_code = ?", la).Order("position").Find(&d.neighbours).Error; err != nil {
		return nil, err
	}
	err = db.WithContext(ctx).Select("measure_id, area_code, period, period_label, period_sort, value, missing").
		Where("measure_id = ? AND current = ?", m.ID, true).Order("period_sort").Limit(maxBMValues).Find(&d.values).Error
	return d, err
}

// periodsOf lists the periods with a figure for any of codes, oldest first.
func (d *benchmarkData) periodsOf(codes map[int]bool) []BMValue {
	seen := map[string]bool{}
	var out []BMValue
	for _, v := range d.values {
		if codes[v.AreaCode] && !seen[v.Period] {
			seen[v.Period] = true
			out = append(out, v)
		}
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].PeriodSort < out[j].PeriodSort })
	return out
}
