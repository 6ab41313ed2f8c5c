package decision

import (
	"context"
	"fmt"
	"strings"
	"time"
	"unicode/utf8"

	"gorm.io/gorm"

	"sendboard/models"
)

// CorrectionField marks a correction in a decision's audit history.
const CorrectionField = "correction"

// CorrectInput is a correction of a closed decision's record: the decision
// (or reason withdrawn), meeting date and minute as they should read, and
// why the record was wrong.
type CorrectInput struct {
	DecideInput
	Reason string
}

// Correct amends the record of a decided or withdrawn decision. The board
// does not revisit it (that is a new decision): the record is put right, a
// wrong minute reference or a mistyped date, and the old and new record and
// the reason are kept in its history.
func Correct(ctx context.Context, db *gorm.DB, actor *models.User, board models.Board, id uint, in CorrectInput, now time.Time) (*Decision, error) {
	if !CanDecide(actor, board.ID) {
		return nil, models.ErrForbidden
	}
	var d *Decision
	err := db.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		var err error
		if d, err = Find(ctx, tx, board.ID, id); err != nil {
			return err
		}
		if d.Status == StatusOpen {
			return &models.ConflictError{Message: "This decision has not been made yet: record the decision instead of correcting it", Current: d}
		}
		meeting, verr := validateClose(&in.DecideInput, d.Status, now)
		errs, _ := verr.(models.FieldErrors)
		in.Reason = strings.TrimSpace(in.Reason)
		switch {
		case in.Reason == "":
			errs.Add("reason", "Enter why the record is being corrected")
		case utf8.RuneCountInString(in.Reason) > MaxText:
			errs.Add("reason", "The reason must be %d characters or fewer", MaxText)
		}
		if verr != nil && errs == nil {
			return verr
		}
		if len(errs) == 0 && in.Decision == d.Decision && meeting == d.MeetingDate && in.Minute == d.Minute {
			errs.Add("decision", "The correction is the same as the record: change the decision, meeting date or minute")
		}
		if err := errs.Err(); err != nil {
			return err
		}
		before := record(d.Decision, d.MeetingDate, d.Minute)
		res := tx.Model(&Decision{}).Where("id = ? AND status = ? AND decision = ? AND meeting_date = ? AND minute = ?",
			d.ID, d.Status, d.Decision, d.MeetingDate, d.Minute).
			Updates(map[string]any{"decision": in.Decision, "meeting_date": meeting, "minute": in.Minute})
		if res.Error != nil {
			return res.Error
		}
		if res.RowsAffected == 0 {
			return &models.ConflictError{Message: "Someone else corrected this decision at the same time; reload the page", Current: d}
		}
		d.Decision, d.MeetingDate, d.Minute = in.Decision, meeting, in.Minute
		return tx.Create(&models.AuditEntry{ActionID: d.ActionID, PlanID: d.PlanID, Subject: subjectOf(d.ID), UserID: &actor.ID,
			AuthorName: actor.Name, Kind: "decision", Field: CorrectionField, BeforeValue: before,
			AfterValue: record(d.Decision, d.MeetingDate, d.Minute) + "\nReason: " + in.Reason, CreatedAt: now}).Error
	})
	if err != nil {
		return nil, err
	}
	return d, nil
}

// record is a decision's record as its history keeps it.
func record(text, meeting, minute string) string {
	s := text
	if meeting != "" {
		s += "\nMeeting " + meeting
	}
	if minute != "" {
		s += ", minute " + minute
	}
	return s
}

func subjectOf(id uint) string { return fmt.Sprintf("decision %d", id) }

// maxCorrections bounds the corrections a decision's page lists.
const maxCorrections = 100

// Corrections lists the corrections to decision id's record, newest first.
func Corrections(ctx context.Context, db *gorm.DB, id uint) ([]models.AuditEntry, error) {
	var out []models.AuditEntry
	err := db.WithContext(ctx).Where("subject = ? AND kind = ? AND field = ?", subjectOf(id), "decision", CorrectionField).
		Order("id DESC").Limit(maxCorrections).Find(&out).Error
	return out, err
}
