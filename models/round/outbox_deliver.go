package round

import (
	"context"
	"fmt"
	"time"

	"gorm.io/gorm"
)

// MaxMailAttempts is how many times a mail is tried before it is marked failed.
const MaxMailAttempts = 5

// mailBackoff is the wait after each failed attempt: five tries spread over
// about a day, so an SMTP outage of a working day loses nothing.
var mailBackoff = []time.Duration{5 * time.Minute, 30 * time.Minute, 3 * time.Hour, 18 * time.Hour}

// DefaultSendTimeout is how long a mail may stay "sending" before it is taken
// for lost with the process that was sending it. One mail's SMTP conversation
// is bounded well below it (see DeliverOptions.SendTimeout).
const DefaultSendTimeout = 10 * time.Minute

// Replies recorded for mail that was not (or may not have been) delivered normally.
const (
	ReplyDisabled    = "not sent: account disabled"
	ReplyInterrupted = "sending was interrupted twice (the process stopped mid-send); not tried again, it may have been sent"
)

// SendResult is what the SMTP server said about one mail: Err is nil when it
// was accepted, and Reply is the server's answer either way.
type SendResult struct {
	Reply     string
	Err       error
	Permanent bool // the server refused the mail for good (5xx): no retry
	// Broken says the session cannot carry another mail (the connection
	// failed); the next mail opens a new one.
	Broken bool
}

// Sender is an open SMTP session that delivers one mail at a time.
type Sender interface {
	Send(ctx context.Context, m Mail) SendResult
	Close() error
}

// Dialer opens an SMTP session.
type Dialer func(ctx context.Context) (Sender, error)

// Delivery counts what one DeliverOutbox did.
type Delivery struct {
	Sent, Retrying, Failed int
	NotSent                int  // recipients whose account is disabled
	Repeated               int  // mail left "sending" by a stopped process, tried once more
	Stopped                bool // the run's deadline came before the queue was empty
}

// DeliverOptions tunes one DeliverOutbox.
type DeliverOptions struct {
	Holder      string        // who claims the mail, e.g. "host/pid"; recorded in claimed_by
	SendTimeout time.Duration // see DefaultSendTimeout; one mail's send is given half of it
	Max         int           // mails tried at most (0: no bound but the context's deadline)
	Progress    func(Delivery)
}

// DeliverOutbox sends the mail that is due as of now, one mail at a time: it
// claims the mail in one short statement (status "sending", claimed_at,
// claimed_by), sends it with no transaction open, and records the outcome in
// another. A crash can then leave at most the mail in flight unrecorded; it
// stays "sending", and a later run that finds it older than the send timeout
// tries it once more, marked maybe_duplicate. On PostgreSQL the claim takes
// the row with FOR UPDATE SKIP LOCKED, so replicas draining the outbox
// together never claim the same mail; SQLite's write lock does the same.
// It stops when nothing is due, after Max mails, or when ctx is done
// (Delivery.Stopped).
func DeliverOutbox(ctx context.Context, db *gorm.DB, dial Dialer, now time.Time, opt DeliverOptions) (Delivery, error) {
	var d Delivery
	if opt.SendTimeout <= 0 {
		opt.SendTimeout = DefaultSendTimeout
	}
	// Outcomes are written even once ctx is done, so that a deadline never
	// leaves a mail it sent looking unsent.
	record := db.WithContext(context.WithoutCancel(ctx))
	if err := recoverStale(ctx, db, now, opt.SendTimeout, &d); err != nil {
		return d, err
	}
	var s Sender
	defer func() {
		if s != nil {
			s.Close()
		}
	}()
	for tried := 0; opt.Max <= 0 || tried < opt.Max; tried++ {
		if ctx.Err() != nil {
			d.Stopped = true
			return d, nil
		}
		m, err := claimMail(ctx, db, now, opt.Holder)
		if err != nil || m == nil {
			if ctx.Err() != nil {
				d.Stopped, err = true, nil
			}
			return d, err
		}
		if m.UserDisabled {
			d.NotSent++
			if err := recordOutcome(record, &m.Mail, map[string]any{"status": MailFailed, "last_reply": ReplyDisabled}); err != nil {
				return d, err
			}
			continue
		}
		var r SendResult
		if s == nil {
			if s, err = dial(ctx); err != nil {
				s = nil
				r = SendResult{Err: err, Broken: true}
			}
		}
		talked := s != nil
		if talked {
			sctx, cancel := context.WithTimeout(ctx, opt.SendTimeout/2)
			r = s.Send(sctx, m.Mail)
			cancel()
		}
		if r.Err != nil && ctx.Err() != nil {
			// Cut off by the deadline. Mid-conversation, the server may have
			// taken it; while connecting, it cannot have.
			r.Reply = "the run's deadline passed while connecting to the SMTP server"
			ch := outcome(&d, m.Mail, r, now)
			if talked {
				ch["last_reply"] = "the run's deadline passed while sending; it may have been sent"
				ch["maybe_duplicate"] = true
			}
			if err := recordOutcome(record, &m.Mail, ch); err != nil {
				return d, err
			}
			d.Stopped = true
			return d, nil
		}
		if err := recordOutcome(record, &m.Mail, outcome(&d, m.Mail, r, now)); err != nil {
			return d, err
		}
		if opt.Progress != nil {
			opt.Progress(d)
		}
		if r.Broken && s != nil {
			// The next mail opens a new session; while the server cannot be
			// reached each mail records its own failed attempt.
			s.Close()
			s = nil
		}
	}
	return d, nil
}

// claimed is a claimed mail and whether its recipient's account is disabled.
type claimed struct {
	Mail
	UserDisabled bool
}

// claimMail takes the next due mail for holder in one statement (its own
// short transaction), or returns nil when none is due. On PostgreSQL the row
// is picked with FOR UPDATE SKIP LOCKED, so concurrent claims never wait on
// or take the same mail; SQLite runs one writer at a time.
func claimMail(ctx context.Context, db *gorm.DB, now time.Time, holder string) (*claimed, error) {
	lock := ""
	if db.Dialector.Name() == "postgres" {
		lock = " FOR UPDATE SKIP LOCKED"
	}
	t := now.UTC()
	var rows []claimed
	err := db.WithContext(ctx).Raw(`UPDATE outbox SET status = ?, claimed_at = ?, claimed_by = ?
		WHERE id = (SELECT id FROM outbox WHERE status = ? AND next_attempt_at <= ? ORDER BY id LIMIT 1`+lock+`)
		RETURNING *, COALESCE((SELECT u.disabled FROM users u WHERE u.id = outbox.user_id), ?) AS user_disabled`,
		MailSending, t, holder, MailQueued, t, false).Scan(&rows).Error
	if err != nil || len(rows) == 0 {
		return nil, err
	}
	return &rows[0], nil
}

// recordOutcome writes one mail's outcome, unless another process has since
// taken the mail over as lost (it is then no longer this claim's to record).
func recordOutcome(db *gorm.DB, m *Mail, changes map[string]any) error {
	return db.Model(&Mail{}).Where("id = ? AND status = ? AND claimed_by = ?", m.ID, MailSending, m.ClaimedBy).
		Updates(changes).Error
}

// recoverStale deals with mail left "sending" for longer than the send
// timeout, whose sender must have stopped: it is queued to be tried once more,
// marked maybe_duplicate, since the server may have taken it before the stop;
// mail that was already such a retry is marked failed instead.
func recoverStale(ctx context.Context, db *gorm.DB, now time.Time, timeout time.Duration, d *Delivery) error {
	cutoff := now.UTC().Add(-timeout)
	db = db.WithContext(ctx)
	res := db.Model(&Mail{}).Where("status = ? AND claimed_at <= ? AND maybe_duplicate = ?", MailSending, cutoff, true).
		Updates(map[string]any{"status": MailFailed, "last_reply": ReplyInterrupted})
	if res.Error != nil {
		return res.Error
	}
	d.Failed += int(res.RowsAffected)
	res = db.Model(&Mail{}).Where("status = ? AND claimed_at <= ?", MailSending, cutoff).
		Updates(map[string]any{"status": MailQueued, "maybe_duplicate": true, "next_attempt_at": now.UTC(),
			"last_reply": "the process sending it stopped; tried once more"})
	d.Repeated += int(res.RowsAffected)
	return res.Error
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
		ch["status"] = MailQueued
		ch["next_attempt_at"] = now.UTC().Add(mailBackoff[min(attempts-1, len(mailBackoff)-1)])
	}
	return ch
}

// Summary is the one-line account of a delivery for the job's run.
func (d Delivery) Summary() string {
	s := fmt.Sprintf("%d sent, %d to retry, %d failed", d.Sent, d.Retrying, d.Failed)
	if d.NotSent > 0 {
		s += fmt.Sprintf(", %d not sent (account disabled)", d.NotSent)
	}
	if d.Repeated > 0 {
		s += fmt.Sprintf(", %d left sending by a stopped process tried once more (may have been sent twice)", d.Repeated)
	}
	if d.Stopped {
		s += "; stopped at the run's deadline, the rest waits for the next run"
	}
	return s
}
