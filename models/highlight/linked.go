package highlight

import (
	"context"
	"sort"
	"time"

	"gorm.io/gorm"

	"sendboard/models"
	"sendboard/models/measure"
	"sendboard/models/risk"
)

// TopRisks is how many risks and issues a report names.
const TopRisks = 5

// Risk is a risk or issue of the area as it stood at the period's end.
type Risk struct {
	ID     uint   `json:"id"`
	Kind   string `json:"kind"`
	Title  string `json:"title"`
	Owner  string `json:"owner"`
	Score  int    `json:"score"`
	Status string `json:"status"`
}

// topRisks is the area's open risks and issues at end, highest score first:
// those of the area or naming one of its actions, with the score, owner,
// kind and status of their last change before end.
func topRisks(ctx context.Context, db *gorm.DB, planID, areaID uint, end time.Time) ([]Risk, error) {
	db = db.WithContext(ctx)
	var rs []risk.Risk
	err := db.Where("plan_id = ? AND created_at < ?", planID, end).
		Where("area_id = ? OR id IN (?)", areaID, db.Table("risk_actions").Select("risk_id").
			Joins("JOIN actions ON actions.id = risk_actions.action_id").Where("actions.priority_area_id = ?", areaID)).
		Order("id").Limit(1000).Find(&rs).Error
	if err != nil || len(rs) == 0 {
		return []Risk{}, err
	}
	ids := make([]uint, len(rs))
	for i, r := range rs {
		ids[i] = r.ID
	}
	var hist []risk.Change
	if err := db.Where("risk_id IN ? AND changed_at < ?", ids, end).Order("changed_at, id").Limit(20000).Find(&hist).Error; err != nil {
		return nil, err
	}
	at := map[uint]risk.Change{}
	for _, c := range hist {
		at[c.RiskID] = c
	}
	out := []Risk{}
	for _, r := range rs {
		c, ok := at[r.ID]
		if !ok {
			continue
		}
		if c.Status != risk.StatusOpen {
			continue
		}
		out = append(out, Risk{ID: r.ID, Kind: c.Kind, Title: r.Title, Owner: c.Owner, Score: c.Score, Status: c.Status})
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].Score > out[j].Score })
	if len(out) > TopRisks {
		out = out[:TopRisks]
	}
	return out, nil
}

// Decision is a decision required that was open at the period's end.
type Decision struct {
	ID             uint   `json:"id"`
	Board          string `json:"board"`
	BoardSlug      string `json:"-"`
	Question       string `json:"question"`
	Recommendation string `json:"recommendation"`
	Meeting        string `json:"meeting"`
	Action         string `json:"action,omitempty"`
}

// decisionsOpen lists the decisions required about the plan as a whole, the
// area or one of its actions that were raised before end and not yet decided
// or withdrawn at end.
func decisionsOpen(ctx context.Context, db *gorm.DB, planID, areaID uint, h *history, end time.Time) ([]Decision, error) {
	type row struct {
		Decision
		ActionID *uint
	}
	var rows []row
	err := db.WithContext(ctx).Table("decisions").
		Select("decisions.id, boards.name AS board, boards.slug AS board_slug, decisions.question, decisions.recommendation, decisions.meeting, decisions.action_id").
		Joins("JOIN boards ON boards.id = decisions.board_id").
		Where("decisions.created_at < ? AND (decisions.closed_at IS NULL OR decisions.closed_at >= ?)", end, end).
		Where("decisions.area_id = ? OR decisions.action_id IN (?) OR (decisions.plan_id = ? AND decisions.area_id IS NULL AND decisions.action_id IS NULL)",
			areaID, db.Table("actions").Select("id").Where("priority_area_id = ?", areaID), planID).
		Order("decisions.id").Limit(50).Find(&rows).Error
	out := make([]Decision, len(rows))
	for i, r := range rows {
		out[i] = r.Decision
		for _, a := range h.actions {
			if r.ActionID != nil && a.ID == *r.ActionID {
				out[i].Action = a.Number
			}
		}
	}
	return out, err
}

// KPI is a KPI linked to the area's actions: its newest figure reported by
// the period's end and the one before it of the same kind of period.
type KPI struct {
	Code           string   `json:"code"`
	Name           string   `json:"name"`
	Unit           string   `json:"unit"`
	Period         string   `json:"period"`
	Value          *float64 `json:"value"`
	PreviousPeriod string   `json:"previous_period"`
	Previous       *float64 `json:"previous"`
	// Movement is "better", "worse", "same", "changed" (a KPI with no
	// better direction) or "" without two figures.
	Movement string `json:"movement"`
}

// MovementLabel words the movement.
func (k KPI) MovementLabel() string {
	switch k.Movement {
	case "better":
		return "Better"
	case "worse":
		return "Worse"
	case "same":
		return "No change"
	case "changed":
		return "Changed"
	}
	return "No earlier figure"
}

// kpiMovement reads the KPIs linked to the area's actions and their figures
// for periods up to p as recorded before p's end (the latest revision then).
func kpiMovement(ctx context.Context, db *gorm.DB, planID, areaID uint, p models.Period) ([]KPI, error) {
	db = db.WithContext(ctx)
	var ks []measure.KPI
	err := db.Where("id IN (?)", db.Table("action_kpis").Select("kpi_id").
		Joins("JOIN actions ON actions.id = action_kpis.action_id").
		Where("actions.plan_id = ? AND actions.priority_area_id = ?", planID, areaID)).
		Order("sort_order, code").Limit(100).Find(&ks).Error
	if err != nil || len(ks) == 0 {
		return []KPI{}, err
	}
	ids := make([]uint, len(ks))
	for i, k := range ks {
		ids[i] = k.ID
	}
	var figs []measure.KPIFigure
	if err := db.Where("kpi_id IN ? AND created_at < ? AND period_sort <= ?", ids, p.End(), p.SortKey()).
		Order("period_sort, revision").Limit(20000).Find(&figs).Error; err != nil {
		return nil, err
	}
	out := make([]KPI, len(ks))
	for i, k := range ks {
		out[i] = KPI{Code: k.Code, Name: k.Name, Unit: k.Unit}
		// Per kind of period (quarter or year) the newest two periods; the
		// last revision of a period wins, as figures come in order.
		var pair [2][2]*measure.KPIFigure // [kind][0 latest, 1 the one before]
		for j := range figs {
			f := &figs[j]
			if f.KPIID != k.ID {
				continue
			}
			kind := 0
			if f.PeriodSort%10 == 5 {
				kind = 1
			}
			if l := pair[kind][0]; l == nil || l.Period != f.Period {
				pair[kind][1] = l
			}
			pair[kind][0] = f
		}
		latest, before := pair[0][0], pair[0][1]
		if y := pair[1][0]; y != nil && (latest == nil || y.PeriodSort > latest.PeriodSort) {
			latest, before = y, pair[1][1]
		}
		if latest == nil {
			continue
		}
		out[i].Period, out[i].Value = latest.Period, &latest.Value
		if before == nil {
			continue
		}
		out[i].PreviousPeriod, out[i].Previous = before.Period, &before.Value
		out[i].Movement = movement(k.Direction, before.Value, latest.Value)
	}
	return out, nil
}

func movement(direction string, before, now float64) string {
	switch {
	case now == before:
		return "same"
	case direction == "up":
		if now > before {
			return "better"
		}
		return "worse"
	case direction == "down":
		if now < before {
			return "better"
		}
		return "worse"
	}
	return "changed"
}
