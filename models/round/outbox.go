package round

import (
	"context"
	"fmt"
	"time"

	"gorm.io/gorm"
	"gorm.io/gorm/clause"

	"sendboard/models"
)

// Outbox states. Queued mail waits for its next attempt; sending mail has been
// claimed by a delivery run; failed mail has used every attempt (or was not
// sent, see LastReply) and waits for an admin to resend it.
const (
	MailQueued  = "queued"
	MailSending = "sending"
	MailSent    = "sent"
	MailFailed  = "failed"
)

// Kinds of email.
const (
	MailRequest    = "request"
	MailReminder   = "reminder"
	MailDueToday   = "due"
	MailEscalation = "escalation"
	MailDigest     = "digest"
)

// Mail is one email in the outbox, written in the same transaction as what
// caused it and delivered later by the mail job.
type Mail struct {
	ID              uint    `gorm:"primaryKey"`
	DedupeKey       *string // unique: a second copy of the same reminder is never queued
	Kind            string
	RoundID         *uint
	UserID          *uint
	ToAddr          string
	ToName          string
	Subject         string
	TextBody        string
	HTMLBody        string `gorm:"column:html_body"`
	ListUnsubscribe string
	Status          string
	Attempts        int
	NextAttemptAt   time.Time
	LastReply       string // the SMTP server's last answer, or why it could not be reached
	CreatedAt       time.Time
	SentAt          *time.Time
	ClaimedAt       *time.Time // when a delivery run took it to send
	ClaimedBy       string     // which process took it
	// MaybeDuplicate says the process sending it stopped mid-send and it was
	// tried again: the server may have taken both.
	MaybeDuplicate bool
}

// TableName keeps the table's plain name.
func (Mail) TableName() string { return "outbox" }

// queueMail writes mails in tx, leaving out mail to disabled accounts. A mail whose DedupeKey is already in the
// outbox is left out, so running a daily job twice queues nothing new; the
// number actually queued is returned.
func queueMail(tx *gorm.DB, mails []Mail, now time.Time) (int, error) {
	mails, err := withoutDisabled(tx, mails)
	if err != nil || len(mails) == 0 {
		return 0, err
	}
	for i := range mails {
		mails[i].Status, mails[i].NextAttemptAt, mails[i].CreatedAt = MailQueued, now.UTC(), now.UTC()
	}
	res := tx.Clauses(clause.OnConflict{Columns: []clause.Column{{Name: "dedupe_key"}}, DoNothing: true}).
		CreateInBatches(mails, 200)
	return int(res.RowsAffected), res.Error
}

// OutboxCounts says how much mail is in each state.
type OutboxCounts struct{ Queued, Sending, Sent, Failed int64 }

// CountOutbox counts mail by state.
func CountOutbox(ctx context.Context, db *gorm.DB) (OutboxCounts, error) {
	var rows []struct {
		Status string
		N      int64
	}
	err := db.WithContext(ctx).Model(&Mail{}).Select("status, COUNT(*) AS n").Group("status").Scan(&rows).Error
	var c OutboxCounts
	for _, r := range rows {
		switch r.Status {
		case MailQueued:
			c.Queued = r.N
		case MailSending:
			c.Sending = r.N
		case MailSent:
			c.Sent = r.N
		case MailFailed:
			c.Failed = r.N
		}
	}
	return c, err
}

// ListOutbox returns the newest mail first, of one state or (status "") all,
// at most limit (capped at 500), without the bodies.
func ListOutbox(ctx context.Context, db *gorm.DB, status string, limit int) ([]Mail, error) {
	if limit <= 0 || limit > 500 {
		limit = 500
	}
	q := db.WithContext(ctx).Omit("text_body", "html_body").Order("id DESC").Limit(limit)
	if status != "" {
		q = q.Where("status = ?", status)
	}
	var out []Mail
	return out, q.Find(&out).Error
}

// ResendMail puts a sent or failed mail back in the queue for now, with a
// fresh set of attempts, and audits it as actor's. Mail to a disabled account
// is refused, as is mail being sent right now.
func ResendMail(ctx context.Context, db *gorm.DB, actor *models.User, id uint, now time.Time) error {
	return db.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		var m claimed
		err := tx.Model(&Mail{}).Select("outbox.id, outbox.status, outbox.to_addr, outbox.user_id, "+
			"COALESCE((SELECT u.disabled FROM users u WHERE u.id = outbox.user_id), ?) AS user_disabled", false).
			Where("outbox.id = ?", id).Take(&m).Error
		if err != nil {
			return models.NotFoundAs(err, models.ErrNotFound)
		}
		switch {
		case m.UserDisabled:
			return &models.ConflictError{Message: "This email is to a disabled account, so it cannot be sent again."}
		case m.Status != MailSent && m.Status != MailFailed:
			return &models.ConflictError{Message: "This email is " + m.Status + " already."}
		}
		res := tx.Model(&Mail{}).Where("id = ? AND status = ?", id, m.Status).
			Updates(map[string]any{"status": MailQueued, "attempts": 0, "next_attempt_at": now.UTC(), "maybe_duplicate": false})
		if res.Error != nil || res.RowsAffected == 0 {
			return res.Error
		}
		au := models.NewAuditor(actor, "resend", fmt.Sprintf("email %d to %s", m.ID, m.ToAddr), nil, nil, now.UTC())
		au.Note("status", m.Status, MailQueued)
		return au.Save(tx)
	})
}

// withoutDisabled drops the mails addressed to a disabled account, whoever
// wrote them: the last guard before the outbox.
func withoutDisabled(tx *gorm.DB, mails []Mail) ([]Mail, error) {
	var ids []uint
	for _, m := range mails {
		if m.UserID != nil {
			ids = append(ids, *m.UserID)
		}
	}
	if len(ids) == 0 {
		return mails, nil
	}
	off := map[uint]bool{}
	for chunk := range chunks(ids, 5000) {
		var disabled []uint
		if err := tx.Model(&models.User{}).Where("id IN ? AND disabled = ?", chunk, true).Pluck("id", &disabled).Error; err != nil {
			return nil, err
		}
		for _, id := range disabled {
			off[id] = true
		}
	}
	if len(off) == 0 {
		return mails, nil
	}
	out := mails[:0:0]
	for _, m := range mails {
		if m.UserID == nil || !off[*m.UserID] {
			out = append(out, m)
		}
	}
	return out, nil
}

// onConflictNothing makes an insert of a row that is already there a no-op.
var onConflictNothing = clause.OnConflict{DoNothing: true}

// SentBodyKeep is how long a sent email keeps its body. After that only its
// envelope stays (to, subject, kind, status, the server's answer): bodies
// carry personal links to set a password or answer a round, which should
// not sit in the database once delivered.
const SentBodyKeep = 24 * time.Hour

// ClearSentBodies empties the bodies of the emails sent more than
// SentBodyKeep before now and returns how many it cleared.
func ClearSentBodies(ctx context.Context, db *gorm.DB, now time.Time) (int64, error) {
	res := db.WithContext(ctx).Model(&Mail{}).
		Where("status = ? AND sent_at <= ? AND (text_body <> '' OR html_body <> '')", MailSent, now.UTC().Add(-SentBodyKeep)).
		Updates(map[string]any{"text_body": "", "html_body": ""})
	return res.RowsAffected, res.Error
}
