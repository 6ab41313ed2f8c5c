package models

import (
	"context"
	"slices"
	"strings"
	"time"
	"unicode/utf8"

	"gorm.io/gorm"
	"gorm.io/gorm/clause"
)

// ActionInput is a new action as an admin gives it. Ids refer to ref's lists.
type ActionInput struct {
	Number          string // "1.10": unique in the plan
	PriorityAreaID  uint
	MilestoneID     uint // 0 for none
	Aim             string
	Text            string
	SuccessCriteria string // the impact measure
	LeadID          uint   // 0 for none; used when LeadIDs is nil
	LeadIDs         []uint // every lead in order
	SROID           uint   // 0 for none
	BoardIDs        []uint
	Due             string // YYYY-MM-DD or YYYY-MM; blank takes the milestone's month
	Status          string // StatusNotStarted when blank
	InitiateBy      string // YYYY-MM, only for not started
}

// checkActionText trims and bounds the action's text fields.
func checkActionText(aim, text, criteria *string) error {
	*aim, *text, *criteria = strings.TrimSpace(*aim), strings.TrimSpace(*text), strings.TrimSpace(*criteria)
	switch {
	case *text == "":
		return Invalid("action", "Enter what will be done")
	case utf8.RuneCountInString(*text) > 10000:
		return Invalid("action", "The action must be 10,000 characters or fewer")
	case utf8.RuneCountInString(*aim) > 10000:
		return Invalid("aim", "The aim must be 10,000 characters or fewer")
	case utf8.RuneCountInString(*criteria) > 10000:
		return Invalid("impact_measure", "The success criteria must be 10,000 characters or fewer")
	}
	return nil
}

// refChoices checks that the chosen ids are in ref's lists and returns the
// chosen milestone (nil for none), lead and SRO names.
func refChoices(ref *Reference, milestoneID, areaID, leadID, sroID uint, boardIDs []uint) (*Milestone, string, string, []string, error) {
	var ms *Milestone
	if milestoneID != 0 {
		i := slices.IndexFunc(ref.Milestones, func(m Milestone) bool { return m.ID == milestoneID })
		if i < 0 {
			return nil, "", "", nil, Invalid("milestone", "Choose a milestone of this plan")
		}
		ms = &ref.Milestones[i]
	}
	if !slices.ContainsFunc(ref.PriorityAreas, func(p PriorityArea) bool { return p.ID == areaID }) {
		return nil, "", "", nil, Invalid("priority", "Choose an area")
	}
	name := func(field string, id uint) (string, error) {
		if id == 0 {
			return "", nil
		}
		i := slices.IndexFunc(ref.Leads, func(l Lead) bool { return l.ID == id })
		if i < 0 {
			return "", Invalid(field, "Choose a lead role from the list")
		}
		return ref.Leads[i].Name, nil
	}
	lead, err := name("lead", leadID)
	if err != nil {
		return nil, "", "", nil, err
	}
	sro, err := name("sro", sroID)
	if err != nil {
		return nil, "", "", nil, err
	}
	var boards []string
	for _, id := range boardIDs {
		i := slices.IndexFunc(ref.Boards, func(b Board) bool { return b.ID == id })
		if i < 0 {
			return nil, "", "", nil, Invalid("boards", "Choose boards from the list")
		}
		boards = append(boards, ref.Boards[i].Name)
	}
	slices.Sort(boards)
	return ms, lead, sro, boards, nil
}

func optionalID(id uint) *uint {
	if id == 0 {
		return nil
	}
	return &id
}

// CreateAction adds an action to ref's plan, audited, with its flags as of
// now raised in the same transaction, and returns it.
func CreateAction(ctx context.Context, db *gorm.DB, actor *User, ref *Reference, in ActionInput, now time.Time, flags FlagConfig) (*Action, error) {
	if !actor.AtLeast(RoleAdmin) {
		return nil, ErrForbidden
	}
	in.Number = strings.TrimSpace(in.Number)
	major, minor, err := SplitNumber(in.Number)
	if err != nil {
		return nil, Invalid("number", "Enter the action's number as two numbers with a dot, such as 1.10")
	}
	if err := checkActionText(&in.Aim, &in.Text, &in.SuccessCriteria); err != nil {
		return nil, err
	}
	in.LeadIDs = leadList(in.LeadID, in.LeadIDs)
	in.LeadID = 0
	if len(in.LeadIDs) > 0 {
		in.LeadID = in.LeadIDs[0]
	}
	ms, _, sro, boards, err := refChoices(ref, in.MilestoneID, in.PriorityAreaID, in.LeadID, in.SROID, in.BoardIDs)
	if err != nil {
		return nil, err
	}
	leadNames, err := refLeadNames(ref, in.LeadIDs)
	if err != nil {
		return nil, err
	}
	lead := strings.Join(leadNames, ", ")
	if in.Due == "" && ms != nil {
		in.Due = ms.Due
	}
	if in.Due, err = ParseDue(in.Due); err != nil {
		return nil, err
	}
	if in.Status == "" {
		in.Status = StatusNotStarted
	}
	if in.Status != StatusNotStarted && in.Status != StatusInProgress {
		return nil, Invalid("status", "A new action is not started or in progress; completing it needs evidence in a progress update")
	}
	a := &Action{PlanID: ref.Plan.ID, Number: in.Number, Major: major, Minor: minor, MilestoneID: optionalID(in.MilestoneID),
		PriorityAreaID: in.PriorityAreaID, LeadID: optionalID(in.LeadID), SROID: optionalID(in.SROID),
		Aim: in.Aim, Text: in.Text, ImpactMeasure: in.SuccessCriteria, LeadText: lead, Status: in.Status,
		Due: in.Due, DueOriginal: in.Due, Version: 1, CreatedAt: now, UpdatedAt: now}
	if in.InitiateBy != "" {
		if in.Status != StatusNotStarted {
			return nil, Invalid("initiate_by", "Only an action not yet started has a month to start by")
		}
		if _, err := ParseMonth(in.InitiateBy); err != nil {
			return nil, Invalid("initiate_by", "Enter the month to start by as YYYY-MM")
		}
		a.InitiateBy = &in.InitiateBy
	}
	err = db.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		// 1.1 and 1.01 are one number; 3.1a and 3.1b are two.
		var same []string
		if err := tx.Model(&Action{}).Where("plan_id = ? AND (number = ? OR (major = ? AND minor = ?))", a.PlanID, a.Number, major, minor).
			Pluck("number", &same).Error; err != nil {
			return err
		}
		if slices.ContainsFunc(same, func(n string) bool { return numberLetter(n) == numberLetter(a.Number) }) {
			return Invalid("number", "The plan already has an action %s", in.Number)
		}
		if err := insertAction(tx, a, in.BoardIDs); err != nil {
			return err
		}
		if len(in.LeadIDs) > 1 {
			if err := SetActionLeads(tx, a.ID, in.LeadIDs); err != nil {
				return err
			}
		}
		au := NewAuditor(actor, "create", "action "+a.Number, &a.PlanID, &a.ID, now)
		au.Note("action", "", a.Text)
		au.Note("aim", "", a.Aim)
		au.Note("impact_measure", "", a.ImpactMeasure)
		au.Note("lead", "", lead)
		au.Note("sro", "", sro)
		au.Note("boards", "", strings.Join(boards, "; "))
		au.Note("due", "", a.Due)
		au.Note("status", "", a.Status)
		if ms != nil {
			au.Note("milestone", "", ms.Label)
		}
		if err := au.Save(tx); err != nil {
			return err
		}
		return ReevaluateActionFlags(tx, a.ID, now, flags)
	})
	if err != nil {
		return nil, err
	}
	return a, nil
}

// insertAction writes an action row and its board links.
func insertAction(tx *gorm.DB, a *Action, boardIDs []uint) error {
	if err := tx.Omit(clause.Associations).Create(a).Error; err != nil {
		return err
	}
	if len(boardIDs) == 0 {
		return nil
	}
	links := make([]ActionBoard, 0, len(boardIDs))
	for _, id := range boardIDs {
		if !slices.ContainsFunc(links, func(l ActionBoard) bool { return l.BoardID == id }) {
			links = append(links, ActionBoard{ActionID: a.ID, BoardID: id})
		}
	}
	return tx.Create(&links).Error
}
