package risk

import (
	"context"
	"fmt"

	"gorm.io/gorm"

	"sendboard/models"
)

// MayWrite reports whether u may add or change a risk of planID that names
// the actions actionIDs: an admin anywhere; a board member of a board that
// governs any action of the plan; a lead who leads one of the actions.
// Viewers only read.
func MayWrite(ctx context.Context, db *gorm.DB, u *models.User, planID uint, actionIDs []uint) (bool, error) {
	switch {
	case u.AtLeast(models.RoleAdmin):
		return true, nil
	case !u.AtLeast(models.RoleLead):
		return false, nil
	}
	db = db.WithContext(ctx)
	if u.AtLeast(models.RoleBoard) && len(u.Boards) > 0 {
		ids := make([]uint, len(u.Boards))
		for i, b := range u.Boards {
			ids[i] = b.ID
		}
		var n int64
		err := db.Table("action_boards").Joins("JOIN actions ON actions.id = action_boards.action_id").
			Where("actions.plan_id = ? AND action_boards.board_id IN ?", planID, ids).Limit(1).Count(&n).Error
		if err != nil {
			return false, fmt.Errorf("checking the plan's boards: %w", err)
		}
		if n > 0 {
			return true, nil
		}
	}
	if len(u.Leads) == 0 || len(actionIDs) == 0 {
		return false, nil
	}
	leads := make([]uint, len(u.Leads))
	for i, l := range u.Leads {
		leads[i] = l.ID
	}
	var n int64
	err := db.Table("action_leads").Where("action_id IN ? AND lead_id IN ?", actionIDs, leads).Count(&n).Error
	if err != nil {
		return false, fmt.Errorf("checking the actions' leads: %w", err)
	}
	return n > 0, nil
}

// MayChange reports whether u may change r: MayWrite over the actions r
// names now.
func MayChange(ctx context.Context, db *gorm.DB, u *models.User, r *Risk) (bool, error) {
	if !u.AtLeast(models.RoleLead) {
		return false, nil
	}
	var ids []uint
	if err := db.WithContext(ctx).Table("risk_actions").Where("risk_id = ?", r.ID).Pluck("action_id", &ids).Error; err != nil {
		return false, fmt.Errorf("reading the risk's actions: %w", err)
	}
	return MayWrite(ctx, db, u, r.PlanID, ids)
}
