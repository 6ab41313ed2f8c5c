package models

import (
	"context"
	"fmt"
	"time"

	"gorm.io/gorm"
)

// Groups of the "Needs attention" list, most urgent first.
const (
	AttentionRed             = "red"
	AttentionAwaitingSignOff = "awaiting_signoff"
)

// AttentionGroups lists the groups in the order the dashboard shows them:
// red, overdue initiation, milestone passed, update overdue, then complete
// actions awaiting sign-off.
var AttentionGroups = []string{AttentionRed, FlagOverdueInitiation, FlagMilestonePassed, FlagUpdateOverdue, AttentionAwaitingSignOff}

// AttentionItem is one action in a group of the attention list.
type AttentionItem struct {
	Number     string
	Text       string
	LeadText   string
	Since      string  // the flag's since, for flag groups
	Due        string  // the action's due month or date
	InitiateBy *string // for overdue initiations
	LastUpdate *time.Time
}

// Attention is what needs attention among a selection of actions: each
// group's count and its first few actions (the longest-standing first).
type Attention struct {
	Counts map[string]int64
	Items  map[string][]AttentionItem
}

// Total is the number of entries in every group (an action can be in several).
func (a Attention) Total() int64 {
	var n int64
	for _, c := range a.Counts {
		n += c
	}
	return n
}

// attentionOrder orders each group: flags by since (the longest standing
// first), red actions by number, those awaiting sign-off by their last
// update (the completion), oldest first.
var attentionOrder = map[string]string{
	AttentionRed:             "actions.major, actions.minor",
	FlagOverdueInitiation:    "since, actions.major, actions.minor",
	FlagMilestonePassed:      "since, actions.major, actions.minor",
	FlagUpdateOverdue:        "since, actions.major, actions.minor",
	AttentionAwaitingSignOff: "COALESCE(actions.last_update_at, actions.created_at), actions.major, actions.minor",
}

// NeedsAttention counts the groups of the attention list among the actions
// f selects and loads up to perGroup actions of each, in two statements
// whatever the plan's size.
func NeedsAttention(ctx context.Context, db *gorm.DB, planID uint, f ActionFilter, perGroup int) (Attention, error) {
	out := Attention{Counts: map[string]int64{}, Items: map[string][]AttentionItem{}}
	db = db.WithContext(ctx)
	scope := func() (*gorm.DB, error) {
		return ScopeActions(ctx, db.Session(&gorm.Session{NewDB: true}).Table("actions"), planID, f)
	}
	// The partial unique index keeps one open flag per action and kind, so
	// each join adds at most one row per action.
	q, err := scope()
	if err != nil {
		return out, err
	}
	var c struct{ Red, Awaiting, Oi, Mp, Uo int64 }
	err = q.Select(`COUNT(CASE WHEN actions.rag = 'red' THEN 1 END) AS red,
		COUNT(CASE WHEN actions.status = 'complete' AND actions.signed_off_at IS NULL THEN 1 END) AS awaiting,
		COUNT(oi.id) AS oi, COUNT(mp.id) AS mp, COUNT(uo.id) AS uo`).
		Joins("LEFT JOIN flags oi ON oi.action_id = actions.id AND oi.kind = ? AND oi.resolved_at IS NULL", FlagOverdueInitiation).
		Joins("LEFT JOIN flags mp ON mp.action_id = actions.id AND mp.kind = ? AND mp.resolved_at IS NULL", FlagMilestonePassed).
		Joins("LEFT JOIN flags uo ON uo.action_id = actions.id AND uo.kind = ? AND uo.resolved_at IS NULL", FlagUpdateOverdue).
		Scan(&c).Error
	if err != nil {
		return out, fmt.Errorf("counting what needs attention: %w", err)
	}
	out.Counts = map[string]int64{AttentionRed: c.Red, AttentionAwaitingSignOff: c.Awaiting,
		FlagOverdueInitiation: c.Oi, FlagMilestonePassed: c.Mp, FlagUpdateOverdue: c.Uo}
	if perGroup <= 0 {
		return out, nil
	}
	// One UNION of a bounded sub-select per group.
	cols := `actions.number, actions.action_text, actions.lead_text, actions.initiate_by, actions.last_update_at, ` + dueExpr + ` AS due`
	var subs []any
	sql := ""
	for i, g := range AttentionGroups {
		q, err := scope()
		if err != nil {
			return out, err
		}
		switch g {
		case AttentionRed:
			q = q.Select("? AS grp, '' AS since, "+cols, g).Where("actions.rag = 'red'")
		case AttentionAwaitingSignOff:
			q = q.Select("? AS grp, '' AS since, "+cols, g).Where("actions.status = 'complete' AND actions.signed_off_at IS NULL")
		default:
			q = q.Select("? AS grp, fl.since AS since, "+cols, g).
				Joins("JOIN flags fl ON fl.action_id = actions.id AND fl.kind = ? AND fl.resolved_at IS NULL", g)
		}
		subs = append(subs, q.Order(attentionOrder[g]).Limit(perGroup))
		if i > 0 {
			sql += " UNION ALL "
		}
		sql += fmt.Sprintf("SELECT * FROM (?) g%d", i)
	}
	rows, err := db.Raw(sql, subs...).Rows()
	if err != nil {
		return out, fmt.Errorf("listing what needs attention: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var g string
		var it AttentionItem
		if err := rows.Scan(&g, &it.Since, &it.Number, &it.Text, &it.LeadText, &it.InitiateBy, &it.LastUpdate, &it.Due); err != nil {
			return out, fmt.Errorf("listing what needs attention: %w", err)
		}
		out.Items[g] = append(out.Items[g], it)
	}
	return out, rows.Err()
}
