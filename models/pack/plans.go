package pack

import (
	"errors"
	"fmt"
	"strings"
	"time"

	"gorm.io/gorm"

	"sendboard/models"
	"sendboard/models/highlight"
)

// Plan is one plan's part of a pack: its areas and milestones, and its
// actions, counts, changes, exceptions and updates. A pack over several plans
// sets each part out plan by plan, since numbers, areas and milestones only
// mean something within their plan.
type Plan struct {
	Plan          models.Plan
	Milestones    []models.Milestone
	PriorityAreas []models.PriorityArea
	Actions       []Action // a window onto Pack.Actions
	Now, Prev     Counts
	Changes       []Change
	Exceptions    []Exception
	Updates       []Update
	Highlights    []*highlight.Report // one per area, in PriorityAreas' order
}

// MultiPlan reports whether the pack covers more than one plan, so the
// renderers name the plan over each group.
func (p *Pack) MultiPlan() bool { return len(p.Plans) > 1 }

// PlanNames lists the plans the pack covers, in its order.
func (p *Pack) PlanNames() []string {
	out := make([]string, len(p.Plans))
	for i, pp := range p.Plans {
		out[i] = pp.Plan.Name
	}
	return out
}

// planOrder is the order plans are listed in everywhere: the default first,
// active before closed and archived, then by name.
const planOrder = `is_default DESC, CASE status WHEN 'active' THEN 0 WHEN 'closed' THEN 1 ELSE 2 END, name, id`

// packPlans resolves the plans a pack covers, in one or two statements, and
// checks the quarter against them. A chosen plan (or, for the whole plan, the
// default one) is the only plan. A board's pack without a plan covers every
// plan it governed an action of at the quarter's end that had started by
// then; a board that governed none gets the default plan, so its pack says
// it governs nothing.
func packPlans(db *gorm.DB, b *models.Board, slug string, q models.Period, now time.Time) ([]models.Plan, error) {
	slug = strings.TrimSpace(slug)
	if slug != "" {
		var pl models.Plan
		if err := db.Where("slug = ?", slug).Take(&pl).Error; err != nil {
			return nil, models.NotFoundAs(err, models.Invalid("plan", "there is no plan %q", slug))
		}
		return []models.Plan{pl}, models.CheckPackQuarter(&pl, q, now)
	}
	if b == nil {
		pl, err := models.DefaultPlan(db.Statement.Context, db)
		if err != nil {
			return nil, err
		}
		return []models.Plan{*pl}, models.CheckPackQuarter(pl, q, now)
	}
	end := q.End()
	var plans []models.Plan
	err := db.Where(`id IN (SELECT sa.plan_id FROM action_board_history h JOIN actions sa ON sa.id = h.action_id
		WHERE (sa.retired_at IS NULL OR sa.retired_at >= ?) AND h.board_id = ? AND `+governedAt+`)`, end, b.ID, end, end).
		Order(planOrder).Limit(models.MaxPlans).Find(&plans).Error
	if err != nil {
		return nil, fmt.Errorf("finding the plans %s governs: %w", b.Name, err)
	}
	if len(plans) == 0 {
		pl, err := models.DefaultPlan(db.Statement.Context, db)
		if err != nil {
			return nil, err
		}
		return []models.Plan{*pl}, models.CheckPackQuarter(pl, q, now)
	}
	if err := checkPackQuarterPlans(plans, q, now); err != nil {
		return nil, err
	}
	started := plans[:0]
	for _, pl := range plans {
		if pl.Starts().Before(end) {
			started = append(started, pl)
		}
	}
	return started, nil
}

// checkPackQuarterPlans is CheckPackQuarter over several plans: the quarter
// must fall between the start of the earliest and the current quarter.
func checkPackQuarterPlans(plans []models.Plan, q models.Period, now time.Time) error {
	first := &plans[0]
	for i := range plans {
		if plans[i].Starts().Before(first.Starts()) {
			first = &plans[i]
		}
	}
	err := models.CheckPackQuarter(first, q, now)
	if ie, ok := models.IsInvalid(err); ok && len(plans) > 1 {
		return models.Invalid(ie.Field, "%s", strings.Replace(ie.Message, "outside the plan", "outside the plans", 1))
	}
	return err
}

// loadPackPlanParts reads the milestones and areas of every plan covered, in
// two statements.
func loadPackPlanParts(db *gorm.DB, p *Pack, plans []models.Plan) error {
	ids := make([]uint, len(plans))
	for i, pl := range plans {
		ids[i] = pl.ID
	}
	var ms []models.Milestone
	if err := db.Where("plan_id IN ?", ids).Order("plan_id, section").Limit(100 * len(ids)).Find(&ms).Error; err != nil {
		return err
	}
	var areas []models.PriorityArea
	if err := db.Where("plan_id IN ?", ids).Order("plan_id, number").Limit(100 * len(ids)).Find(&areas).Error; err != nil {
		return err
	}
	p.Plans = make([]Plan, len(plans))
	for i, pl := range plans {
		pp := &p.Plans[i]
		pp.Plan = pl
		for _, m := range ms {
			if m.PlanID == pl.ID {
				pp.Milestones = append(pp.Milestones, m)
			}
		}
		for _, a := range areas {
			if a.PlanID == pl.ID {
				pp.PriorityAreas = append(pp.PriorityAreas, a)
			}
		}
	}
	p.Milestones, p.PriorityAreas = p.Plans[0].Milestones, p.Plans[0].PriorityAreas
	return nil
}

// planIndex maps a plan's id to its place in p.Plans.
func (p *Pack) planIndex() map[uint]int {
	out := make(map[uint]int, len(p.Plans))
	for i, pp := range p.Plans {
		out[pp.Plan.ID] = i
	}
	return out
}

// errNoPlanGroup guards the invariant that every action belongs to a plan covered.
var errNoPlanGroup = errors.New("an action of a plan the pack does not cover")

// groupByPlan points each plan's Actions at its run of p.Actions (sorted by
// plan) and shares the updates out.
func (p *Pack) groupByPlan() error {
	at := p.planIndex()
	start := 0
	for i := 1; i <= len(p.Actions); i++ {
		if i < len(p.Actions) && p.Actions[i].PlanID == p.Actions[start].PlanID {
			continue
		}
		j, ok := at[p.Actions[start].PlanID]
		if !ok {
			return errNoPlanGroup
		}
		p.Plans[j].Actions = p.Actions[start:i:i]
		start = i
	}
	for _, u := range p.Updates {
		if j, ok := at[u.PlanID]; ok {
			p.Plans[j].Updates = append(p.Plans[j].Updates, u)
		}
	}
	return nil
}
