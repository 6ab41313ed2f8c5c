package models

import (
	"regexp"
	"strings"
	"time"
)

// Plan is one Written Statement of Action plan.
type Plan struct {
	ID        uint      `gorm:"primaryKey" json:"-"`
	Slug      string    `gorm:"size:100;uniqueIndex;not null" json:"slug"`
	Name      string    `gorm:"not null" json:"name"`
	Date      time.Time `gorm:"not null" json:"date"`
	CreatedAt time.Time `json:"-"`
}

// Milestone is a section of the plan ("3 Month Milestones (July 2019)") due in a month.
type Milestone struct {
	ID      uint   `gorm:"primaryKey" json:"-"`
	PlanID  uint   `gorm:"not null;uniqueIndex:ux_milestone_section" json:"-"`
	Section int    `gorm:"not null;uniqueIndex:ux_milestone_section" json:"section"`
	Label   string `gorm:"not null" json:"label"`
	Due     string `gorm:"size:7;not null" json:"due"` // YYYY-MM
}

// PriorityArea is one of the four areas the inspectors revisited.
type PriorityArea struct {
	ID     uint   `gorm:"primaryKey" json:"-"`
	PlanID uint   `gorm:"not null;uniqueIndex:ux_priority_number" json:"-"`
	Number int    `gorm:"not null;uniqueIndex:ux_priority_number" json:"number"`
	Title  string `gorm:"not null" json:"title"`
}

// Board is a governance board that monitors actions.
type Board struct {
	ID   uint   `gorm:"primaryKey" json:"-"`
	Name string `gorm:"size:200;uniqueIndex;not null" json:"name"`
	Slug string `gorm:"size:200;uniqueIndex;not null" json:"slug"`
}

// Lead is a lead role ("DCO"); Aliases holds other spellings the document uses,
// separated by "|".
type Lead struct {
	ID      uint   `gorm:"primaryKey" json:"-"`
	Name    string `gorm:"size:200;uniqueIndex;not null" json:"name"`
	Slug    string `gorm:"size:200;uniqueIndex;not null" json:"slug"`
	Aliases string `gorm:"not null;default:''" json:"-"`
}

// AliasList splits Aliases.
func (l Lead) AliasList() []string {
	if l.Aliases == "" {
		return nil
	}
	return strings.Split(l.Aliases, "|")
}

var nonSlug = regexp.MustCompile(`[^a-z0-9]+`)

// Slugify turns a name into a URL path segment: "SEND Health Forum" -> "send-health-forum".
func Slugify(s string) string {
	return strings.Trim(nonSlug.ReplaceAllString(strings.ToLower(s), "-"), "-")
}
