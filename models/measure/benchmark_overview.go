package measure

import (
	"context"
	"errors"
	"fmt"
	"sort"

	"gorm.io/gorm"

	"sendboard/models"
)

// OverviewRow is one measure's latest figure for the area beside
// England and its region.
type OverviewRow struct {
	Measure         Benchmark
	Label           string // the latest period with a figure for the area
	LA              *float64
	FromPredecessor bool
	England, Region *float64
}

// Overview lists every measure with the area's latest figure beside
// England and the region, in four statements whatever the number of measures.
func Overview(ctx context.Context, db *gorm.DB, la int) (*Area, []OverviewRow, error) {
	area, err := FindArea(ctx, db, la)
	if err != nil {
		return nil, nil, models.Invalid("la", "%d is not an area in the imported benchmarks", la)
	}
	ms, err := ListBenchmarks(ctx, db)
	if err != nil {
		return nil, nil, err
	}
	rows, err := latestBenchmarks(ctx, db, area, ms, false)
	return area, rows, err
}

// ActionBenchmarks lists the measures linked to an action's impact measure
// with the area's latest figure beside England and the region, in three
// statements. An area the benchmarks do not hold gives the measures without
// figures.
func ActionBenchmarks(ctx context.Context, db *gorm.DB, actionID uint, la int) ([]OverviewRow, error) {
	ms, err := ActionBenchmarkCodes(ctx, db, actionID)
	if err != nil || len(ms) == 0 {
		return nil, err
	}
	area, err := FindArea(ctx, db, la)
	if errors.Is(err, models.ErrNotFound) {
		area = &Area{Code: la}
	} else if err != nil {
		return nil, err
	}
	return latestBenchmarks(ctx, db, area, ms, true)
}

// latestBenchmarks finds, for each of ms, the area's latest figure (or its
// predecessor's) and England's and the region's for the same period, in one
// statement. only limits the figures read to ms.
func latestBenchmarks(ctx context.Context, db *gorm.DB, area *Area, ms []Benchmark, only bool) ([]OverviewRow, error) {
	la := area.Code
	codes := []int{la, EnglandCode}
	pred, hasPred := Predecessors[la]
	if hasPred {
		codes = append(codes, pred)
	}
	region := 0
	if area.RegionCode != nil {
		region = *area.RegionCode
		codes = append(codes, region)
	}
	q := db.WithContext(ctx).Select("measure_id, area_code, period, period_label, period_sort, value").
		Where("current = ? AND area_code IN ?", true, codes)
	if only {
		ids := make([]uint, len(ms))
		for i, m := range ms {
			ids[i] = m.ID
		}
		q = q.Where("measure_id IN ?", ids)
	}
	var vals []BenchmarkValue
	if err := q.Order("period_sort").Limit(maxBMValues).Find(&vals).Error; err != nil {
		return nil, err
	}
	byKey, latest := indexFigures(vals, la, pred)
	out := make([]OverviewRow, 0, len(ms))
	for _, m := range ms {
		r := OverviewRow{Measure: m}
		if v, ok := latest[m.ID]; ok {
			r.Label, r.LA, r.FromPredecessor = v.PeriodLabel, roundOpt(v.Value, m.DPS), v.AreaCode != la
			r.England = roundOpt(byKey[bmKey{m.ID, EnglandCode, v.Period}], m.DPS)
			if region != 0 {
				r.Region = roundOpt(byKey[bmKey{m.ID, region, v.Period}], m.DPS)
			}
		}
		out = append(out, r)
	}
	return out, nil
}

// indexFigures indexes vals (oldest period first) by measure, area and
// period, and picks each measure's latest figure for area la, or for its
// predecessor pred (0 for none) in a period la has no figure for.
func indexFigures(vals []BenchmarkValue, la, pred int) (fig map[bmKey]*float64, latest map[uint]BenchmarkValue) {
	fig, latest = map[bmKey]*float64{}, map[uint]BenchmarkValue{}
	for _, v := range vals {
		if v.Value == nil {
			continue
		}
		fig[bmKey{v.MeasureID, v.AreaCode, v.Period}] = v.Value
		if v.AreaCode == la || (pred != 0 && v.AreaCode == pred) {
			if cur, ok := latest[v.MeasureID]; !ok || v.PeriodSort > cur.PeriodSort || (v.PeriodSort == cur.PeriodSort && v.AreaCode == la) {
				latest[v.MeasureID] = v
			}
		}
	}
	return fig, latest
}

func roundOpt(v *float64, dps int) *float64 {
	if v == nil {
		return nil
	}
	r := RoundDP(*v, dps)
	return &r
}

// Standing is a measure's latest figure for an area beside England, its
// region and its statistical neighbours, each at the measure's decimal
// places; a nil figure is "no figure", never 0.
type Standing struct {
	Period          string // label of the latest period with a figure for the area
	FromPredecessor bool   // the figure is the area's predecessor's
	LA, England     *float64
	Region          *float64
	Median          *float64 // of the neighbours with a figure for Period
	Neighbours      int      // how many of them had one
	Rank            *int     // the area among itself and those neighbours, 1 = best
	RankOf          int
}

// Standings finds the standing of area la on each of ms that has a figure
// for it, by measure id, and the name of la's region, in three statements
// whatever the number of measures: the area, its neighbours and the figures.
// An area the benchmarks do not hold has no standings and no region.
func Standings(db *gorm.DB, la int, ms []Benchmark) (region string, _ map[uint]Standing, _ error) {
	var area Area
	if err := db.Where("code = ?", la).Limit(1).Find(&area).Error; err != nil {
		return "", nil, err
	}
	if area.Code == 0 {
		return "", nil, nil
	}
	var ns []Neighbour
	if err := db.Where("la_code = ?", la).Order("position").Limit(50).Find(&ns).Error; err != nil {
		return "", nil, err
	}
	codes := []int{la, EnglandCode}
	pred, hasPred := Predecessors[la]
	if hasPred {
		codes = append(codes, pred)
	}
	if area.RegionCode != nil && area.Kind == "la" {
		codes = append(codes, *area.RegionCode)
	}
	for _, n := range ns {
		codes = append(codes, n.NeighbourCode)
	}
	ids := make([]uint, len(ms))
	for i, m := range ms {
		ids[i] = m.ID
	}
	var vals []BenchmarkValue
	err := db.Select("measure_id, area_code, period, period_label, period_sort, value").
		Where("current = ? AND measure_id IN ? AND area_code IN ?", true, ids, codes).
		Order("period_sort").Limit(maxBMValues).Find(&vals).Error
	if err != nil {
		return "", nil, fmt.Errorf("reading benchmark figures: %w", err)
	}
	fig, latest := indexFigures(vals, la, pred)
	out := make(map[uint]Standing, len(ms))
	for _, m := range ms {
		v, ok := latest[m.ID]
		if !ok {
			continue
		}
		s := Standing{Period: v.PeriodLabel, FromPredecessor: v.AreaCode != la, LA: roundOpt(v.Value, m.DPS),
			England: roundOpt(fig[bmKey{m.ID, EnglandCode, v.Period}], m.DPS)}
		if area.RegionCode != nil {
			s.Region = roundOpt(fig[bmKey{m.ID, *area.RegionCode, v.Period}], m.DPS)
		}
		var nv []float64
		for _, n := range ns {
			if x := fig[bmKey{m.ID, n.NeighbourCode, v.Period}]; x != nil {
				nv = append(nv, RoundDP(*x, m.DPS))
			}
		}
		s.Neighbours = len(nv)
		if len(nv) > 0 {
			sort.Float64s(nv)
			med := RoundDP(quantile(nv, 0.5), m.DPS)
			s.Median = &med
			s.Rank, s.RankOf = rankAmong(*s.LA, nv, m.Polarity)
		}
		out[m.ID] = s
	}
	return area.RegionName, out, nil
}
