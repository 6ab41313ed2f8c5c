package decision

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"
	"unicode/utf8"

	"gorm.io/gorm"

	"sendboard/models"
)

// Statuses of a decision.
const (
	StatusOpen      = "open"
	StatusDecided   = "decided"
	StatusWithdrawn = "withdrawn"
)

// Length limits, so one field cannot fill a board paper.
const (
	MaxQuestion = 500
	MaxText     = 5000
)

// Decision is a decision required of a board and, once taken, the decision.
type Decision struct {
	ID             uint `gorm:"primaryKey"`
	BoardID        uint
	Question       string
	Options        string
	Recommendation string
	Meeting        string // YYYY-MM-DD: the meeting it is for; may be blank
	PlanID         *uint
	AreaID         *uint
	ActionID       *uint
	RiskID         *uint
	Status         string
	Decision       string
	MeetingDate    string // YYYY-MM-DD: the meeting that decided or withdrew it
	Minute         string
	RaisedByID     *uint
	RaisedBy       string
	ClosedByID     *uint
	ClosedBy       string
	CreatedAt      time.Time
	ClosedAt       *time.Time
}

// TableName keeps the table's name.
func (Decision) TableName() string { return "decisions" }

// CanRaise reports whether u may raise a decision for board: a lead, a
// member of that board, or an admin.
func CanRaise(u *models.User, boardID uint) bool {
	return u != nil && (u.Role == models.RoleLead || u.MemberOfBoard(boardID))
}

// CanDecide reports whether u may record or withdraw the board's decisions:
// a member of that board, or an admin.
func CanDecide(u *models.User, boardID uint) bool {
	return u != nil && u.MemberOfBoard(boardID)
}

// RaiseInput is what is given when raising a decision.
type RaiseInput struct {
	Question, Options, Recommendation string
	Meeting                           models.DateParts // may be blank
	Plan                              string           // plan slug; optional
	Area                              string           // area code of Plan; optional
	Action                            string           // action number of Plan; optional
}

// Raise adds an open decision for the board, audited. Every problem with the
// input is reported at once.
func Raise(ctx context.Context, db *gorm.DB, actor *models.User, board models.Board, in RaiseInput, now time.Time) (*Decision, error) {
	if !CanRaise(actor, board.ID) {
		return nil, models.ErrForbidden
	}
	var d *Decision
	err := db.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		var errs models.FieldErrors
		in.Question, in.Options, in.Recommendation = strings.TrimSpace(in.Question), strings.TrimSpace(in.Options), strings.TrimSpace(in.Recommendation)
		switch {
		case in.Question == "":
			errs.Add("question", "Enter the decision the board is asked to make")
		case utf8.RuneCountInString(in.Question) > MaxQuestion:
			errs.Add("question", "Question must be %d characters or fewer", MaxQuestion)
		}
		if utf8.RuneCountInString(in.Options) > MaxText {
			errs.Add("options", "Options must be %d characters or fewer", MaxText)
		}
		if utf8.RuneCountInString(in.Recommendation) > MaxText {
			errs.Add("recommendation", "Recommendation must be %d characters or fewer", MaxText)
		}
		meeting := ""
		if !in.Meeting.Blank() {
			t, err := in.Meeting.Parse("meeting", "Meeting date")
			if err != nil {
				errs = append(errs, err.(*models.InvalidError))
			} else {
				meeting = t.Format(time.DateOnly)
			}
		}
		d = &Decision{BoardID: board.ID, Question: in.Question, Options: in.Options, Recommendation: in.Recommendation,
			Meeting: meeting, Status: StatusOpen, RaisedByID: &actor.ID, RaisedBy: actor.Name, CreatedAt: now}
		if err := resolveLinks(ctx, tx, in, d, &errs); err != nil {
			return err
		}
		if err := errs.Err(); err != nil {
			return err
		}
		if err := tx.Create(d).Error; err != nil {
			return err
		}
		return audit(tx, actor, "decision", d.PlanID, d.ActionID, fmt.Sprintf("decision %d", d.ID), "", "raised: "+d.Question, now)
	})
	if err != nil {
		return nil, err
	}
	return d, nil
}

// resolveLinks finds the plan, area and action a decision is about.
func resolveLinks(ctx context.Context, tx *gorm.DB, in RaiseInput, d *Decision, errs *models.FieldErrors) error {
	in.Plan, in.Area, in.Action = strings.TrimSpace(in.Plan), strings.TrimSpace(in.Area), strings.TrimSpace(in.Action)
	if in.Plan == "" {
		if in.Area != "" {
			errs.Add("area", "Choose the plan the area belongs to")
		}
		if in.Action != "" {
			errs.Add("action", "Choose the plan the action belongs to")
		}
		return nil
	}
	plan, err := models.FindPlan(ctx, tx, in.Plan)
	if errors.Is(err, models.ErrNotFound) {
		errs.Add("plan", "%q is not a plan; choose one from the list", in.Plan)
		return nil
	}
	if err != nil {
		return err
	}
	d.PlanID = &plan.ID
	if in.Area != "" {
		var area models.PriorityArea
		err := tx.Where("plan_id = ? AND code = ?", plan.ID, in.Area).Take(&area).Error
		switch {
		case errors.Is(err, gorm.ErrRecordNotFound):
			errs.Add("area", "%s has no area %q", plan.Name, in.Area)
		case err != nil:
			return err
		default:
			d.AreaID = &area.ID
		}
	}
	if in.Action != "" {
		act, err := models.FindAction(ctx, tx, plan.ID, in.Action)
		switch {
		case errors.Is(err, models.ErrNotFound):
			errs.Add("action", "%s has no action %q", plan.Name, in.Action)
		case err != nil:
			return err
		default:
			d.ActionID = &act.ID
		}
	}
	return nil
}

// DecideInput is the decision as minuted.
type DecideInput struct {
	Decision string
	Meeting  models.DateParts
	Minute   string
}

// Decide records the board's decision on an open one. A decided or
// withdrawn decision is locked: recording again is refused.
func Decide(ctx context.Context, db *gorm.DB, actor *models.User, board models.Board, id uint, in DecideInput, now time.Time) (*Decision, error) {
	return finish(ctx, db, actor, board, id, StatusDecided, in, now)
}

// Withdraw closes an open decision without one being taken; a reason may be
// given in Decision, the meeting date and minute are optional.
func Withdraw(ctx context.Context, db *gorm.DB, actor *models.User, board models.Board, id uint, in DecideInput, now time.Time) (*Decision, error) {
	return finish(ctx, db, actor, board, id, StatusWithdrawn, in, now)
}

func finish(ctx context.Context, db *gorm.DB, actor *models.User, board models.Board, id uint, status string, in DecideInput, now time.Time) (*Decision, error) {
	if !CanDecide(actor, board.ID) {
		return nil, models.ErrForbidden
	}
	var d *Decision
	err := db.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		var err error
		if d, err = Find(ctx, tx, board.ID, id); err != nil {
			return err
		}
		if d.Status != StatusOpen {
			return &models.ConflictError{Message: fmt.Sprintf("This decision was %s on %s and is locked; raise a new decision to change it", d.Status, d.MeetingDate), Current: d}
		}
		meeting, err := validateClose(&in, status, now)
		if err != nil {
			return err
		}
		res := tx.Model(&Decision{}).Where("id = ? AND status = ?", d.ID, StatusOpen).Updates(map[string]any{
			"status": status, "decision": in.Decision, "meeting_date": meeting, "minute": in.Minute,
			"closed_by_id": actor.ID, "closed_by": actor.Name, "closed_at": now})
		if res.Error != nil {
			return res.Error
		}
		if res.RowsAffected == 0 {
			return &models.ConflictError{Message: "Someone else recorded this decision at the same time; reload the page", Current: d}
		}
		d.Status, d.Decision, d.MeetingDate, d.Minute = status, in.Decision, meeting, in.Minute
		d.ClosedByID, d.ClosedBy, d.ClosedAt = &actor.ID, actor.Name, &now
		return audit(tx, actor, "decision", d.PlanID, d.ActionID, fmt.Sprintf("decision %d", d.ID), StatusOpen, status+": "+in.Decision, now)
	})
	if err != nil {
		return nil, err
	}
	return d, nil
}

// validateClose checks the decision text, meeting date and minute, every
// problem at once; a withdrawal needs neither text nor date.
func validateClose(in *DecideInput, status string, now time.Time) (string, error) {
	var errs models.FieldErrors
	in.Decision, in.Minute = strings.TrimSpace(in.Decision), strings.TrimSpace(in.Minute)
	switch {
	case in.Decision == "" && status == StatusDecided:
		errs.Add("decision", "Enter the decision the board made")
	case utf8.RuneCountInString(in.Decision) > MaxText:
		errs.Add("decision", "Decision must be %d characters or fewer", MaxText)
	}
	meeting := ""
	if status == StatusDecided || !in.Meeting.Blank() {
		t, err := in.Meeting.Parse("meeting_date", "Meeting date")
		switch {
		case err != nil:
			errs = append(errs, err.(*models.InvalidError))
		case t.After(now):
			errs.Add("meeting_date", "Meeting date must be today or in the past")
		default:
			meeting = t.Format(time.DateOnly)
		}
	}
	if utf8.RuneCountInString(in.Minute) > models.MaxMinuteLength {
		errs.Add("minute", "Minute reference must be %d characters or fewer", models.MaxMinuteLength)
	}
	return meeting, errs.Err()
}

// Find is one decision of the board.
func Find(ctx context.Context, db *gorm.DB, boardID, id uint) (*Decision, error) {
	var d Decision
	err := db.WithContext(ctx).Where("board_id = ? AND id = ?", boardID, id).Take(&d).Error
	if errors.Is(err, gorm.ErrRecordNotFound) {
		return nil, models.ErrNotFound
	}
	if err != nil {
		return nil, err
	}
	return &d, nil
}

// audit records a change of kind ("decision", "board_action") to subject.
func audit(tx *gorm.DB, actor *models.User, kind string, planID, actionID *uint, subject, before, after string, now time.Time) error {
	return tx.Create(&models.AuditEntry{ActionID: actionID, PlanID: planID, Subject: subject, UserID: &actor.ID,
		AuthorName: actor.Name, Kind: kind, Field: "status",
		BeforeValue: before, AfterValue: after, CreatedAt: now}).Error
}
