package models

import (
	"context"
	"fmt"

	"gorm.io/gorm"
)

// GroupCounts are the counts the board and lead indexes show for one board
// or lead.
type GroupCounts struct {
	Total, NotStarted, InProgress, Complete, Red, Flagged int64
}

// CountByBoard counts the plan's actions governed by each board, by board id,
// in one grouped query.
func CountByBoard(ctx context.Context, db *gorm.DB, planID uint) (map[uint]GroupCounts, error) {
	return countGroups(ctx, db, "ab.board_id", "JOIN action_boards ab ON ab.action_id = actions.id", planID)
}

// CountByLead counts the plan's actions by lead id (0 for no lead), in one
// grouped query; an action with two leads counts for each.
func CountByLead(ctx context.Context, db *gorm.DB, planID uint) (map[uint]GroupCounts, error) {
	return countGroups(ctx, db, "COALESCE(al.lead_id, 0)", "LEFT JOIN action_leads al ON al.action_id = actions.id", planID)
}

func countGroups(ctx context.Context, db *gorm.DB, key, join string, planID uint) (map[uint]GroupCounts, error) {
	rows, err := db.WithContext(ctx).Raw(`SELECT `+key+` AS k, actions.status, actions.rag, COUNT(*), COUNT(fl.action_id)
		FROM actions `+join+`
		LEFT JOIN (SELECT DISTINCT action_id FROM flags WHERE resolved_at IS NULL) fl ON fl.action_id = actions.id
		WHERE actions.plan_id = ? GROUP BY 1, 2, 3`, planID).Rows()
	if err != nil {
		return nil, fmt.Errorf("counting actions by group: %w", err)
	}
	defer rows.Close()
	out := map[uint]GroupCounts{}
	for rows.Next() {
		var id uint
		var status, rag string
		var n, flagged int64
		if err := rows.Scan(&id, &status, &rag, &n, &flagged); err != nil {
			return nil, fmt.Errorf("counting actions by group: %w", err)
		}
		g := out[id]
		g.Total += n
		g.Flagged += flagged
		switch status {
		case StatusNotStarted:
			g.NotStarted += n
		case StatusInProgress:
			g.InProgress += n
		case StatusComplete:
			g.Complete += n
		}
		if rag == "red" {
			g.Red += n
		}
		out[id] = g
	}
	return out, rows.Err()
}
