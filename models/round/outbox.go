package round

import (
	"context"
	"time"

	"gorm.io/gorm"
	"gorm.io/gorm/clause"

	"sendboard/models"
)

// Outbox states. Queued mail waits for its next attempt; failed mail has used
// every attempt and waits for an admin to resend it.
const (
	MailQueued = "queued"
	MailSent   = "sent"
	MailFailed = "failed"
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
}

// TableName keeps the table's plain name.
func (Mail) TableName() string { return "outbox" }

// queueMail writes mails in tx. A mail whose DedupeKey is already in the
// outbox is left out, so running a daily job twice queues nothing new; the
// number actually queued is returned.
func queueMail(tx *gorm.DB, mails []Mail, now time.Time) (int, error) {
	if len(mails) == 0 {
		return 0, nil
	}
	for i := range mails {
		mails[i].Status, mails[i].NextAttemptAt, mails[i].CreatedAt = MailQueued, now.UTC(), now.UTC()
	}
	res := tx.Clauses(clause.OnConflict{Columns: []clause.Column{{Name: "dedupe_key"}}, DoNothing: true}).
		CreateInBatches(mails, 200)
	return int(res.RowsAffected), res.Error
}

// OutboxCounts says how much mail is in each state.
type OutboxCounts struct{ Queued, Sent, Failed int64 }

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
// fresh set of attempts.
func ResendMail(ctx context.Context, db *gorm.DB, id uint, now time.Time) error {
	res := db.WithContext(ctx).Model(&Mail{}).Where("id = ? AND status <> ?", id, MailQueued).
		Updates(map[string]any{"status": MailQueued, "attempts": 0, "next_attempt_at": now.UTC()})
	if res.Error != nil {
		return res.Error
	}
	if res.RowsAffected == 0 {
		var n int64
		if err := db.WithContext(ctx).Model(&Mail{}).Where("id = ?", id).Count(&n).Error; err != nil {
			return err
		}
		if n == 0 {
			return models.ErrNotFound
		}
	}
	return nil
}

// onConflictNothing makes an insert of a row that is already there a no-op.
var onConflictNothing = clause.OnConflict{DoNothing: true}
