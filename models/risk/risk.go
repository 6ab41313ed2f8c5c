package risk

import (
	"time"
)

// Kinds: a risk may happen; an issue is a risk that has happened.
const (
	KindRisk  = "risk"
	KindIssue = "issue"
)

// Statuses of a risk or issue.
const (
	StatusOpen   = "open"
	StatusClosed = "closed"
)

// DefaultThreshold is the score at or above which a plan's risks are
// escalated to its boards unless the plan sets another.
const DefaultThreshold = 15

// ExceptionReviewOverdue names the exception an open risk raises for its
// owner once its review-by date has passed.
const ExceptionReviewOverdue = "risk_review_overdue"

// Risk is one row of a plan's register. Owner, AreaCode, AreaTitle and
// Actions are filled when it is read, not stored on the row.
type Risk struct {
	ID          uint `gorm:"primaryKey"`
	PlanID      uint
	AreaID      *uint
	Kind        string
	Title       string
	Description string
	OwnerUserID *uint
	OwnerLeadID *uint
	Likelihood  int
	Impact      int
	Score       int
	TargetScore *int
	Mitigation  string
	ReviewBy    string // YYYY-MM-DD, "" when none is set
	Status      string
	Version     int
	CreatedAt   time.Time
	UpdatedAt   time.Time

	Owner     string   `gorm:"-"`
	AreaCode  string   `gorm:"-"`
	AreaTitle string   `gorm:"-"`
	Actions   []string `gorm:"-"` // action numbers, in plan order
	Escalated bool     `gorm:"-"`
}

// TableName keeps the table's name.
func (Risk) TableName() string { return "risks" }

// ReviewOverdue reports whether r is open and its review-by day is before
// now's day (in now's location: pass the local time).
func (r *Risk) ReviewOverdue(now time.Time) bool {
	return r.Status == StatusOpen && r.ReviewBy != "" && r.ReviewBy < now.Format(time.DateOnly)
}

// Change is one entry of a risk's history: the state after a change, which
// parts changed, who made it, when and why.
type Change struct {
	ID         uint `gorm:"primaryKey"`
	RiskID     uint
	ChangedAt  time.Time
	UserID     *uint
	UserName   string
	Changed    string // e.g. "created", "score owner", "kind"
	Likelihood int
	Impact     int
	Score      int
	Owner      string
	Status     string
	Kind       string
	Reason     string
}

// TableName keeps the table's name.
func (Change) TableName() string { return "risk_history" }

// KindLabel words a kind for people.
func KindLabel(k string) string {
	if k == KindIssue {
		return "Issue"
	}
	return "Risk"
}

// StatusLabel words a status for people.
func StatusLabel(s string) string {
	if s == StatusClosed {
		return "Closed"
	}
	return "Open"
}
