package models

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"time"
	"unicode/utf8"

	"gorm.io/gorm"
)

// AreaInput is an area as an admin or an import gives it.
type AreaInput struct {
	Code   string // how the plan names it: "1", "A"
	Title  string
	Owners string // one of AreaOwners
	Number int    // sort position; 0 puts a new area last and keeps an edited one's
}

func (in *AreaInput) validate() error {
	in.Code, in.Title = strings.TrimSpace(in.Code), strings.TrimSpace(in.Title)
	switch {
	case in.Code == "":
		return Invalid("code", "Enter the area's number or code, such as 1 or A")
	case utf8.RuneCountInString(in.Code) > 20:
		return Invalid("code", "The code must be 20 characters or fewer")
	case in.Title == "":
		return Invalid("title", "Enter the area's title")
	case utf8.RuneCountInString(in.Title) > 1000:
		return Invalid("title", "The title must be 1,000 characters or fewer")
	case !slices.Contains(AreaOwners, in.Owners):
		return Invalid("owners", "Choose who owns the area: council, health, both or another partner")
	case in.Number < 0 || in.Number > 99:
		return Invalid("number", "The position is a number from 1 to 99")
	}
	return nil
}

// SaveArea adds an area to the plan (id 0) or changes one, audited.
func SaveArea(ctx context.Context, db *gorm.DB, actor *User, planID, id uint, in AreaInput, now time.Time) (*PriorityArea, error) {
	if !actor.AtLeast(RoleAdmin) {
		return nil, ErrForbidden
	}
	if err := in.validate(); err != nil {
		return nil, err
	}
	var out *PriorityArea
	err := db.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		var err error
		out, err = saveAreaTx(tx, actor, planID, id, in, now)
		return err
	})
	return out, err
}

func saveAreaTx(tx *gorm.DB, actor *User, planID, id uint, in AreaInput, now time.Time) (*PriorityArea, error) {
	var old PriorityArea
	if id != 0 {
		if err := tx.Where("id = ? AND plan_id = ?", id, planID).Take(&old).Error; err != nil {
			return nil, NotFoundAs(err, ErrNotFound)
		}
	}
	if in.Number == 0 {
		in.Number = old.Number
	}
	if in.Number == 0 {
		if err := tx.Model(&PriorityArea{}).Where("plan_id = ?", planID).Select("COALESCE(MAX(number), 0) + 1").Scan(&in.Number).Error; err != nil {
			return nil, err
		}
	}
	var clash []PriorityArea
	if err := tx.Where("plan_id = ? AND id <> ? AND (code = ? OR number = ?)", planID, id, in.Code, in.Number).Limit(2).Find(&clash).Error; err != nil {
		return nil, err
	}
	for _, c := range clash {
		if c.Code == in.Code {
			return nil, Invalid("code", "The plan already has an area %s", in.Code)
		}
	}
	if len(clash) > 0 {
		return nil, Invalid("number", "Area %s is already at position %d", clash[0].Code, in.Number)
	}
	row := PriorityArea{ID: id, PlanID: planID, Number: in.Number, Code: in.Code, Title: in.Title, Owners: in.Owners}
	kind := "area_create"
	if id != 0 {
		kind = "area_edit"
	}
	if err := tx.Save(&row).Error; err != nil {
		return nil, err
	}
	au := NewAuditor(actor, kind, "area "+row.Code, &planID, nil, now)
	au.Note("code", old.Code, row.Code)
	au.Note("title", old.Title, row.Title)
	au.Note("owners", old.Owners, row.Owners)
	au.Note("position", numText(old.Number), numText(row.Number))
	return &row, au.Save(tx)
}

func numText(n int) string {
	if n == 0 {
		return ""
	}
	return fmt.Sprint(n)
}

// MilestoneInput is a milestone group as an admin or an import gives it.
type MilestoneInput struct {
	Label   string
	Due     string // YYYY-MM
	Section int    // its number; 0 puts a new one last and keeps an edited one's
}

// SaveMilestone adds a milestone group to the plan (id 0) or changes one,
// audited. The actions in it keep their own due dates: a change of those is
// a due-date revision (ReviseDue), never a side effect.
func SaveMilestone(ctx context.Context, db *gorm.DB, actor *User, planID, id uint, in MilestoneInput, now time.Time) (*Milestone, error) {
	if !actor.AtLeast(RoleAdmin) {
		return nil, ErrForbidden
	}
	in.Label, in.Due = strings.TrimSpace(in.Label), strings.TrimSpace(in.Due)
	switch {
	case in.Label == "":
		return nil, Invalid("label", "Enter the milestone's name, such as 3 Month Milestones (July 2019)")
	case utf8.RuneCountInString(in.Label) > 200:
		return nil, Invalid("label", "The name must be 200 characters or fewer")
	case in.Section < 0 || in.Section > 99:
		return nil, Invalid("section", "The milestone number is from 1 to 99")
	}
	if _, err := ParseMonth(in.Due); err != nil {
		return nil, Invalid("due", "Enter the month it is due as YYYY-MM, such as 2025-03")
	}
	var out *Milestone
	err := db.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		var err error
		out, err = saveMilestoneTx(tx, actor, planID, id, in, now)
		return err
	})
	return out, err
}

func saveMilestoneTx(tx *gorm.DB, actor *User, planID, id uint, in MilestoneInput, now time.Time) (*Milestone, error) {
	var old Milestone
	if id != 0 {
		if err := tx.Where("id = ? AND plan_id = ?", id, planID).Take(&old).Error; err != nil {
			return nil, NotFoundAs(err, ErrNotFound)
		}
	}
	if in.Section == 0 {
		in.Section = old.Section
	}
	if in.Section == 0 {
		if err := tx.Model(&Milestone{}).Where("plan_id = ?", planID).Select("COALESCE(MAX(section), 0) + 1").Scan(&in.Section).Error; err != nil {
			return nil, err
		}
	}
	var n int64
	if err := tx.Model(&Milestone{}).Where("plan_id = ? AND id <> ? AND section = ?", planID, id, in.Section).Count(&n).Error; err != nil {
		return nil, err
	}
	if n > 0 {
		return nil, Invalid("section", "The plan already has a milestone %d", in.Section)
	}
	row := Milestone{ID: id, PlanID: planID, Section: in.Section, Label: in.Label, Due: in.Due}
	kind := "milestone_create"
	if id != 0 {
		kind = "milestone_edit"
	}
	if err := tx.Save(&row).Error; err != nil {
		return nil, err
	}
	au := NewAuditor(actor, kind, "milestone "+numText(row.Section), &planID, nil, now)
	au.Note("label", old.Label, row.Label)
	au.Note("due", old.Due, row.Due)
	au.Note("section", numText(old.Section), numText(row.Section))
	return &row, au.Save(tx)
}
