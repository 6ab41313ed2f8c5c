package round

import (
	"context"
	"net/url"
	"strings"
	"time"
	"unicode/utf8"

	"gorm.io/gorm"

	"sendboard/models"
)

// Round states.
const (
	StatusOpen   = "open"
	StatusClosed = "closed"
)

// Round asks the leads of a set of actions for an update by a due date,
// usually ahead of a board meeting.
type Round struct {
	ID         uint `gorm:"primaryKey"`
	PlanID     uint
	BoardID    *uint
	Scope      string // the action filter as a query string, "" for all
	Due        string // YYYY-MM-DD
	Meeting    *string
	Message    string
	Status     string
	OwnerID    uint
	OpenedAt   time.Time
	ClosedAt   *time.Time
	ClosedByID *uint

	Plan  models.Plan   `gorm:"foreignKey:PlanID"`
	Board *models.Board `gorm:"foreignKey:BoardID"`
	Owner models.User   `gorm:"foreignKey:OwnerID"`
}

// Action is one action a round asked about, and whether it was answered.
type Action struct {
	RoundID      uint `gorm:"primaryKey;autoIncrement:false"`
	ActionID     uint `gorm:"primaryKey;autoIncrement:false"`
	LeadID       *uint
	AnsweredAt   *time.Time
	AnsweredByID *uint
	UpdateID     *uint
	EscalatedAt  *time.Time
}

// TableName keeps the table's name.
func (Action) TableName() string { return "round_actions" }

// Title names the round for pages and emails.
func (r *Round) Title() string {
	who := r.Plan.Name
	if r.Board != nil {
		who = r.Board.Name
	}
	return who + " updates due " + models.HumanDate(r.Due)
}

// BoardName is the round's board, or "" for a plan-wide round.
func (r *Round) BoardName() string {
	if r.Board == nil {
		return ""
	}
	return r.Board.Name
}

// Input is what it takes to open a round. Board and Plan are names or
// slugs; Filter is an action filter query string (milestone=2&status=...).
type Input struct {
	Board   string
	Plan    string
	Filter  string
	Due     string
	Meeting string
	Message string
	Token   string // the form's one-use token (NewFormToken), "" from the API and CLI
}

// scope is a validated Input.
type scope struct {
	plan    models.Plan
	board   *models.Board
	filter  models.ActionFilter
	scope   string
	due     string
	meeting *string
	message string
}

// validate checks the input against the database, naming the field that
// is wrong. today is the local date the due date must not be before.
func validate(ctx context.Context, db *gorm.DB, actor *models.User, in Input, today string) (*scope, error) {
	s := &scope{message: strings.TrimSpace(in.Message)}
	if utf8.RuneCountInString(s.message) > 2000 {
		return nil, models.Invalid("message", "The message must be 2,000 characters or fewer")
	}
	due, err := time.Parse(models.DateLayout, strings.TrimSpace(in.Due))
	if err != nil {
		return nil, models.Invalid("due", "Enter the due date as YYYY-MM-DD, for example 2027-01-15")
	}
	if s.due = due.Format(models.DateLayout); s.due < today {
		return nil, models.Invalid("due", "The due date must be today or in the future")
	}
	if m := strings.TrimSpace(in.Meeting); m != "" {
		mt, err := time.Parse(models.DateLayout, m)
		if err != nil {
			return nil, models.Invalid("meeting", "Enter the meeting date as YYYY-MM-DD, for example 2027-01-22")
		}
		ms := mt.Format(models.DateLayout)
		if ms < s.due {
			return nil, models.Invalid("meeting", "The meeting date must be on or after the due date")
		}
		s.meeting = &ms
	}
	q := db.WithContext(ctx)
	if p := strings.TrimSpace(in.Plan); p != "" {
		if err := q.Where("slug = ?", p).Take(&s.plan).Error; err != nil {
			return nil, models.NotFoundAs(err, models.Invalid("plan", "there is no plan %q", p))
		}
	} else {
		plan, err := models.DefaultPlan(ctx, db)
		if err != nil {
			return nil, err
		}
		s.plan = *plan
	}
	if b := strings.TrimSpace(in.Board); b != "" {
		boards, err := models.ResolveBoards(q, models.RoleBoard, []string{b})
		if err != nil {
			return nil, err
		}
		s.board = &boards[0]
	}
	if strings.TrimSpace(in.Filter) != "" {
		v, err := url.ParseQuery(strings.TrimPrefix(strings.TrimSpace(in.Filter), "?"))
		if err != nil || len(in.Filter) > 1000 {
			return nil, models.Invalid("filter", "Write the filter as on the action list, for example milestone=2&status=in_progress")
		}
		for k := range v {
			if k == "limit" || k == "after" || k == "board" {
				return nil, models.Invalid("filter", "%q cannot be part of a round's filter", k)
			}
		}
		if s.filter, err = models.ParseActionFilter(v); err != nil {
			return nil, err
		}
		s.scope = v.Encode()
	}
	if s.board != nil {
		s.filter.BoardID = s.board.ID
	}
	// Board members open rounds for their own boards; only admins ask across the plan.
	if !actor.AtLeast(models.RoleAdmin) && (s.board == nil || !actor.MemberOfBoard(s.board.ID)) {
		return nil, models.ErrForbidden
	}
	return s, nil
}
