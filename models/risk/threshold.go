package risk

import (
	"context"
	"fmt"
	"strconv"
	"time"

	"gorm.io/gorm"

	"sendboard/models"
)

// ThresholdChange is one change of a plan's escalation threshold, with the
// value before it: a pack for a past quarter escalates by the threshold then.
type ThresholdChange struct {
	ID        uint `gorm:"primaryKey"`
	PlanID    uint
	Threshold int
	Previous  int
	ChangedAt time.Time
	UserID    *uint
	UserName  string
}

// TableName keeps the table's name.
func (ThresholdChange) TableName() string { return "risk_threshold_history" }

// SetThreshold sets planID's escalation threshold (an admin's setting),
// keeping the change in the threshold's history and the audit log. Setting
// the value it already has changes nothing.
func SetThreshold(ctx context.Context, db *gorm.DB, u *models.User, planID uint, t int, now time.Time) error {
	if !u.AtLeast(models.RoleAdmin) {
		return models.ErrForbidden
	}
	if t < 1 || t > 25 {
		return models.Invalid("threshold", "Escalation threshold must be a whole number from 1 to 25")
	}
	return db.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		prev, err := Threshold(ctx, tx, planID)
		if err != nil {
			return err
		}
		if prev == t {
			return nil
		}
		if err := tx.Table("plans").Where("id = ?", planID).Update("risk_threshold", t).Error; err != nil {
			return fmt.Errorf("setting the escalation threshold: %w", err)
		}
		if err := tx.Create(&ThresholdChange{PlanID: planID, Threshold: t, Previous: prev, ChangedAt: now,
			UserID: &u.ID, UserName: u.Name}).Error; err != nil {
			return fmt.Errorf("keeping the threshold's history: %w", err)
		}
		return tx.Create(&models.AuditEntry{PlanID: &planID, Subject: "risk threshold", UserID: &u.ID, AuthorName: u.Name,
			Kind: "edit", Field: "risk_threshold", BeforeValue: strconv.Itoa(prev), AfterValue: strconv.Itoa(t), CreatedAt: now}).Error
	})
}

// ThresholdsAt is the escalation threshold of each of planIDs as it stood at
// t, in two statements: the newest change before t, else the value before the
// first change after it, else the plan's threshold now.
func ThresholdsAt(ctx context.Context, db *gorm.DB, planIDs []uint, t time.Time) (map[uint]int, error) {
	out := make(map[uint]int, len(planIDs))
	if len(planIDs) == 0 {
		return out, nil
	}
	var plans []struct {
		ID            uint
		RiskThreshold int
	}
	db = db.WithContext(ctx)
	if err := db.Table("plans").Select("id, risk_threshold").Where("id IN ?", planIDs).Scan(&plans).Error; err != nil {
		return nil, fmt.Errorf("reading escalation thresholds: %w", err)
	}
	for _, p := range plans {
		out[p.ID] = p.RiskThreshold
	}
	var changes []ThresholdChange
	if err := db.Where("plan_id IN ?", planIDs).Order("plan_id, changed_at, id").Limit(MaxList * 10).Find(&changes).Error; err != nil {
		return nil, fmt.Errorf("reading the thresholds' history: %w", err)
	}
	seen := map[uint]bool{}
	for _, c := range changes {
		switch {
		case c.ChangedAt.Before(t):
			out[c.PlanID], seen[c.PlanID] = c.Threshold, true
		case !seen[c.PlanID]:
			out[c.PlanID], seen[c.PlanID] = c.Previous, true
		}
	}
	return out, nil
}
