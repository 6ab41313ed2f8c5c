package models

import (
	"context"
	"fmt"
	"slices"
	"strings"

	"gorm.io/gorm"
)

// ActionLead is one of an action's leads; Position orders them, 0 first. The
// first is also the action's LeadID (see schema v16).
type ActionLead struct {
	ActionID uint `gorm:"primaryKey"`
	LeadID   uint `gorm:"primaryKey"`
	Position int
}

// leadIDsChunk bounds the IN lists of the lead lookups.
const leadIDsChunk = 1000

// LeadIDs are the ids of the action's leads in order: its loaded Leads, or
// its first lead when they were not loaded.
func (a *Action) LeadIDs() []uint {
	if a.Leads != nil {
		out := make([]uint, len(a.Leads))
		for i, l := range a.Leads {
			out[i] = l.ID
		}
		return out
	}
	if a.LeadID != nil {
		return []uint{*a.LeadID}
	}
	return nil
}

// LeadNames are the names of the action's loaded leads, in order.
func (a *Action) LeadNames() []string {
	out := make([]string, 0, len(a.Leads))
	for _, l := range a.Leads {
		out = append(out, l.Name)
	}
	if len(out) == 0 && a.Lead != nil {
		out = append(out, a.Lead.Name)
	}
	return out
}

// LeadsText is the action's leads as one line, "LA, ICB", or "" for none.
func (a *Action) LeadsText() string { return strings.Join(a.LeadNames(), ", ") }

// LeadsOf loads the leads of the actions with the given ids, each action's in
// order, in one query per thousand actions.
func LeadsOf(ctx context.Context, db *gorm.DB, ids []uint) (map[uint][]Lead, error) {
	out := make(map[uint][]Lead, len(ids))
	for start := 0; start < len(ids); start += leadIDsChunk {
		part := ids[start:min(start+leadIDsChunk, len(ids))]
		rows, err := db.Session(&gorm.Session{NewDB: true, Context: ctx}).Raw(`
			SELECT al.action_id, l.id, l.name, l.slug, l.aliases FROM action_leads al JOIN leads l ON l.id = al.lead_id
			WHERE al.action_id IN ? ORDER BY al.action_id, al.position, l.name`, part).Rows()
		if err != nil {
			return nil, fmt.Errorf("loading action leads: %w", err)
		}
		for rows.Next() {
			var id uint
			var l Lead
			if err := rows.Scan(&id, &l.ID, &l.Name, &l.Slug, &l.Aliases); err != nil {
				rows.Close()
				return nil, fmt.Errorf("loading action leads: %w", err)
			}
			out[id] = append(out[id], l)
		}
		if err := rows.Close(); err != nil {
			return nil, err
		}
	}
	return out, nil
}

// LeadsIn loads the leads of the actions a subquery selects (its ids), each
// action's in order, in one query whatever their number.
func LeadsIn(ctx context.Context, db *gorm.DB, sub string, args ...any) (map[uint][]Lead, error) {
	rows, err := db.Session(&gorm.Session{NewDB: true, Context: ctx}).Raw(`
		SELECT al.action_id, l.id, l.name, l.slug, l.aliases FROM action_leads al JOIN leads l ON l.id = al.lead_id
		WHERE al.action_id IN (`+sub+`) ORDER BY al.action_id, al.position, l.name`, args...).Rows()
	if err != nil {
		return nil, fmt.Errorf("loading action leads: %w", err)
	}
	defer rows.Close()
	out := map[uint][]Lead{}
	for rows.Next() {
		var id uint
		var l Lead
		if err := rows.Scan(&id, &l.ID, &l.Name, &l.Slug, &l.Aliases); err != nil {
			return nil, fmt.Errorf("loading action leads: %w", err)
		}
		out[id] = append(out[id], l)
	}
	return out, rows.Err()
}

// AttachLeads sets each action's Leads (never nil afterwards) in one query
// per thousand actions.
func AttachLeads(ctx context.Context, db *gorm.DB, actions []Action) error {
	if len(actions) == 0 {
		return nil
	}
	ids := make([]uint, len(actions))
	for i := range actions {
		ids[i] = actions[i].ID
	}
	byAction, err := LeadsOf(ctx, db, ids)
	if err != nil {
		return err
	}
	for i := range actions {
		actions[i].Leads = append([]Lead{}, byAction[actions[i].ID]...)
	}
	return nil
}

// SetActionLeads makes leadIDs (in order, repeats dropped) the action's leads
// and the first of them its LeadID, inside tx.
func SetActionLeads(tx *gorm.DB, actionID uint, leadIDs []uint) error {
	var ids []uint
	for _, id := range leadIDs {
		if id != 0 && !slices.Contains(ids, id) {
			ids = append(ids, id)
		}
	}
	if err := tx.Exec("DELETE FROM action_leads WHERE action_id = ?", actionID).Error; err != nil {
		return err
	}
	for i, id := range ids {
		if err := tx.Exec("INSERT INTO action_leads (action_id, lead_id, position) VALUES (?, ?, ?)", actionID, id, i).Error; err != nil {
			return err
		}
	}
	var first any
	if len(ids) > 0 {
		first = ids[0]
	}
	return tx.Exec("UPDATE actions SET lead_id = ? WHERE id = ?", first, actionID).Error
}

// leadMatch is the condition "the action has lead ?" for a query on actions.
const leadMatch = "EXISTS (SELECT 1 FROM action_leads al WHERE al.action_id = actions.id AND al.lead_id = ?)"

// leadsMatch is the condition "the action has any of the leads ?".
const leadsMatch = "EXISTS (SELECT 1 FROM action_leads al WHERE al.action_id = actions.id AND al.lead_id IN ?)"
