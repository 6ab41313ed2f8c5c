package models

import (
	"context"
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
// name or "all"): a board's pack is for its members, the whole plan's for
// members of any board; admins may generate every pack. An unknown board is
// left for the pack builder to report.
func MayGeneratePack(ctx context.Context, db *gorm.DB, u *User, board string) error {
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
	case b == nil && len(u.Boards) == 0, b != nil && !u.MemberOfBoard(b.ID):
		return ErrForbidden
	}
	return nil
}
