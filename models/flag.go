package models

import "time"

// Flag kinds raised by the scheduled jobs.
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
// their history stays.
type Flag struct {
	ID         uint       `gorm:"primaryKey" json:"-"`
	ActionID   uint       `gorm:"not null;index" json:"-"`
	Kind       string     `gorm:"size:40;not null;index" json:"kind"`
	RaisedAt   time.Time  `gorm:"not null" json:"raised_at"`
	ResolvedAt *time.Time `gorm:"index" json:"resolved_at"`
}
