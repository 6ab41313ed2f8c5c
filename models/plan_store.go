package models

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"

	"gorm.io/gorm"
)

// MaxPlans bounds the plan list; a partnership runs a handful at once.
const MaxPlans = 500

// PlanCount is a plan with the number of its actions that count (not retired).
type PlanCount struct {
	Plan
	Actions int64
}

// AllPlans returns every plan, the default first, then active before closed
// and archived, then by name.
func AllPlans(ctx context.Context, db *gorm.DB) ([]Plan, error) {
	var plans []Plan
	if err := db.WithContext(ctx).Order("is_default DESC").Order(`CASE status WHEN 'active' THEN 0 WHEN 'closed' THEN 1 ELSE 2 END`).
		Order("name, id").Limit(MaxPlans).Find(&plans).Error; err != nil {
		return nil, fmt.Errorf("listing plans: %w", err)
	}
	return plans, nil
}

// ListPlans is AllPlans with each plan's action count, in two statements.
func ListPlans(ctx context.Context, db *gorm.DB) ([]PlanCount, error) {
	plans, err := AllPlans(ctx, db)
	if err != nil {
		return nil, err
	}
	db = db.WithContext(ctx)
	var counts []struct {
		PlanID uint
		N      int64
	}
	if err := db.Model(&Action{}).Select("plan_id, COUNT(*) AS n").Where("retired_at IS NULL").
		Group("plan_id").Limit(MaxPlans * 2).Scan(&counts).Error; err != nil {
		return nil, fmt.Errorf("counting actions by plan: %w", err)
	}
	by := make(map[uint]int64, len(counts))
	for _, c := range counts {
		by[c.PlanID] = c.N
	}
	out := make([]PlanCount, len(plans))
	for i, p := range plans {
		out[i] = PlanCount{Plan: p, Actions: by[p.ID]}
	}
	return out, nil
}

// FindPlan loads a plan by slug.
func FindPlan(ctx context.Context, db *gorm.DB, slug string) (*Plan, error) {
	var p Plan
	err := db.WithContext(ctx).Where("slug = ?", slug).Take(&p).Error
	if errors.Is(err, gorm.ErrRecordNotFound) {
		return nil, ErrNotFound
	}
	return &p, err
}

// DefaultPlan is the plan "/" and the routes without a plan show: the one
// marked default, or the first loaded if none is.
func DefaultPlan(ctx context.Context, db *gorm.DB) (*Plan, error) {
	var p Plan
	if err := db.WithContext(ctx).Order("is_default DESC, id").Take(&p).Error; err != nil {
		return nil, NotFoundAs(err, fmt.Errorf("no plan loaded: run `sendboard seed`"))
	}
	return &p, nil
}

// LoadReference loads the default plan and its lists.
func LoadReference(ctx context.Context, db *gorm.DB) (*Reference, error) {
	p, err := DefaultPlan(ctx, db)
	if err != nil {
		return nil, err
	}
	return LoadPlanReference(ctx, db, *p)
}

// LoadPlanReference loads plan's milestones and areas, and the boards and
// leads shared by every plan.
func LoadPlanReference(ctx context.Context, db *gorm.DB, plan Plan) (*Reference, error) {
	db = db.WithContext(ctx)
	r := Reference{Plan: plan}
	if err := db.Where("plan_id = ?", r.Plan.ID).Order("section").Limit(maxReferenceRows).Find(&r.Milestones).Error; err != nil {
		return nil, err
	}
	if err := db.Where("plan_id = ?", r.Plan.ID).Order("number").Limit(maxReferenceRows).Find(&r.PriorityAreas).Error; err != nil {
		return nil, err
	}
	if err := db.Order("name").Limit(maxReferenceRows).Find(&r.Boards).Error; err != nil {
		return nil, err
	}
	if err := db.Order("name").Limit(maxReferenceRows).Find(&r.Leads).Error; err != nil {
		return nil, err
	}
	return &r, nil
}

// Home reads what "/" shows: HomeDefault or HomeList.
func Home(ctx context.Context, db *gorm.DB) (string, error) {
	var s PlanSettings
	err := db.WithContext(ctx).Take(&s, 1).Error
	if errors.Is(err, gorm.ErrRecordNotFound) {
		return HomeDefault, nil
	}
	return s.Home, err
}

// CountByPlan counts the current actions governed by board boardID, or led
// by lead leadID, in each plan, in one grouped statement.
func CountByPlan(ctx context.Context, db *gorm.DB, boardID, leadID uint) (map[uint]int64, error) {
	q := db.WithContext(ctx).Model(&Action{}).Select("actions.plan_id, COUNT(*) AS n").Where("actions.retired_at IS NULL")
	if boardID != 0 {
		q = q.Where("EXISTS (SELECT 1 FROM action_boards ab WHERE ab.action_id = actions.id AND ab.board_id = ?)", boardID)
	}
	if leadID != 0 {
		q = q.Where(leadMatch, leadID)
	}
	var rows []struct {
		PlanID uint
		N      int64
	}
	if err := q.Group("actions.plan_id").Limit(MaxPlans * 2).Scan(&rows).Error; err != nil {
		return nil, fmt.Errorf("counting actions by plan: %w", err)
	}
	out := make(map[uint]int64, len(rows))
	for _, r := range rows {
		out[r.PlanID] = r.N
	}
	return out, nil
}

// MilestoneBySection finds a milestone of the plan by its number, or nil.
func (r *Reference) MilestoneBySection(n int) *Milestone {
	for i := range r.Milestones {
		if r.Milestones[i].Section == n {
			return &r.Milestones[i]
		}
	}
	return nil
}

// AreaByCode finds an area of the plan by its code, or nil.
func (r *Reference) AreaByCode(code string) *PriorityArea {
	for i := range r.PriorityAreas {
		if r.PriorityAreas[i].Code == code {
			return &r.PriorityAreas[i]
		}
	}
	return nil
}

// LeadByName finds a lead by name, alias or slug, ignoring case.
func (r *Reference) LeadByName(name string) (Lead, bool) {
	name = NormName(name)
	for _, l := range r.Leads {
		if strings.EqualFold(l.Name, name) || l.Slug == name || slices.ContainsFunc(l.AliasList(), func(a string) bool { return strings.EqualFold(a, name) }) {
			return l, true
		}
	}
	return Lead{}, false
}

// BoardByName finds a board by name or slug, ignoring case.
func (r *Reference) BoardByName(name string) (Board, bool) {
	name = NormName(name)
	for _, b := range r.Boards {
		if strings.EqualFold(b.Name, name) || b.Slug == name {
			return b, true
		}
	}
	return Board{}, false
}
