package models

import (
	"context"
	"errors"
	"fmt"

	"gorm.io/gorm"
)

// maxPlans bounds the plan list; a partnership runs a handful at once.
const maxPlans = 500

// PlanCount is a plan with the number of its actions that count (not retired).
type PlanCount struct {
	Plan
	Actions int64
}

// ListPlans returns every plan, the default first then active before closed
// and archived, each with its action count, in two statements.
func ListPlans(ctx context.Context, db *gorm.DB) ([]PlanCount, error) {
	db = db.WithContext(ctx)
	var plans []Plan
	if err := db.Order("is_default DESC").Order(`CASE status WHEN 'active' THEN 0 WHEN 'closed' THEN 1 ELSE 2 END`).
		Order("name, id").Limit(maxPlans).Find(&plans).Error; err != nil {
		return nil, fmt.Errorf("listing plans: %w", err)
	}
	var counts []struct {
		PlanID uint
		N      int64
	}
	if err := db.Model(&Action{}).Select("plan_id, COUNT(*) AS n").Where("retired_at IS NULL").
		Group("plan_id").Limit(maxPlans * 2).Scan(&counts).Error; err != nil {
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
		return nil, notFoundAs(err, fmt.Errorf("no plan loaded: run `sendboard seed`"))
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
