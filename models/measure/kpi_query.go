package measure

import (
	"context"
	"errors"

	"gorm.io/gorm"

	"sendboard/models"
)

// maxFigures bounds how many figures one listing loads.
const maxFigures = 10_000

// KPISeries is a KPI with its current figures, oldest period first.
type KPISeries struct {
	KPI     KPI
	Figures []KPIFigure
}

// Latest is the newest period's figure, or nil.
func (s KPISeries) Latest() *KPIFigure {
	if len(s.Figures) == 0 {
		return nil
	}
	return &s.Figures[len(s.Figures)-1]
}

// Quarterly keeps the quarter figures (not whole years), the last n of them.
func (s KPISeries) Quarterly(n int) []KPIFigure {
	var out []KPIFigure
	for _, f := range s.Figures {
		if f.PeriodSort%10 != 5 {
			out = append(out, f)
		}
	}
	if len(out) > n {
		out = out[len(out)-n:]
	}
	return out
}

// ListKPIs returns every KPI definition in display order.
func ListKPIs(ctx context.Context, db *gorm.DB) ([]KPI, error) {
	var ks []KPI
	err := db.WithContext(ctx).Order("sort_order, code").Find(&ks).Error
	return ks, err
}

// FindKPI finds a KPI by code.
func FindKPI(ctx context.Context, db *gorm.DB, code string) (*KPI, error) {
	var k KPI
	err := db.WithContext(ctx).Where("code = ?", code).Take(&k).Error
	if errors.Is(err, gorm.ErrRecordNotFound) {
		return nil, models.ErrNotFound
	}
	return &k, err
}

// ListSeries returns every KPI with its current figures, in two queries.
func ListSeries(ctx context.Context, db *gorm.DB) ([]KPISeries, error) {
	ks, err := ListKPIs(ctx, db)
	if err != nil {
		return nil, err
	}
	var figs []KPIFigure
	if err := db.WithContext(ctx).Where("current = ?", true).Order("kpi_id, period_sort").Limit(maxFigures).Find(&figs).Error; err != nil {
		return nil, err
	}
	byKPI := map[uint][]KPIFigure{}
	for _, f := range figs {
		byKPI[f.KPIID] = append(byKPI[f.KPIID], f)
	}
	out := make([]KPISeries, len(ks))
	for i, k := range ks {
		out[i] = KPISeries{KPI: k, Figures: byKPI[k.ID]}
	}
	return out, nil
}

// ListFigures returns a KPI's current figures, oldest first; with history set,
// every revision, newest revision first within a period.
func ListFigures(ctx context.Context, db *gorm.DB, kpiID uint, history bool) ([]KPIFigure, error) {
	q := db.WithContext(ctx).Where("kpi_id = ?", kpiID)
	if !history {
		q = q.Where("current = ?", true)
	}
	var figs []KPIFigure
	err := q.Order("period_sort, revision DESC").Limit(maxFigures).Find(&figs).Error
	return figs, err
}
