package models

import (
	"context"
	"fmt"

	"gorm.io/gorm"
)

// MaxActionChoices bounds the actions offered in one list to choose from; a
// plan is far smaller.
const MaxActionChoices = 2000

// ActionChoice is an action as a list to choose from shows it.
type ActionChoice struct {
	Number, Text string
}

// ActionChoices lists the plan's current actions in number order, for a
// form that picks one, at most MaxActionChoices.
func ActionChoices(ctx context.Context, db *gorm.DB, planID uint) ([]ActionChoice, error) {
	var out []ActionChoice
	err := db.WithContext(ctx).Model(&Action{}).Select("number, action_text AS text").
		Where("plan_id = ? AND retired_at IS NULL", planID).Order("major, minor, number").Limit(MaxActionChoices).Scan(&out).Error
	if err != nil {
		return nil, fmt.Errorf("listing the plan's actions: %w", err)
	}
	return out, nil
}
