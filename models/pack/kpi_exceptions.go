package pack

import (
	"context"
	"strconv"
	"time"

	"gorm.io/gorm"

	"sendboard/models"
	"sendboard/models/measure"
)

// KPIException is a KPI off track at the quarter's end: the figure that
// raised it, the target it missed and what its owner said.
type KPIException struct {
	Code, Name, Unit string
	Period           string
	Value            float64
	Target           string
	RaisedAt         time.Time
	Commentary       string // "" when the owner has not answered
}

// loadPackKPIExceptions lists the kpi_off_track exceptions open at the
// quarter's end, in the order of the KPI part, and sets each KPI's OffTrack.
func loadPackKPIExceptions(ctx context.Context, db *gorm.DB, p *Pack) error {
	es, err := measure.KPIExceptionsAt(ctx, db, p.Quarter.End())
	if err != nil {
		return err
	}
	byKPI := map[uint]measure.KPIException{}
	for _, e := range es {
		if e.Kind == measure.KPIOffTrack {
			byKPI[e.KPIID] = e // raised-at order: the newest open one wins
		}
	}
	for i := range p.KPIs {
		k := &p.KPIs[i]
		e, ok := byKPI[k.kpi.ID]
		if !ok {
			continue
		}
		x := KPIException{Code: k.Code, Name: k.Name, Unit: k.Unit, Period: e.Period, Value: e.Value,
			Target: e.TargetText, RaisedAt: e.RaisedAt.UTC(), Commentary: e.Commentary}
		k.OffTrack = &x
		p.KPIExceptions = append(p.KPIExceptions, x)
		delete(byKPI, k.kpi.ID)
	}
	// A KPI outside the SENDIASS series still belongs in the list.
	for _, e := range es {
		if x, ok := byKPI[e.KPIID]; ok && x.ID == e.ID {
			p.KPIExceptions = append(p.KPIExceptions, KPIException{Code: e.KPI.Code, Name: e.KPI.Name, Unit: e.KPI.Unit,
				Period: e.Period, Value: e.Value, Target: e.TargetText, RaisedAt: e.RaisedAt.UTC(), Commentary: e.Commentary})
		}
	}
	return nil
}

// packLA is the DfE number the pack's benchmarks use: the first plan's own,
// else the partnership's setting, else Dorset's.
func packLA(plans []models.Plan, fallback int) int {
	for _, p := range plans {
		if p.LACode != nil {
			if n, err := strconv.Atoi(*p.LACode); err == nil {
				return n
			}
		}
	}
	if fallback > 0 {
		return fallback
	}
	return measure.DefaultLACode
}
