package models

import (
	"context"

	"gorm.io/gorm"
)

// PlanRevision reads the counter the database bumps on every change to the
// plan, its actions, boards, flags or progress (see schemaV5).
func PlanRevision(ctx context.Context, db *gorm.DB) (int64, error) {
	var n int64
	err := db.WithContext(ctx).Raw("SELECT n FROM plan_revision WHERE id = 1").Row().Scan(&n)
	return n, err
}
