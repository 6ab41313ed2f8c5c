package measure

import (
	"context"
	"errors"
	"sort"

	"gorm.io/gorm"

	"sendboard/models"
)

// maxBMValues bounds the figures one measure's page loads: every area (about
// 170) for every year DfE publishes, with room to spare.
const maxBMValues = 50_000

// maxBMAreas bounds the areas read at once.
const maxBMAreas = 1_000

// ListBenchmarks lists every measure, by topic then name.
func ListBenchmarks(ctx context.Context, db *gorm.DB) ([]Benchmark, error) {
	var ms []Benchmark
	err := db.WithContext(ctx).Order("topic, name, code").Limit(maxBMAreas).Find(&ms).Error
	return ms, err
}

// FindBenchmark finds a measure by its code.
func FindBenchmark(ctx context.Context, db *gorm.DB, code string) (*Benchmark, error) {
	var m Benchmark
	err := db.WithContext(ctx).Where("code = ?", code).Take(&m).Error
	if errors.Is(err, gorm.ErrRecordNotFound) {
		return nil, models.ErrNotFound
	}
	return &m, err
}

// FindArea finds an area by its DfE number.
func FindArea(ctx context.Context, db *gorm.DB, code int) (*Area, error) {
	var a Area
	err := db.WithContext(ctx).Where("code = ?", code).Take(&a).Error
	if errors.Is(err, gorm.ErrRecordNotFound) {
		return nil, models.ErrNotFound
	}
	return &a, err
}

// benchmarkData is everything one measure's comparison needs, read in four
// statements whatever the number of authorities.
type benchmarkData struct {
	measure    *Benchmark
	areas      map[int]Area
	neighbours []Neighbour
	values     []BenchmarkValue
}

func loadBenchmark(ctx context.Context, db *gorm.DB, code string, la int) (*benchmarkData, error) {
	m, err := FindBenchmark(ctx, db, code)
	if err != nil {
		return nil, err
	}
	d := &benchmarkData{measure: m, areas: map[int]Area{}}
	var areas []Area
	if err := db.WithContext(ctx).Limit(maxBMAreas).Find(&areas).Error; err != nil {
		return nil, err
	}
	for _, a := range areas {
		d.areas[a.Code] = a
	}
	if _, ok := d.areas[la]; !ok {
		return nil, models.Invalid("la", "%d is not an area in the imported benchmarks", la)
	}
	if err := db.WithContext(ctx).Where("la_code = ?", la).Order("position").Find(&d.neighbours).Error; err != nil {
		return nil, err
	}
	err = db.WithContext(ctx).Select("measure_id, area_code, period, period_label, period_sort, value, missing").
		Where("measure_id = ? AND current = ?", m.ID, true).Order("period_sort").Limit(maxBMValues).Find(&d.values).Error
	return d, err
}

// periodsOf lists the periods with a figure for any of codes, oldest first.
func (d *benchmarkData) periodsOf(codes map[int]bool) []BenchmarkValue {
	seen := map[string]bool{}
	var out []BenchmarkValue
	for _, v := range d.values {
		if codes[v.AreaCode] && !seen[v.Period] {
			seen[v.Period] = true
			out = append(out, v)
		}
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].PeriodSort < out[j].PeriodSort })
	return out
}
