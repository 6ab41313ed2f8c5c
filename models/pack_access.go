package models

import (
	"context"
	"errors"
	"strings"

	"gorm.io/gorm"
)

// WholePlan is the board selector meaning every action of the plan.
const WholePlan = "all"

// WholePlanName is how a whole-plan pack names its board.
const WholePlanName = "Whole plan"

// FindPackBoard resolves a board by slug or name (any case); "all" or ""
// means the whole plan and returns a nil board.
func FindPackBoard(ctx context.Context, db *gorm.DB, s string) (*Board, error) {
	s = strings.TrimSpace(s)
	if s == "" || strings.EqualFold(s, WholePlan) || strings.EqualFold(s, WholePlanName) {
		return nil, nil
	}
	var b Board
	err := db.WithContext(ctx).Where("slug = ? OR LOWER(name) = ?", Slugify(s), strings.ToLower(s)).Order("id").Take(&b).Error
	if err != nil {
		return nil, NotFoundAs(err, Invalid("board", "there is no governance board %q", s))
	}
	return &b, nil
}

// MayGeneratePack refuses a user who may not generate the pack of board (slug,
// name or "all") for plan (a slug; "" is every plan the board governs, or the
// default plan for "all"). A board's pack is for its members. A whole-plan
// pack shows every action of the plan, so it is for admins and for members of
// a board that governs every one of them. An unknown board or plan is left
// for the pack builder to report.
func MayGeneratePack(ctx context.Context, db *gorm.DB, u *User, board, plan string) error {
	if u.AtLeast(RoleAdmin) {
		return nil
	}
	if !u.AtLeast(RoleBoard) {
		return ErrForbidden
	}
	b, err := FindPackBoard(ctx, db, board)
	if _, invalid := IsInvalid(err); invalid {
		return nil
	}
	switch {
	case err != nil:
		return err
	case b != nil && !u.MemberOfBoard(b.ID):
		return ErrForbidden
	case b != nil:
		return nil
	}
	return mayGenerateWholePlan(ctx, db, u, plan)
}

// mayGenerateWholePlan lets a board member make the whole-plan pack of plan
// when one of their boards governs every action of it, retired ones
// included (a past quarter's pack still shows those).
func mayGenerateWholePlan(ctx context.Context, db *gorm.DB, u *User, plan string) error {
	if len(u.Boards) == 0 {
		return ErrForbidden
	}
	var p *Plan
	var err error
	if plan = strings.TrimSpace(plan); plan == "" {
		p, err = DefaultPlan(ctx, db)
	} else {
		p, err = FindPlan(ctx, db, plan)
	}
	if errors.Is(err, ErrNotFound) {
		return nil
	}
	if err != nil {
		return err
	}
	ids := make([]uint, len(u.Boards))
	for i, b := range u.Boards {
		ids[i] = b.ID
	}
	var found []uint
	err = db.WithContext(ctx).Raw(`SELECT b.id FROM boards b WHERE b.id IN ? AND NOT EXISTS (
		SELECT 1 FROM actions a WHERE a.plan_id = ? AND NOT EXISTS (
			SELECT 1 FROM action_boards ab WHERE ab.action_id = a.id AND ab.board_id = b.id)) LIMIT 1`, ids, p.ID).Scan(&found).Error
	if err != nil {
		return err
	}
	if len(found) == 0 {
		return ErrForbidden
	}
	return nil
}
