package round

import (
	"context"
	"slices"
	"time"

	"gorm.io/gorm"

	"sendboard/models"
)

// Preview is what opening a round would do, for the "Check your answers"
// page: the validated choices, the actions in scope, who would be emailed,
// and the lead roles with actions in scope but no one to email.
type Preview struct {
	Plan       models.Plan
	Board      *models.Board
	Scope      string
	Due        string
	Meeting    *string
	Message    string
	Items      []Item
	Recipients []Recipient
	Unreached  []string // lead roles no one would be emailed for
	NoLead     int      // actions in scope with no lead role
	Existing   *Round   // the round already open for this board, plan and due date
}

// Recipient is one person a round's request would go to.
type Recipient struct {
	Name, Email string
	Actions     int
}

// PreviewOpen checks in as Open would and says what opening it would do,
// writing nothing.
func PreviewOpen(ctx context.Context, db *gorm.DB, actor *models.User, in Input, now time.Time, loc *time.Location) (*Preview, error) {
	s, err := validate(ctx, db, actor, in, LocalDate(now, loc))
	if err != nil {
		return nil, err
	}
	p := &Preview{Plan: s.plan, Board: s.board, Scope: s.scope, Due: s.due, Meeting: s.meeting, Message: s.message}
	if p.Existing, err = findOpen(ctx, db, s); err != nil {
		return nil, err
	}
	if p.Items, err = scopeItems(ctx, db, s); err != nil {
		return nil, err
	}
	holders, err := leadRecipients(ctx, db, itemLeads(p.Items))
	if err != nil {
		return nil, err
	}
	byLead := map[uint][]uint{}
	users := map[uint]models.User{}
	var order []uint
	for _, h := range holders {
		if _, seen := users[h.User.ID]; !seen {
			order = append(order, h.User.ID)
		}
		users[h.User.ID] = h.User
		byLead[h.LeadID] = append(byLead[h.LeadID], h.User.ID)
	}
	count := map[uint]int{}
	unreached := map[string]bool{}
	for _, it := range p.Items {
		ids := it.leadIDs()
		if len(ids) == 0 {
			p.NoLead++
			continue
		}
		var asked []uint // each person once per action, though they hold two of its leads
		for j, id := range ids {
			name := it.Lead
			if j < len(it.LeadNames) {
				name = it.LeadNames[j]
			}
			if len(byLead[id]) == 0 && !unreached[name] {
				unreached[name] = true
				p.Unreached = append(p.Unreached, name)
			}
			for _, uid := range byLead[id] {
				if !slices.Contains(asked, uid) {
					asked = append(asked, uid)
					count[uid]++
				}
			}
		}
	}
	for _, uid := range order {
		if count[uid] > 0 {
			p.Recipients = append(p.Recipients, Recipient{Name: users[uid].Name, Email: users[uid].Email, Actions: count[uid]})
		}
	}
	return p, nil
}

// EmailedByLead lists, for each lead role a round asked, the people its
// request went to who hold that role, for the tracker's "emailed" column: a
// jointly led row counts each person once, whichever of its roles they hold.
func EmailedByLead(ctx context.Context, db *gorm.DB, roundID uint) (map[uint][]uint, error) {
	var rows []struct{ LeadID, UserID uint }
	err := db.WithContext(ctx).Table("outbox o").Distinct("ul.lead_id", "o.user_id").
		Joins("JOIN user_leads ul ON ul.user_id = o.user_id").
		Where(`o.round_id = ? AND o.kind = ? AND ul.lead_id IN (SELECT DISTINCT al.lead_id FROM round_actions ra
			JOIN action_leads al ON al.action_id = ra.action_id WHERE ra.round_id = ?)`,
			roundID, MailRequest, roundID).
		Scan(&rows).Error
	out := make(map[uint][]uint, len(rows))
	for _, r := range rows {
		out[r.LeadID] = append(out[r.LeadID], r.UserID)
	}
	return out, err
}
