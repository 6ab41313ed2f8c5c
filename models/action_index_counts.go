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

// add counts n actions of status and rag, flagged of them flagged.
func (g *GroupCounts) add(status, rag string, n, flagged int64) {
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
}

// IndexCounts are one board's or lead's current actions counted over every
// plan (boards and leads are shared by the plans), and in each plan by id.
type IndexCounts struct {
	All    GroupCounts
	ByPlan map[uint]GroupCounts
}

// CountByBoard counts the current actions of every plan governed by each
// board, by board id, in one grouped query.
func CountByBoard(ctx context.Context, db *gorm.DB) (map[uint]IndexCounts, error) {
	return countGroups(ctx, db, "ab.board_id", "JOIN action_boards ab ON ab.action_id = actions.id")
}

// CountByLead counts the current actions of every plan by lead id (0 for no
// lead), in one grouped query; an action with two leads counts for each.
func CountByLead(ctx context.Context, db *gorm.DB) (map[uint]IndexCounts, error) {
	return countGroups(ctx, db, "COALESCE(al.lead_id, 0)", "LEFT JOIN action_leads al ON al.action_id = actions.id")
}

// countGroups reads one row per group, plan, status and RAG: bounded by the
// boards (or leads) and plans, not by the actions.
func countGroups(ctx context.Context, db *gorm.DB, key, join string) (map[uint]IndexCounts, error) {
	rows, err := db.WithContext(ctx).Raw(`SELECT ` + key + ` AS k, actions.plan_id, actions.status, actions.rag, COUNT(*), COUNT(fl.action_id)
		FROM actions ` + join + `
		LEFT JOIN (SELECT DISTINCT action_id FROM flags WHERE resolved_at IS NULL) fl ON fl.action_id = actions.id
		WHERE actions.retired_at IS NULL GROUP BY 1, 2, 3, 4`).Rows()
	if err != nil {
		return nil, fmt.Errorf("counting actions by group: %w", err)
	}
	defer rows.Close()
	out := map[uint]IndexCounts{}
	for rows.Next() {
		var id, planID uint
		var status, rag string
		var n, flagged int64
		if err := rows.Scan(&id, &planID, &status, &rag, &n, &flagged); err != nil {
			return nil, fmt.Errorf("counting actions by group: %w", err)
		}
		g := out[id]
		if g.ByPlan == nil {
			g.ByPlan = map[uint]GroupCounts{}
		}
		g.All.add(status, rag, n, flagged)
		p := g.ByPlan[planID]
		p.add(status, rag, n, flagged)
		g.ByPlan[planID] = p
		out[id] = g
	}
	return out, rows.Err()
}
