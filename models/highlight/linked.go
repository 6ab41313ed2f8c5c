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

// Bounds on the risks, decisions and KPI figures one set of reports reads.
const (
	maxRisks     = 5000
	maxHistory   = 50000
	maxDecisions = 2000
	maxFigures   = 20000
)

// Risk is a risk or issue of the area as it stood at the period's end.
type Risk struct {
	ID     uint   `json:"id"`
	Kind   string `json:"kind"`
	Title  string `json:"title"`
	Owner  string `json:"owner"`
	Score  int    `json:"score"`
	Status string `json:"status"`
}

// topRisks is each area's open risks and issues at end, highest score
// first: those of the area or naming one of its actions, with the score,
// owner, kind and status of their last change before end.
func topRisks(ctx context.Context, db *gorm.DB, planIDs, areaIDs []uint, h *history, end time.Time) (map[uint][]Risk, error) {
	db = db.WithContext(ctx)
	linked := db.Table("risk_actions").Select("risk_id").
		Joins("JOIN actions ON actions.id = risk_actions.action_id").Where("actions.priority_area_id IN ?", areaIDs)
	var rs []risk.Risk
	err := db.Where("plan_id IN ? AND created_at < ?", planIDs, end).
		Where("area_id IN ? OR id IN (?)", areaIDs, linked).
		Order("id").Limit(maxRisks).Find(&rs).Error
	if err != nil || len(rs) == 0 {
		return nil, err
	}
	ids := make([]uint, len(rs))
	for i, r := range rs {
		ids[i] = r.ID
	}
	var links []struct{ RiskID, ActionID uint }
	if err := db.Table("risk_actions").Select("risk_id, action_id").Where("risk_id IN ?", ids).
		Limit(maxHistory).Find(&links).Error; err != nil {
		return nil, err
	}
	var hist []risk.Change
	if err := db.Where("risk_id IN ? AND changed_at < ?", ids, end).Order("changed_at, id").Limit(maxHistory).Find(&hist).Error; err != nil {
		return nil, err
	}
	at := map[uint]risk.Change{}
	for _, c := range hist {
		at[c.RiskID] = c
	}
	areaOf := h.areaOf()
	out := map[uint][]Risk{}
	for _, r := range rs {
		c, ok := at[r.ID]
		if !ok || c.Status != risk.StatusOpen {
			continue
		}
		line := Risk{ID: r.ID, Kind: c.Kind, Title: r.Title, Owner: c.Owner, Score: c.Score, Status: c.Status}
		in := map[uint]bool{}
		if r.AreaID != nil {
			in[*r.AreaID] = true
		}
		for _, l := range links {
			if l.RiskID == r.ID && areaOf[l.ActionID] != 0 {
				in[areaOf[l.ActionID]] = true
			}
		}
		for area := range in {
			out[area] = append(out[area], line)
		}
	}
	for area, list := range out {
		sort.SliceStable(list, func(i, j int) bool { return list[i].Score > list[j].Score })
		if len(list) > TopRisks {
			out[area] = list[:TopRisks]
		}
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

// decisionsOpen lists for each area the decisions required about its plan as
// a whole, the area or one of its actions that were raised before end and
// not yet decided or withdrawn at end.
func decisionsOpen(ctx context.Context, db *gorm.DB, planIDs []uint, areas []models.PriorityArea, h *history, end time.Time) (map[uint][]Decision, error) {
	areaIDs := make([]uint, len(areas))
	for i, a := range areas {
		areaIDs[i] = a.ID
	}
	var rows []struct {
		Decision
		PlanID, AreaID, ActionID *uint
	}
	err := db.WithContext(ctx).Table("decisions").
		Select("decisions.id, boards.name AS board, boards.slug AS board_slug, decisions.question, decisions.recommendation, decisions.meeting, decisions.plan_id, decisions.area_id, decisions.action_id").
		Joins("JOIN boards ON boards.id = decisions.board_id").
		Where("decisions.created_at < ? AND (decisions.closed_at IS NULL OR decisions.closed_at >= ?)", end, end).
		Where("decisions.area_id IN ? OR decisions.action_id IN (?) OR (decisions.plan_id IN ? AND decisions.area_id IS NULL AND decisions.action_id IS NULL)",
			areaIDs, db.Table("actions").Select("id").Where("priority_area_id IN ?", areaIDs), planIDs).
		Order("decisions.id").Limit(maxDecisions).Find(&rows).Error
	if err != nil {
		return nil, err
	}
	numbers := map[uint]string{}
	for _, a := range h.actions {
		numbers[a.ID] = a.Number
	}
	areaOf := h.areaOf()
	out := map[uint][]Decision{}
	for _, r := range rows {
		d := r.Decision
		switch {
		case r.ActionID != nil:
			d.Action = numbers[*r.ActionID]
			if area := areaOf[*r.ActionID]; area != 0 {
				out[area] = append(out[area], d)
			}
		case r.AreaID != nil:
			out[*r.AreaID] = append(out[*r.AreaID], d)
		case r.PlanID != nil:
			for _, a := range areas {
				if a.PlanID == *r.PlanID {
					out[a.ID] = append(out[a.ID], d)
				}
			}
		}
	}
	return out, nil
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

// kpiMovement reads for each area the KPIs linked to its actions and their
// figures for periods up to p as recorded before p's end (the latest
// revision then).
func kpiMovement(ctx context.Context, db *gorm.DB, areaIDs []uint, p models.Period) (map[uint][]KPI, error) {
	db = db.WithContext(ctx)
	var links []struct {
		KPIID          uint `gorm:"column:kpi_id"`
		PriorityAreaID uint
	}
	if err := db.Table("action_kpis").Distinct("action_kpis.kpi_id AS kpi_id, actions.priority_area_id").
		Joins("JOIN actions ON actions.id = action_kpis.action_id").
		Where("actions.priority_area_id IN ?", areaIDs).Limit(maxFigures).Find(&links).Error; err != nil || len(links) == 0 {
		return nil, err
	}
	var ids []uint
	for _, l := range links {
		ids = append(ids, l.KPIID)
	}
	var ks []measure.KPI
	if err := db.Where("id IN ?", ids).Order("sort_order, code").Limit(maxFigures).Find(&ks).Error; err != nil {
		return nil, err
	}
	var figs []measure.KPIFigure
	if err := db.Where("kpi_id IN ? AND created_at < ? AND period_sort <= ?", ids, p.End(), p.SortKey()).
		Order("period_sort, revision").Limit(maxFigures).Find(&figs).Error; err != nil {
		return nil, err
	}
	byKPI := map[uint]KPI{}
	for _, k := range ks {
		byKPI[k.ID] = movementOf(k, figs)
	}
	out := map[uint][]KPI{}
	for _, k := range ks {
		for _, l := range links {
			if l.KPIID == k.ID {
				out[l.PriorityAreaID] = append(out[l.PriorityAreaID], byKPI[k.ID])
			}
		}
	}
	return out, nil
}

// movementOf is k's newest figure among figs (oldest first) against the one
// before it of the same kind of period.
func movementOf(k measure.KPI, figs []measure.KPIFigure) KPI {
	out := KPI{Code: k.Code, Name: k.Name, Unit: k.Unit}
	// Per kind of period (quarter or year) the newest two periods; the last
	// revision of a period wins, as figures come in order.
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
		return out
	}
	out.Period, out.Value = latest.Period, &latest.Value
	if before == nil {
		return out
	}
	out.PreviousPeriod, out.Previous = before.Period, &before.Value
	out.Movement = movement(k.Direction, before.Value, latest.Value)
	return out
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
