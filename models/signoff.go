package models

import (
	"context"
	"errors"
	"slices"
	"strings"
	"time"
	"unicode/utf8"

	"gorm.io/gorm"
)

// SignOffRecord is one board's sign-off of a completed action, as minuted.
type SignOffRecord struct {
	ID          uint `gorm:"primaryKey"`
	ActionID    uint
	BoardID     *uint // nil when the action has no governance board (an admin signed it off)
	BoardName   string
	UserID      *uint
	SignedBy    string
	MeetingDate string // YYYY-MM-DD
	Minute      string
	CreatedAt   time.Time
}

// TableName keeps the table's name.
func (SignOffRecord) TableName() string { return "signoffs" }

// Meeting is the meeting date as a time (zero if unreadable).
func (s SignOffRecord) Meeting() time.Time {
	t, _ := time.Parse("2006-01-02", s.MeetingDate)
	return t
}

// SignOffInput is what a board member gives when signing completion off.
type SignOffInput struct {
	Version *int      // the action version the form was built from; nil skips the check (API)
	Board   string    // slug or name of the signing board; may be blank when only one can sign
	Meeting DateParts // the date of the board meeting
	Minute  string    // the minute reference, optional
}

// MaxMinuteLength bounds the minute reference.
const MaxMinuteLength = 100

// CanGovern reports whether u may comment on and sign off a: a member of a
// board that governs a, or an admin.
func CanGovern(u *User, a *Action) bool {
	return u.GovernsAction(a)
}

// SigningBoards are the boards of a whose sign-off u may record: those u
// sits on (an admin may record any of them).
func SigningBoards(u *User, a *Action) []Board {
	var out []Board
	for _, b := range a.Boards {
		if u.MemberOfBoard(b.ID) {
			out = append(out, b)
		}
	}
	return out
}

// SignOff records a board member's sign-off of a complete action with the
// meeting it was taken at, and re-evaluates the action's flags, in one
// transaction. Every problem with the input is reported at once.
func SignOff(ctx context.Context, db *gorm.DB, actor *User, planID uint, number string, in SignOffInput, now time.Time, flags FlagConfig) (*SignOffRecord, error) {
	var rec *SignOffRecord
	err := db.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		a, err := FindAction(ctx, tx, planID, number)
		if err != nil {
			return err
		}
		if !CanGovern(actor, a) {
			return ErrForbidden
		}
		if in.Version != nil && *in.Version != a.Version {
			return conflictFor(ctx, tx, a, actor)
		}
		board, meeting, err := validateSignOff(ctx, tx, actor, a, &in, now)
		if err != nil {
			return err
		}
		res := tx.Model(&Action{}).Where("id = ? AND version = ?", a.ID, a.Version).
			Updates(map[string]any{"signed_off_by_id": actor.ID, "signed_off_at": now, "version": gorm.Expr("version + 1"), "updated_at": now})
		if res.Error != nil {
			return res.Error
		}
		if res.RowsAffected == 0 {
			return conflictFor(ctx, tx, a, actor)
		}
		rec = &SignOffRecord{ActionID: a.ID, UserID: &actor.ID, SignedBy: actor.Name,
			MeetingDate: meeting.Format("2006-01-02"), Minute: in.Minute, CreatedAt: now}
		if board != nil {
			rec.BoardID, rec.BoardName = &board.ID, board.Name
		}
		if err := tx.Create(rec).Error; err != nil {
			return err
		}
		if err := tx.Create(&AuditEntry{ActionID: &a.ID, UserID: &actor.ID, AuthorName: actor.Name, Kind: "signoff",
			Field: "status", BeforeValue: "complete, awaiting sign-off", AfterValue: "complete, signed off (" + rec.Describe() + ")", CreatedAt: now}).Error; err != nil {
			return err
		}
		return ReevaluateActionFlags(tx, a.ID, now, flags)
	})
	return rec, err
}

// Describe words where and when the sign-off was taken:
// "SEND Improvement Board, 22 January 2025, minute 7.3".
func (s SignOffRecord) Describe() string {
	var parts []string
	if s.BoardName != "" {
		parts = append(parts, s.BoardName)
	}
	parts = append(parts, s.Meeting().Format("2 January 2006"))
	if s.Minute != "" {
		parts = append(parts, "minute "+s.Minute)
	}
	return strings.Join(parts, ", ")
}

// validateSignOff checks the action can be signed off and reads the board and
// meeting date, reporting every problem at once.
func validateSignOff(ctx context.Context, tx *gorm.DB, actor *User, a *Action, in *SignOffInput, now time.Time) (*Board, time.Time, error) {
	switch {
	case a.Status != StatusComplete:
		return nil, time.Time{}, Invalid("status", "Only a complete action can be signed off")
	case a.SignedOffAt != nil:
		return nil, time.Time{}, Invalid("status", "This action has already been signed off")
	}
	var errs FieldErrors
	board := chooseSigningBoard(actor, a, strings.TrimSpace(in.Board), &errs)
	meeting, err := in.Meeting.Parse("meeting_date", "Meeting date")
	if err != nil {
		errs = append(errs, err.(*InvalidError))
	} else if meeting.After(now) {
		errs.Add("meeting_date", "Meeting date must be today or in the past")
	} else if done, err := completedOn(ctx, tx, a); err != nil {
		return nil, time.Time{}, err
	} else if !done.IsZero() && meeting.Before(done) {
		errs.Add("meeting_date", "Meeting date must be on or after %s, the date the action was marked complete", done.Format("2 January 2006"))
	}
	in.Minute = strings.TrimSpace(in.Minute)
	if utf8.RuneCountInString(in.Minute) > MaxMinuteLength {
		errs.Add("minute", "Minute reference must be %d characters or fewer", MaxMinuteLength)
	}
	return board, meeting, errs.Err()
}

// chooseSigningBoard picks the board named, or the only one the actor can sign for.
func chooseSigningBoard(actor *User, a *Action, name string, errs *FieldErrors) *Board {
	boards := SigningBoards(actor, a)
	if name == "" {
		switch {
		case len(boards) == 1:
			return &boards[0]
		case len(boards) > 1:
			errs.Add("board", "Choose the board that signed the action off")
		}
		return nil
	}
	i := slices.IndexFunc(boards, func(b Board) bool { return b.Slug == name || strings.EqualFold(b.Name, name) })
	if i < 0 {
		names := make([]string, len(boards))
		for j, b := range boards {
			names[j] = b.Name
		}
		if len(names) == 0 {
			errs.Add("board", "Action %s has no governance board you can sign off for; leave the board out", a.Number)
		} else {
			errs.Add("board", "%q is not a board that can sign off action %s; choose %s", name, a.Number, strings.Join(names, " or "))
		}
		return nil
	}
	return &boards[i]
}

// completedOn is the date the latest completing update speaks for (zero if none).
func completedOn(ctx context.Context, tx *gorm.DB, a *Action) (time.Time, error) {
	var up ProgressUpdate
	err := tx.Session(&gorm.Session{NewDB: true}).WithContext(ctx).Select("update_date").
		Where("action_id = ? AND status = ?", a.ID, StatusComplete).Order("id DESC").Take(&up).Error
	if errors.Is(err, gorm.ErrRecordNotFound) {
		return time.Time{}, nil
	}
	return up.UpdateDate, err
}

// LatestSignOff is the action's current sign-off, or nil if it has none (or
// was signed off before meetings were recorded).
func LatestSignOff(ctx context.Context, db *gorm.DB, a *Action) (*SignOffRecord, error) {
	if a.SignedOffAt == nil {
		return nil, nil
	}
	var s SignOffRecord
	err := db.WithContext(ctx).Where("action_id = ?", a.ID).Order("id DESC").Take(&s).Error
	if errors.Is(err, gorm.ErrRecordNotFound) {
		return nil, nil
	}
	return &s, err
}
