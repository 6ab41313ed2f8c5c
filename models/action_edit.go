package models

import (
	"context"
	"slices"
	"strings"
	"time"

	"gorm.io/gorm"
)

// ActionEdit is an admin's change to an action's plan fields.
type ActionEdit struct {
	Aim            string
	Text           string
	ImpactMeasure  string
	LeadID         uint   // the first lead, 0 for none; used when LeadIDs is nil
	LeadIDs        []uint // every lead in order
	SROID          uint   // 0 for no SRO
	BoardIDs       []uint
	MilestoneID    uint // 0 for none: milestones are optional groups
	PriorityAreaID uint
	Version        int
}

// EditOf is a's plan fields as they stand, the starting point of an edit.
func EditOf(a *Action) ActionEdit {
	e := ActionEdit{Aim: a.Aim, Text: a.Text, ImpactMeasure: a.ImpactMeasure, PriorityAreaID: a.PriorityAreaID, Version: a.Version}
	if a.MilestoneID != nil {
		e.MilestoneID = *a.MilestoneID
	}
	e.LeadIDs = a.LeadIDs()
	if len(e.LeadIDs) > 0 {
		e.LeadID = e.LeadIDs[0]
	}
	if a.SROID != nil {
		e.SROID = *a.SROID
	}
	for _, b := range a.Boards {
		e.BoardIDs = append(e.BoardIDs, b.ID)
	}
	return e
}

// EditAction applies an admin edit, writing an audit entry with the before and
// after value of every field that changed, and re-evaluating the action's
// flags (a new milestone moves its due month), in one transaction.
func EditAction(ctx context.Context, db *gorm.DB, actor *User, ref *Reference, number string, in ActionEdit, now time.Time, flags FlagConfig) error {
	if !actor.AtLeast(RoleAdmin) {
		return ErrForbidden
	}
	if err := checkActionText(&in.Aim, &in.Text, &in.ImpactMeasure); err != nil {
		return err
	}
	// A board ticked twice (boards=1&boards=1) is one board.
	in.BoardIDs = slices.Clone(in.BoardIDs)
	slices.Sort(in.BoardIDs)
	in.BoardIDs = slices.Compact(in.BoardIDs)
	in.LeadIDs = leadList(in.LeadID, in.LeadIDs)
	in.LeadID = 0
	if len(in.LeadIDs) > 0 {
		in.LeadID = in.LeadIDs[0]
	}
	ms, _, sroName, boardNames, err := refChoices(ref, in.MilestoneID, in.PriorityAreaID, in.LeadID, in.SROID, in.BoardIDs)
	if err != nil {
		return err
	}
	leadNames, err := refLeadNames(ref, in.LeadIDs)
	if err != nil {
		return err
	}
	leadName := strings.Join(leadNames, ", ")
	msLabel := ""
	if ms != nil {
		msLabel = ms.Label
	}
	pa := slices.IndexFunc(ref.PriorityAreas, func(p PriorityArea) bool { return p.ID == in.PriorityAreaID })
	return db.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		a, err := findAtVersion(ctx, tx, actor, ref.Plan.ID, number, in.Version)
		if err != nil {
			return err
		}
		oldLead, oldSRO := a.LeadsText(), ""
		if a.SRO != nil {
			oldSRO = a.SRO.Name
		}
		oldBoards := a.BoardNames()
		slices.Sort(oldBoards)
		var audit []AuditEntry
		note := func(field, before, after string) {
			if before != after {
				audit = append(audit, AuditEntry{ActionID: &a.ID, UserID: &actor.ID, AuthorName: actor.Name, Kind: "edit",
					Field: field, BeforeValue: before, AfterValue: after, CreatedAt: now})
			}
		}
		note("aim", a.Aim, in.Aim)
		note("action", a.Text, in.Text)
		note("impact_measure", a.ImpactMeasure, in.ImpactMeasure)
		note("lead", oldLead, leadName)
		note("sro", oldSRO, sroName)
		note("boards", strings.Join(oldBoards, "; "), strings.Join(boardNames, "; "))
		note("milestone", a.Milestone.Label, msLabel)
		note("priority_area", a.PriorityArea.Code, ref.PriorityAreas[pa].Code)
		if len(audit) == 0 {
			return nil
		}
		changes := map[string]any{"aim": in.Aim, "action_text": in.Text, "impact_measure": in.ImpactMeasure,
			"milestone_id": optionalID(in.MilestoneID), "priority_area_id": in.PriorityAreaID, "sro_id": optionalID(in.SROID),
			"version": gorm.Expr("version + 1"), "updated_at": now}
		if leadName != oldLead {
			changes["lead_text"] = leadName
		}
		res := tx.Model(&Action{}).Where("id = ? AND version = ?", a.ID, in.Version).Updates(changes)
		if res.Error != nil {
			return res.Error
		}
		if res.RowsAffected == 0 {
			return conflictFor(ctx, tx, a, actor)
		}
		if leadName != oldLead {
			if err := SetActionLeads(tx, a.ID, in.LeadIDs); err != nil {
				return err
			}
		}
		if err := tx.Where("action_id = ?", a.ID).Delete(&ActionBoard{}).Error; err != nil {
			return err
		}
		if len(in.BoardIDs) > 0 {
			links := make([]ActionBoard, len(in.BoardIDs))
			for i, id := range in.BoardIDs {
				links[i] = ActionBoard{ActionID: a.ID, BoardID: id}
			}
			if err := tx.Create(&links).Error; err != nil {
				return err
			}
		}
		if err := tx.Create(&audit).Error; err != nil {
			return err
		}
		return ReevaluateActionFlags(tx, a.ID, now, flags)
	})
}

// leadList is the leads an edit or a new action names: ids in order without
// repeats or zeros, or first alone when ids is nil.
func leadList(first uint, ids []uint) []uint {
	if ids == nil && first != 0 {
		return []uint{first}
	}
	var out []uint
	for _, id := range ids {
		if id != 0 && !slices.Contains(out, id) {
			out = append(out, id)
		}
	}
	return out
}

// refLeadNames names each lead of ids from ref's list, or says the choice is
// not one of them.
func refLeadNames(ref *Reference, ids []uint) ([]string, error) {
	out := make([]string, 0, len(ids))
	for _, id := range ids {
		i := slices.IndexFunc(ref.Leads, func(l Lead) bool { return l.ID == id })
		if i < 0 {
			return nil, Invalid("lead", "Choose lead roles from the list")
		}
		out = append(out, ref.Leads[i].Name)
	}
	return out, nil
}
