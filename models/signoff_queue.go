package models

import (
	"context"
	"fmt"

	"gorm.io/gorm"
)

// SignOffQueue is a board's complete actions awaiting its sign-off, from
// every plan it governs actions in.
type SignOffQueue struct {
	Actions []Action // the default plan's first, then by plan name; each plan's by number
	Total   int64    // how many await sign-off; more than len(Actions) when limit cut the list
}

// AwaitingSignOff lists the current complete actions of every plan governed
// by board boardID that no one has signed off, at most limit, with their
// leads, in two statements whatever the number of plans or actions.
func AwaitingSignOff(ctx context.Context, db *gorm.DB, boardID uint, limit int) (SignOffQueue, error) {
	var q SignOffQueue
	scope := func() *gorm.DB {
		return db.WithContext(ctx).Model(&Action{}).
			Where("actions.status = ? AND actions.signed_off_at IS NULL AND actions.retired_at IS NULL", StatusComplete).
			Where("EXISTS (SELECT 1 FROM action_boards ab WHERE ab.action_id = actions.id AND ab.board_id = ?)", boardID)
	}
	if err := scope().Count(&q.Total).Error; err != nil {
		return q, fmt.Errorf("counting actions awaiting sign-off: %w", err)
	}
	err := scope().Joins("JOIN plans p ON p.id = actions.plan_id").Joins("Lead").
		Order("p.is_default DESC, p.name, p.id, actions.major, actions.minor, actions.number").Limit(limit).Find(&q.Actions).Error
	if err != nil {
		return q, fmt.Errorf("listing actions awaiting sign-off: %w", err)
	}
	// One query whether or not any action waits, so the page's statements
	// stay the same.
	leads, err := LeadsIn(ctx, db, `SELECT a.id FROM actions a WHERE a.status = ? AND a.signed_off_at IS NULL AND a.retired_at IS NULL
		AND EXISTS (SELECT 1 FROM action_boards ab WHERE ab.action_id = a.id AND ab.board_id = ?)`, StatusComplete, boardID)
	if err != nil {
		return q, err
	}
	for i := range q.Actions {
		q.Actions[i].Leads = leads[q.Actions[i].ID]
	}
	return q, nil
}
