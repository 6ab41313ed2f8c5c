package round

import (
	"context"
	"time"

	"gorm.io/gorm"
	"gorm.io/gorm/clause"
)

// MaxMailAttempts is how many times a mail is tried before it is marked failed.
const MaxMailAttempts = 5

// mailBackoff is the wait after each failed attempt: five tries spread over
// about a day, so an SMTP outage of a working day loses nothing.
var mailBackoff = []time.Duration{5 * time.Minute, 30 * time.Minute, 3 * time.Hour, 18 * time.Hour}

// SendResult is what the SMTP server said about one mail: Err is nil when it
// was accepted, and Reply is the server's answer either way.
type SendResult struct {
	Reply     string
	Err       error
	Permanent bool // the server refused the mail for good (5xx): no retry
}

// SendFunc delivers a batch of mails in one SMTP session, one result per mail.
type SendFunc func(ctx context.Context, mails []Mail) []SendResult

// Delivery counts what one DeliverOutbox did.
type Delivery struct{ Sent, Retrying, Failed int }

// mailBatch is how many mails one transaction takes.
const mailBatch = 100

// DeliverOutbox sends the mail that is due, batch by batch, until none is due
// or maxMails have been tried. Each batch is taken with FOR UPDATE SKIP LOCKED
// on PostgreSQL, so replicas draining the outbox together never take the same
// mail: the batch's rows stay locked while it is sent and its outcomes are
// written in the same transaction. On SQLite the caller holds the job lock.
func DeliverOutbox(ctx context.Context, db *gorm.DB, send SendFunc, now time.Time, maxMails int) (Delivery, error) {
	var d Delivery
	for tried := 0; tried < maxMails; {
		n := 0
		err := batchTx(db.WithContext(ctx), func(tx *gorm.DB) error {
			q := tx.Where("status = ? AND next_attempt_at <= ?", MailQueued, now.UTC()).Order("id").Limit(min(mailBatch, maxMails-tried))
			if tx.Dialector.Name() == "postgres" {
				q = q.Clauses(clause.Locking{Strength: "UPDATE", Options: "SKIP LOCKED"})
			}
			var batch []Mail
			if err := q.Find(&batch).Error; err != nil {
				return err
			}
			n = len(batch)
			if n == 0 {
				return nil
			}
			results := send(ctx, batch)
			for i, m := range batch {
				r := SendResult{Err: context.Canceled}
				if i < len(results) {
					r = results[i]
				}
				changes := outcome(&d, m, r, now)
				if err := tx.Model(&Mail{}).Where("id = ?", m.ID).Updates(changes).Error; err != nil {
					return err
				}
			}
			return nil
		})
		if err != nil || n == 0 {
			return d, err
		}
		tried += n
	}
	return d, nil
}

// batchTx runs fn in a transaction on PostgreSQL, where the row locks are what
// keeps replicas apart. SQLite has one writer at a time, so a transaction held
// open while SMTP talks would stall every other write; there the job lock keeps
// runs apart and each outcome is written on its own.
func batchTx(db *gorm.DB, fn func(tx *gorm.DB) error) error {
	if db.Dialector.Name() == "postgres" {
		return db.Transaction(fn)
	}
	return fn(db)
}

// outcome is the row change for one attempt, counted into d.
func outcome(d *Delivery, m Mail, r SendResult, now time.Time) map[string]any {
	attempts := m.Attempts + 1
	reply := r.Reply
	if r.Err != nil && reply == "" {
		reply = r.Err.Error()
	}
	if len(reply) > 1000 {
		reply = reply[:1000]
	}
	ch := map[string]any{"attempts": attempts, "last_reply": reply}
	switch {
	case r.Err == nil:
		d.Sent++
		ch["status"], ch["sent_at"] = MailSent, now.UTC()
	case attempts >= MaxMailAttempts || r.Permanent:
		d.Failed++
		ch["status"] = MailFailed
	default:
		d.Retrying++
		ch["next_attempt_at"] = now.UTC().Add(mailBackoff[min(attempts-1, len(mailBackoff)-1)])
	}
	return ch
}
