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
	LeadID         uint // 0 for no lead
	SROID          uint // 0 for no SRO
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
	if a.LeadID != nil {
		e.LeadID = *a.LeadID
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
	ms, leadName, sroName, boardNames, err := refChoices(ref, in.MilestoneID, in.PriorityAreaID, in.LeadID, in.SROID, in.BoardIDs)
	if err != nil {
		return err
	}
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
		oldLead, oldSRO := "", ""
		if a.Lead != nil {
			oldLead = a.Lead.Name
		}
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
			if in.LeadID == 0 {
				changes["lead_id"] = nil
			} else {
				changes["lead_id"] = in.LeadID
			}
		}
		res := tx.Model(&Action{}).Where("id = ? AND version = ?", a.ID, in.Version).Updates(changes)
		if res.Error != nil {
			return res.Error
		}
		if res.RowsAffected == 0 {
			return conflictFor(ctx, tx, a, actor)
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
