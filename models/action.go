package models

import (
	"fmt"
	"strconv"
	"strings"
	"time"

	"gorm.io/gorm"
)

// Action statuses.
const (
	StatusNotStarted = "not_started"
	StatusInProgress = "in_progress"
	StatusComplete   = "complete"
)

// Statuses lists every status in workflow order.
var Statuses = []string{StatusNotStarted, StatusInProgress, StatusComplete}

// StatusLabel is the human wording of a status.
func StatusLabel(s string) string {
	switch s {
	case StatusNotStarted:
		return "Not started"
	case StatusInProgress:
		return "In progress"
	case StatusComplete:
		return "Complete"
	}
	return s
}

// Action is one row of the plan.
type Action struct {
	ID                uint `gorm:"primaryKey"`
	PlanID            uint
	Number            string
	Major             int
	Minor             int
	MilestoneID       *uint // optional milestone group
	PriorityAreaID    uint
	LeadID            *uint
	Aim               string
	Text              string `gorm:"column:action_text"`
	ImpactMeasure     string // the impact measure or success criteria
	LeadText          string // the lead as the document spells it
	LeadAndGovernance string // the document's cell, verbatim
	StatusText        string // the document's status cell, verbatim
	Status            string
	InitiateBy        *string // YYYY-MM
	// Start is the day or month ("YYYY-MM-DD" or "YYYY-MM") the work is due
	// to start, "" when the plan does not say; see StartBy.
	Start        string `gorm:"column:start_date"`
	RAG          string `gorm:"column:rag"`
	Progress     string // latest narrative, copied from the newest update
	LastUpdateAt *time.Time
	// Due is the current due date, "YYYY-MM-DD" or "YYYY-MM": every revision
	// writes it, so rules read it without joins. DueOriginal is the first one.
	Due           string
	DueOriginal   string
	SROID         *uint `gorm:"column:sro_id"` // the accountable senior responsible officer
	RetiredAt     *time.Time
	RetiredReason string
	SignedOffByID *uint
	SignedOffAt   *time.Time
	Version       int `gorm:"default:1"`
	CreatedAt     time.Time
	UpdatedAt     time.Time

	Milestone    Milestone    `gorm:"foreignKey:MilestoneID"`
	PriorityArea PriorityArea `gorm:"foreignKey:PriorityAreaID"`
	Lead         *Lead        `gorm:"foreignKey:LeadID"` // the first lead
	Leads        []Lead       `gorm:"-"`                 // every lead in order; see AttachLeads
	SRO          *Lead        `gorm:"foreignKey:SROID"`
	Boards       []Board      `gorm:"many2many:action_boards"`
	Flags        []Flag       `gorm:"foreignKey:ActionID"`
}

// ActionBoard links an action to a governance board.
type ActionBoard struct {
	ActionID uint `gorm:"primaryKey"`
	BoardID  uint `gorm:"primaryKey"`
}

// SplitNumber parses "1.10" into (1, 10) so numbers sort numerically. A
// plan without references numbers its actions "7" (7, 0), and two rows a plan
// gave one number tell apart by a letter: "3.1a" is (3, 1), sorting beside
// "3.1b" by its text.
func SplitNumber(n string) (int, int, error) {
	a, b, ok := strings.Cut(n, ".")
	if !ok {
		if major, err := strconv.Atoi(a); err == nil && major >= 0 {
			return major, 0, nil
		}
	}
	if l := len(b); l > 1 && b[l-1] >= 'a' && b[l-1] <= 'z' && b[l-2] >= '0' && b[l-2] <= '9' {
		b = b[:l-1]
	}
	major, err1 := strconv.Atoi(a)
	minor, err2 := strconv.Atoi(b)
	if !ok || err1 != nil || err2 != nil || major < 0 || minor < 0 {
		return 0, 0, fmt.Errorf("%q is not an action number such as 1.10", n)
	}
	return major, minor, nil
}

// numberLetter is the letter that tells apart actions sharing a number, as
// 3.1a and 3.1b, or "" when there is none.
func numberLetter(n string) string {
	if l := len(n); l > 1 && n[l-1] >= 'a' && n[l-1] <= 'z' && n[l-2] >= '0' && n[l-2] <= '9' {
		return n[l-1:]
	}
	return ""
}

// BoardNames lists the names of the action's boards.
func (a *Action) BoardNames() []string {
	out := make([]string, len(a.Boards))
	for i, b := range a.Boards {
		out[i] = b.Name
	}
	return out
}

// OpenFlags are the flags not yet resolved.
func (a *Action) OpenFlags() []Flag {
	var out []Flag
	for _, f := range a.Flags {
		if f.ResolvedAt == nil {
			out = append(out, f)
		}
	}
	return out
}

// StatusFromDocument maps the plan's Status cell to a status and initiate-by month:
// "In progress" -> in_progress; "Initiate August 2019" -> not_started, 2019-08.
func StatusFromDocument(cell string) (string, *string, error) {
	c := strings.TrimSpace(cell)
	lc := strings.ToLower(c)
	switch {
	case lc == "":
		return StatusNotStarted, nil, nil
	case lc == "in progress":
		return StatusInProgress, nil, nil
	case lc == "complete" || lc == "completed":
		return StatusComplete, nil, nil
	case strings.HasPrefix(lc, "initiate "):
		m, err := MonthFromWords(strings.TrimSpace(c[len("initiate "):]))
		if err != nil {
			return "", nil, err
		}
		return StatusNotStarted, &m, nil
	}
	return "", nil, fmt.Errorf("unknown status %q", cell)
}

// BeforeCreate starts an action's due date history: the first due date is the
// original one.
func (a *Action) BeforeCreate(*gorm.DB) error {
	if a.DueOriginal == "" {
		a.DueOriginal = a.Due
	}
	return nil
}

// Retired reports whether the action has been retired (see RetireAction).
func (a *Action) Retired() bool { return a.RetiredAt != nil }
