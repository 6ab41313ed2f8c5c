package models

import (
	"context"

	"gorm.io/gorm"
)

// BenchmarkOverviewRow is one measure's latest figure for the area beside
// England and its region.
type BenchmarkOverviewRow struct {
	Measure         BMMeasure
	Label           string // the latest period with a figure for the area
	LA              *float64
	FromPredecessor bool
	England, Region *float64
}

// BenchmarkOverview lists every measure with the area's latest figure beside
// England and the region, in four statements whatever the number of measures.
func BenchmarkOverview(ctx context.Context, db *gorm.DB, la int) (*BMArea, []BenchmarkOverviewRow, error) {
	area, err := FindBenchmarkArea(ctx, db, la)
	if err != nil {
		return nil, nil, Invalid("la", "%d is not an area in the imported benchmarks", la)
	}
	ms, err := BenchmarkMeasures(ctx, db)
	if err != nil {
		return nil, nil, err
	}
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
	var vals []BMValue
	if err := db.WithContext(ctx).Select("measure_id, area_code, period, period_label, period_sort, value").
		Where("current = ? AND area_code IN ?", true, codes).Order("period_sort").Limit(maxBMValues).Find(&vals).Error; err != nil {
		return nil, nil, err
	}
	type key struct {
		m      uint
		area   int
		period string
	}
	byKey := map[key]*float64{}
	latest := map[uint]BMValue{}
	for _, v := range vals {
		if v.Value == nil {
			continue
		}
		byKey[key{v.MeasureID, v.AreaCode, v.Period}] = v.Value
		if v.AreaCode == la || (hasPred && v.AreaCode == pred) {
			if cur, ok := latest[v.MeasureID]; !ok || v.PeriodSort > cur.PeriodSort || (v.PeriodSort == cur.PeriodSort && v.AreaCode == la) {
				latest[v.MeasureID] = v
			}
		}
	}
	out := make([]BenchmarkOverviewRow, 0, len(ms))
	for _, m := range ms {
		r := BenchmarkOverviewRow{Measure: m}
		if v, ok := latest[m.ID]; ok {
			r.Label, r.LA, r.FromPredecessor = v.PeriodLabel, roundOpt(v.Value, m.DPS), v.AreaCode != la
			r.England = roundOpt(byKey[key{m.ID, EnglandCode, v.Period}], m.DPS)
			if region != 0 {
				r.Region = roundOpt(byKey[key{m.ID, region, v.Period}], m.DPS)
			}
		}
		out = append(out, r)
	}
	return area, out, nil
}

func roundOpt(v *float64, dps int) *float64 {
	if v == nil {
		return nil
	}
	r := RoundDP(*v, dps)
	return &r
}
