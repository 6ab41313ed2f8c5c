package measure

import (
	"context"
	"fmt"
	"math"

	"gorm.io/gorm"
	"gorm.io/gorm/clause"

	"sendboard/models"
)

// maxActionKPIs bounds the KPI links shown for one action.
const maxActionKPIs = 50

// ActionKPI links an action's impact measure to a KPI series with a target: a
// change of TargetChangePct percent, up or down, from the baseline period.
type ActionKPI struct {
	ID              uint `gorm:"primaryKey"`
	ActionID        uint
	KPIID           uint `gorm:"column:kpi_id"`
	BaselinePeriod  string
	TargetChangePct float64 // a magnitude: 30 means 30% up or down
	Direction       string  // up or down
	Note            string
	KPI             KPI `gorm:"foreignKey:KPIID"`
}

// TableName keeps the table name readable.
func (ActionKPI) TableName() string { return "action_kpis" }

// ActionKPIStatus is a linked KPI's latest value against the link's target.
type ActionKPIStatus struct {
	Link      ActionKPI
	KPI       KPI
	Baseline  *KPIFigure // the figure of the baseline period, if reported
	Latest    *KPIFigure // the newest figure of the same kind of period (quarter or year)
	Target    *float64   // the value to reach; nil without a baseline figure
	ChangePct *float64   // latest against baseline, in percent
	Status    string     // met, not_met or no_data
	// The latest figure against the KPI's own trajectory: its period's target and RAG.
	Trajectory Target
	RAG        string
}

// TrajectoryLabel words the latest figure against the KPI's trajectory, or "".
func (s ActionKPIStatus) TrajectoryLabel() string {
	if s.Latest == nil || s.RAG == "" || s.RAG == "none" {
		return ""
	}
	return fmt.Sprintf("%s against %s for %s", KPIRAGLabel(s.RAG), s.Trajectory.Label(s.KPI), s.Latest.Period)
}

// TargetLabel words the target, e.g. "+30% on 2023-24".
func (s ActionKPIStatus) TargetLabel() string {
	sign := "+"
	if s.Link.Direction == "down" {
		sign = "−"
	}
	return fmt.Sprintf("%s%s%% on %s", sign, trimFloat(s.Link.TargetChangePct), s.Link.BaselinePeriod)
}

// ChangeLabel words the change from baseline to latest, e.g. "+12.0%", or "".
func (s ActionKPIStatus) ChangeLabel() string {
	if s.ChangePct == nil {
		return ""
	}
	return fmt.Sprintf("%+.1f%%", *s.ChangePct)
}

func trimFloat(f float64) string { return fmt.Sprintf("%g", math.Round(f*10)/10) }

// LinkActionKPI creates or updates the link of action to the KPI code.
func LinkActionKPI(ctx context.Context, db *gorm.DB, actionID uint, code, baseline string, pct float64, direction, note string) error {
	p, err := models.ParsePeriod(baseline)
	if err != nil {
		return models.Invalid("baseline_period", "%v", err)
	}
	if direction != "up" && direction != "down" {
		return models.Invalid("direction", "%q: use up or down", direction)
	}
	if pct <= 0 || math.IsInf(pct, 0) || math.IsNaN(pct) {
		return models.Invalid("target_change_pct", "must be a positive percentage")
	}
	k, err := FindKPI(ctx, db, code)
	if err != nil {
		return models.Invalid("kpi", "%q is not a known KPI code", code)
	}
	link := ActionKPI{ActionID: actionID, KPIID: k.ID, BaselinePeriod: p.String(), TargetChangePct: pct, Direction: direction, Note: note}
	return db.WithContext(ctx).Omit(clause.Associations).Clauses(clause.OnConflict{
		Columns:   []clause.Column{{Name: "action_id"}, {Name: "kpi_id"}},
		DoUpdates: clause.AssignmentColumns([]string{"baseline_period", "target_change_pct", "direction", "note"}),
	}).Create(&link).Error
}

// ActionKPIStatuses returns every KPI linked to the action with its latest
// value against target and against the KPI's trajectory, in four queries
// whatever the number of links.
func ActionKPIStatuses(ctx context.Context, db *gorm.DB, actionID uint) ([]ActionKPIStatus, error) {
	var links []ActionKPI
	if err := db.WithContext(ctx).Preload("KPI").Where("action_id = ?", actionID).Order("id").
		Limit(maxActionKPIs).Find(&links).Error; err != nil {
		return nil, err
	}
	if len(links) == 0 {
		return nil, nil
	}
	ids := make([]uint, len(links))
	for i, l := range links {
		ids[i] = l.KPIID
	}
	var figs []KPIFigure
	if err := db.WithContext(ctx).Where("current = ? AND kpi_id IN ?", true, ids).Order("period_sort").
		Limit(maxFigures).Find(&figs).Error; err != nil {
		return nil, err
	}
	targets, err := ListTargets(ctx, db, ids)
	if err != nil {
		return nil, err
	}
	out := make([]ActionKPIStatus, len(links))
	for i, l := range links {
		out[i] = evaluateLink(l, figs)
		if f := out[i].Latest; f != nil {
			out[i].Trajectory = TargetFor(l.KPI, targets[l.KPIID], f.Period)
			out[i].RAG = RAG(l.KPI, out[i].Trajectory, f.Value)
		}
	}
	return out, nil
}

// evaluateLink compares the newest figure with the baseline; figs are sorted
// oldest first. A yearly baseline is compared with years, a quarter with quarters.
func evaluateLink(l ActionKPI, figs []KPIFigure) ActionKPIStatus {
	s := ActionKPIStatus{Link: l, KPI: l.KPI, Status: "no_data"}
	base, err := models.ParsePeriod(l.BaselinePeriod)
	if err != nil {
		return s
	}
	yearly := base.Quarter == 0
	for i := range figs {
		f := &figs[i]
		if f.KPIID != l.KPIID {
			continue
		}
		if f.Period == l.BaselinePeriod {
			s.Baseline = f
		}
		if (f.PeriodSort%10 == 5) == yearly && f.PeriodSort >= base.SortKey() {
			s.Latest = f
		}
	}
	if s.Baseline == nil || s.Latest == nil || s.Latest == s.Baseline {
		if s.Baseline != nil {
			t := targetValue(l, s.Baseline.Value)
			s.Target = &t
		}
		return s
	}
	t := targetValue(l, s.Baseline.Value)
	s.Target = &t
	if s.Baseline.Value != 0 {
		c := (s.Latest.Value - s.Baseline.Value) / s.Baseline.Value * 100
		s.ChangePct = &c
	}
	s.Status = "not_met"
	if (l.Direction == "down" && s.Latest.Value <= t) || (l.Direction != "down" && s.Latest.Value >= t) {
		s.Status = "met"
	}
	return s
}

func targetValue(l ActionKPI, baseline float64) float64 {
	if l.Direction == "down" {
		return baseline * (1 - l.TargetChangePct/100)
	}
	return baseline * (1 + l.TargetChangePct/100)
}
