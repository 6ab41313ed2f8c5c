package models

import (
	"time"
)

// Flag kinds raised by the flag rules.
const (
	FlagOverdueInitiation = "overdue_initiation"
	FlagMilestonePassed   = "milestone_passed"
	FlagUpdateOverdue     = "update_overdue"
)

// FlagKinds lists every flag kind, the most urgent first.
var FlagKinds = []string{FlagOverdueInitiation, FlagMilestonePassed, FlagUpdateOverdue}

// FlagLabel is the human wording of a flag kind.
func FlagLabel(k string) string {
	switch k {
	case FlagOverdueInitiation:
		return "Overdue initiation"
	case FlagMilestonePassed:
		return "Milestone passed"
	case FlagUpdateOverdue:
		return "Update overdue"
	}
	return k
}

// Flag marks an action needing attention. Flags are resolved, never deleted, so
// their history stays. Since is the day ("YYYY-MM-DD", in the configured time
// zone) the flag's condition became true by the rule, taken from the plan's
// dates; RaisedAt is when a rule run noticed it.
type Flag struct {
	ID         uint       `gorm:"primaryKey" json:"-"`
	ActionID   uint       `json:"-"`
	Kind       string     `json:"kind"`
	Since      string     `json:"since"`
	RaisedAt   time.Time  `json:"raised_at"`
	ResolvedAt *time.Time `json:"resolved_at"`
}

// FlagConfig is what the flag rules need besides the action: the time zone
// whose calendar days they count, and how many days without an update make an
// action's update overdue.
type FlagConfig struct {
	Location          *time.Location
	UpdateOverdueDays int
}

// DefaultFlagConfig is the rules' default settings: calendar days in UTC,
// an update overdue after 90 days.
var DefaultFlagConfig = FlagConfig{Location: time.UTC, UpdateOverdueDays: 90}

func (c FlagConfig) validate() error {
	if c.UpdateOverdueDays < 1 {
		return Invalid("update_overdue_days", "must be at least 1, got %d", c.UpdateOverdueDays)
	}
	return nil
}

func (c FlagConfig) loc() *time.Location {
	if c.Location == nil {
		return time.UTC
	}
	return c.Location
}

// FlagName is the flag kind as it applies to this action: an action with a
// due date of its own, and no milestone, has passed its due date.
func (a *Action) FlagName(kind string) string {
	if kind == FlagMilestonePassed && a.MilestoneID == nil {
		return "Due date passed"
	}
	return FlagLabel(kind)
}

// FlagDetail words an action's flag for pages, with the plan date behind it:
// "Milestone passed: due July 2019", or "Due date passed: due 31 March 2025"
// for an action with a due date of its own and no milestone.
func (a *Action) FlagDetail(f Flag) string {
	switch f.Kind {
	case FlagOverdueInitiation:
		if a.Start != "" {
			return "Overdue initiation: due to start " + DueLabel(a.Start)
		}
		if a.InitiateBy != nil {
			return "Overdue initiation: initiate by " + MonthLabel(*a.InitiateBy)
		}
	case FlagMilestonePassed:
		due := a.DueDate()
		switch {
		case due != "" && a.MilestoneID == nil:
			// The action's own due date, not a milestone's.
			return "Due date passed: due " + DueLabel(due)
		case due != "":
			return "Milestone passed: due " + DueLabel(due)
		}
	case FlagUpdateOverdue:
		if a.LastUpdateAt != nil {
			return "Update overdue: last update " + a.LastUpdateAt.Format("2 January 2006")
		}
		return "Update overdue: no update yet"
	}
	return FlagLabel(f.Kind)
}
