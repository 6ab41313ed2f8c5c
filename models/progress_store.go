package models

import (
	"context"
	"errors"
	"net/url"
	"slices"
	"strings"
	"time"
	"unicode/utf8"

	"gorm.io/gorm"
)

// ProgressInput is what a lead submits with an update.
type ProgressInput struct {
	Narrative   string
	Status      string
	RAG         string
	Evidence    string
	EvidenceURL string
	Reason      string     // why a complete action is reopened, or why nothing changed
	NoChange    bool       // "No change since the last update": status and RAG stay, Reason says why
	Date        time.Time  // the day the update speaks for; zero means today
	DateParts   *DateParts // the date as typed in the form's day, month and year boxes, read instead of Date
	Version     int        // the action version the form was built from
}

// Conflict is returned (as ConflictError.Current) when someone saved first.
type Conflict struct {
	Version int             `json:"version"`
	Status  string          `json:"status"`
	RAG     string          `json:"rag"`
	Latest  *ProgressUpdate `json:"-"`
}

// CanRecordProgress reports whether u may record progress on a: its lead, or an admin.
func CanRecordProgress(u *User, a *Action) bool {
	return u != nil && (u.AtLeast(RoleAdmin) || u.LeadsAction(a))
}

// validateProgress applies the field rules and the status workflow
// (not_started -> in_progress -> complete; reopening needs a reason). It finds
// every problem at once, one per field, in the order the form shows them.
func validateProgress(in *ProgressInput, from string, now time.Time) error {
	in.Narrative = strings.TrimSpace(in.Narrative)
	in.Evidence = strings.TrimSpace(in.Evidence)
	in.EvidenceURL = strings.TrimSpace(in.EvidenceURL)
	in.Reason = strings.TrimSpace(in.Reason)
	var errs FieldErrors
	switch {
	case in.Narrative == "":
		errs.Add("narrative", "Enter what has happened since the last update")
	case utf8.RuneCountInString(in.Narrative) > 10000:
		errs.Add("narrative", "Progress must be 10,000 characters or fewer")
	}
	statusOK := slices.Contains(Statuses, in.Status)
	switch {
	case !statusOK:
		errs.Add("status", "Choose a status: not started, in progress or complete")
	case from == StatusComplete && in.Status == StatusNotStarted:
		errs.Add("status", "A complete action can be reopened as in progress, not as not started")
	case from == StatusInProgress && in.Status == StatusNotStarted:
		errs.Add("status", "An action that has started cannot go back to not started")
	case from == StatusNotStarted && in.Status == StatusComplete:
		errs.Add("status", "Mark the action in progress before completing it")
	}
	switch {
	case in.RAG == "":
		errs.Add("rag", "Choose a RAG rating")
	case !slices.Contains(RAGs, in.RAG):
		errs.Add("rag", "%q is not a RAG rating; use red, amber, green or blue", in.RAG)
	case statusOK && in.RAG == "blue" && in.Status != StatusComplete:
		errs.Add("rag", "Blue is for complete actions; choose red, amber or green")
	case in.Status == StatusComplete && in.RAG != "blue":
		errs.Add("rag", "A complete action is rated blue")
	}
	switch {
	case in.Status == StatusComplete && in.Evidence == "":
		errs.Add("evidence", "Describe the evidence that the action is complete")
	case utf8.RuneCountInString(in.Evidence) > 5000:
		errs.Add("evidence", "Evidence must be 5,000 characters or fewer")
	}
	if in.EvidenceURL != "" {
		u, err := url.Parse(in.EvidenceURL)
		if err != nil || (u.Scheme != "https" && u.Scheme != "http") || u.Host == "" || len(in.EvidenceURL) > 2000 {
			errs.Add("evidence_url", "Enter a full web address starting https://")
		}
	}
	if from == StatusComplete && in.Status == StatusInProgress && in.Reason == "" {
		errs.Add("reason", "Give the reason for reopening a complete action")
	}
	validateUpdateDate(in, now, &errs)
	return errs.Err()
}

// validateUpdateDate reads the date the update speaks for: from the form's
// three boxes when given, else in.Date, else today.
func validateUpdateDate(in *ProgressInput, now time.Time, errs *FieldErrors) {
	if in.DateParts != nil {
		d, err := in.DateParts.Parse("date", "Date of update")
		if err != nil {
			*errs = append(*errs, err.(*InvalidError))
			return
		}
		in.Date = d
	}
	if in.Date.IsZero() {
		in.Date = time.Date(now.Year(), now.Month(), now.Day(), 0, 0, 0, 0, time.UTC)
	}
	if in.Date.After(now) {
		errs.Add("date", "Date of update must be today or in the past")
	}
}

// RecordProgress appends an update and moves the action's status, RAG and
// latest narrative in one transaction. If the action changed since in.Version
// the save is refused with a ConflictError carrying the newer state. The
// action's flags are re-evaluated in the same transaction.
func RecordProgress(ctx context.Context, db *gorm.DB, actor *User, planID uint, number string, in ProgressInput, now time.Time, flags FlagConfig) (*ProgressUpdate, *Action, error) {
	var saved *ProgressUpdate
	var act *Action
	err := db.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		a, err := FindAction(ctx, tx, planID, number)
		if err != nil {
			return err
		}
		act = a
		if !CanRecordProgress(actor, a) {
			return ErrForbidden
		}
		if a.Retired() {
			return Invalid("narrative", "Action %s is retired (%s); it takes no more updates", a.Number, a.RetiredReason)
		}
		if in.Version != a.Version {
			return conflictFor(ctx, tx, a, actor)
		}
		var plan Plan
		if err := tx.Select("id, date, start_date").Take(&plan, planID).Error; err != nil {
			return err
		}
		// The plan-start rule joins the field rules, so every problem shows at once.
		errs, _ := AsFieldErrors(validateUpdate(&in, a, now))
		if err := checkUpdateDate(&plan, in.Date); err != nil && !errs.Has("date") {
			addInvalid(&errs, err)
		}
		if err := errs.Err(); err != nil {
			return err
		}
		up := ProgressUpdate{ActionID: a.ID, UpdateDate: in.Date, Narrative: in.Narrative, Status: in.Status, RAG: in.RAG,
			Evidence: in.Evidence, EvidenceURL: in.EvidenceURL, Reason: in.Reason, UserID: &actor.ID,
			AuthorName: actor.Name, CreatedAt: now, NoChange: in.NoChange}
		newest, err := LatestUpdateDate(ctx, tx, a.ID)
		if err != nil {
			return err
		}
		// The latest update is the newest by its date, then by when it was
		// saved: a back-dated update joins the history without moving the
		// action, so the header and "Latest update" never disagree.
		latest := newest == nil || !in.Date.Before(*newest)
		changes := map[string]any{"last_update_at": now, "version": gorm.Expr("version + 1"), "updated_at": now}
		if latest {
			changes["status"], changes["rag"], changes["progress"] = in.Status, in.RAG, in.Narrative
			if a.Status == StatusComplete && in.Status != StatusComplete {
				changes["signed_off_by_id"], changes["signed_off_at"] = nil, nil
			}
		}
		res := tx.Model(&Action{}).Where("id = ? AND version = ?", a.ID, in.Version).Updates(changes)
		if res.Error != nil {
			return res.Error
		}
		if res.RowsAffected == 0 {
			return conflictFor(ctx, tx, a, actor)
		}
		if err := tx.Create(&up).Error; err != nil {
			return err
		}
		if err := answerRounds(tx, a.ID, up.ID, actor.ID, now); err != nil {
			return err
		}
		if actor.AnswerRoundID != nil {
			au := NewAuditor(actor, "progress", "action "+a.Number, &a.PlanID, &a.ID, now)
			au.Note("via", "", ViaEmailedLink)
			if err := au.Save(tx); err != nil {
				return err
			}
		}
		if err := ReevaluateActionFlags(tx, a.ID, now, flags); err != nil {
			return err
		}
		saved = &up
		if latest {
			a.Status, a.RAG, a.Progress = in.Status, in.RAG, in.Narrative
		}
		a.Version++
		return nil
	})
	return saved, act, err
}

// LatestUpdateDate is the date of the action's latest progress update, nil
// when it has none.
func LatestUpdateDate(ctx context.Context, db *gorm.DB, actionID uint) (*time.Time, error) {
	var ups []ProgressUpdate
	if err := db.WithContext(ctx).Select("update_date").Where("action_id = ?", actionID).
		Order("update_date DESC, id DESC").Limit(1).Find(&ups).Error; err != nil {
		return nil, err
	}
	if len(ups) == 0 {
		return nil, nil
	}
	return &ups[0].UpdateDate, nil
}

// conflictFor builds the refusal shown when the action changed since the
// writer saw it. The newest progress update or audited change says who made
// it, so someone who saved in another tab is not told it was someone else.
func conflictFor(ctx context.Context, tx *gorm.DB, a *Action, actor *User) error {
	q := func() *gorm.DB { return tx.Session(&gorm.Session{NewDB: true}).WithContext(ctx) }
	var cur Action
	if err := q().Take(&cur, a.ID).Error; err != nil {
		return err
	}
	c := &Conflict{Version: cur.Version, Status: cur.Status, RAG: cur.RAG}
	var latest ProgressUpdate
	err := q().Where("action_id = ?", a.ID).Order("id DESC").Take(&latest).Error
	if err == nil {
		c.Latest = &latest
	} else if !errors.Is(err, gorm.ErrRecordNotFound) {
		return err
	}
	by := lastChangedBy(ctx, q(), a.ID, c.Latest)
	msg := "Someone else updated this action while you were writing. Their update is shown; your text is kept below — check it and save again."
	if actor != nil && by != nil && *by == actor.ID {
		msg = "You changed this action in another tab or window while writing this. That change is shown; your text is kept below — check it and save again."
	}
	return &ConflictError{Message: msg, Current: c}
}

// lastChangedBy is the user behind the action's newest change: its latest
// progress update or audited edit, whichever came later; nil when unknown.
func lastChangedBy(ctx context.Context, db *gorm.DB, actionID uint, latest *ProgressUpdate) *uint {
	var audit AuditEntry
	err := db.WithContext(ctx).Where("action_id = ?", actionID).Order("id DESC").Take(&audit).Error
	switch {
	case err == nil && (latest == nil || audit.CreatedAt.After(latest.CreatedAt)):
		return audit.UserID
	case latest != nil:
		return latest.UserID
	}
	return nil
}

// ViaEmailedLink is how the audit log names progress recorded in a session
// started from a round email's personal link.
const ViaEmailedLink = "via the emailed link"

// roundOpen is the state of an update round that still takes answers; the
// round package opens and closes rounds, but recording progress is what
// answers them.
const roundOpen = "open"

// answerRounds marks the action answered in every open round that asked about
// it before this update: any update after a round opened answers it.
func answerRounds(tx *gorm.DB, actionID, updateID, userID uint, now time.Time) error {
	return tx.Table("round_actions").
		Where("action_id = ? AND answered_at IS NULL AND round_id IN (SELECT id FROM rounds WHERE status = ? AND opened_at <= ?)",
			actionID, roundOpen, now.UTC()).
		Updates(map[string]any{"answered_at": now.UTC(), "answered_by_id": userID, "update_id": updateID}).Error
}
