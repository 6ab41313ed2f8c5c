package jobs

import (
	"context"
	"fmt"
	"time"

	"gorm.io/gorm"

	"sendboard/app/mail"
	"sendboard/models/round"
)

// mailPerRun bounds how many mails one run of the mail job tries, so a long
// queue drains over several minutes rather than in one endless run.
const mailPerRun = 5000

// Mail delivers the outbox on cfg's schedule, every minute by default.
// Without an SMTP server the mail waits, and the run says so.
func Mail(db *gorm.DB, cfg mail.Config) Job {
	return Job{Name: NameMail, Schedule: cfg.MailSchedule,
		Run: func(ctx context.Context, now time.Time) (string, error) { return DeliverMail(ctx, db, cfg, now) }}
}

// DeliverMail sends the outbox mail that is due as of now.
func DeliverMail(ctx context.Context, db *gorm.DB, cfg mail.Config, now time.Time) (string, error) {
	if !cfg.Configured() {
		c, err := round.CountOutbox(ctx, db)
		if err != nil {
			return "", err
		}
		return "", Skip(fmt.Sprintf("no SMTP server is configured (SENDBOARD_SMTP_URL); %d emails are waiting in the outbox", c.Queued))
	}
	d, err := round.DeliverOutbox(ctx, db, cfg.Send, now, mailPerRun)
	if err != nil {
		return "", err
	}
	summary := fmt.Sprintf("%d sent, %d to retry, %d failed", d.Sent, d.Retrying, d.Failed)
	if d.Sent == 0 && d.Retrying > 0 {
		return summary, fmt.Errorf("the SMTP server took none of the mail: %s", summary)
	}
	return summary, nil
}

// RoundMail is what the reminders job needs: the database, the address links
// point to, the time zone days are counted in and the working days before a
// due date on which reminders go.
type RoundMail struct {
	DB       *gorm.DB
	BaseURL  string
	Location *time.Location
	Days     []int
}

// Reminders queues the day's round reminders, escalations and digests.
func Reminders(schedule string, r RoundMail) Job {
	return Job{Name: NameReminders, Schedule: schedule, Run: r.Queue}
}

// Queue queues the reminders, escalations and digests due on now's day.
func (r RoundMail) Queue(ctx context.Context, now time.Time) (string, error) {
	mc, err := mail.NewComposer(r.BaseURL)
	if err != nil {
		return "", err
	}
	run, err := round.RunMail(ctx, r.DB, now, r.Location, r.Days, mc)
	if err != nil {
		return "", err
	}
	return fmt.Sprintf("%d open rounds: %d reminders, %d escalations, %d digests queued",
		run.Rounds, run.Reminders, run.Escalations, run.Digests), nil
}
