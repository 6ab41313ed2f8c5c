package pack

import (
	"context"

	"gorm.io/gorm"

	"sendboard/models"
	"sendboard/models/measure"
)

// loadPackKPIs lays each SENDIASS series over the eight quarters ending with
// the pack's quarter.
func loadPackKPIs(ctx context.Context, db *gorm.DB, p *Pack) error {
	series, err := measure.ListSeries(ctx, db)
	if err != nil {
		return err
	}
	periods := make([]models.Period, packKPIQuarters)
	q := p.Quarter
	for i := packKPIQuarters - 1; i >= 0; i-- {
		periods[i], q = q, q.Prev()
	}
	var years []models.Period
	for y := periods[0].StartYear; y <= p.Quarter.StartYear; y++ {
		years = append(years, models.Period{StartYear: y})
	}
	for _, s := range series {
		k := KPI{Code: s.KPI.Code, Name: s.KPI.Name, Unit: s.KPI.Unit, TargetText: s.KPI.TargetText,
			TargetMin: s.KPI.TargetMin, TargetMax: s.KPI.TargetMax, kpi: s.KPI,
			Values: make([]*float64, packKPIQuarters)}
		bySort := map[int]measure.KPIFigure{}
		for _, f := range s.Figures {
			bySort[f.PeriodSort] = f
			// A whole year counts once it has ended by the quarter's end.
			yearEnded := f.PeriodSort < p.Quarter.SortKey() || p.Quarter.Quarter == 4 && f.PeriodSort == p.Quarter.StartYear*10+5
			if f.PeriodSort%10 == 5 && yearEnded {
				v := f.Value
				k.AnnualPeriod, k.AnnualValue = f.Period, &v
			}
		}
		for _, y := range years {
			k.Years = append(k.Years, y.String())
			var v *float64
			if f, ok := bySort[y.SortKey()]; ok && y.End().Compare(p.Quarter.End()) <= 0 {
				v = &f.Value
			}
			k.YearValues = append(k.YearValues, v)
		}
		for i, per := range periods {
			k.Periods = append(k.Periods, per.String())
			if f, ok := bySort[per.SortKey()]; ok {
				v := f.Value
				k.Values[i] = &v
				if i == len(periods)-1 {
					k.Commentary = f.Commentary
				}
			}
		}
		p.KPIs = append(p.KPIs, k)
	}
	return nil
}
