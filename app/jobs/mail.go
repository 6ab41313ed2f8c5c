package jobs

import (
	"context"
	"crypto/rand"
	"fmt"
	"os"
	"time"

	"gorm.io/gorm"

	"sendboard/app/mail"
	"sendboard/models/jobrun"
	"sendboard/models/round"
)

// mailPerRun bounds how many mails one run of the mail job tries, so a long
// queue drains over several runs rather than in one endless one.
const mailPerRun = 5000

// Mail delivers the outbox on cfg's schedule, every minute by default, and
// once at start so that mail left by a stopped process goes without waiting.
// Without an SMTP server the mail waits, and the run says so.
func Mail(db *gorm.DB, cfg mail.Config) Job {
	return Job{Name: NameMail, Schedule: cfg.MailSchedule, RunAtStart: true, Timeout: cfg.RunDeadline,
		Run: func(ctx context.Context, now time.Time) (string, error) {
			return DeliverMail(ctx, db, cfg, now)
		}}
}

// DeliverMail sends the outbox mail that is due as of now, until ctx's
// deadline. Progress is reported on the run as it goes.
func DeliverMail(ctx context.Context, db *gorm.DB, cfg mail.Config, now time.Time) (string, error) {
	if !cfg.Configured() {
		c, err := round.CountOutbox(ctx, db)
		if err != nil {
			return "", err
		}
		return "", Skip(fmt.Sprintf("no SMTP server is configured (SENDBOARD_SMTP_URL); %d emails are waiting in the outbox", c.Queued))
	}
	opt := round.DeliverOptions{Holder: Holder(), SendTimeout: cfg.SendTimeout, Max: mailPerRun,
		Progress: func(d round.Delivery) { ReportProgress(ctx, d.Summary()+" so far") }}
	d, err := round.DeliverOutbox(ctx, db, cfg.Dial, now, opt)
	if err != nil {
		return d.Summary(), err
	}
	if d.Sent == 0 && d.Retrying > 0 {
		return d.Summary(), fmt.Errorf("the SMTP server took none of the mail: %s", d.Summary())
	}
	if d == (round.Delivery{}) {
		return jobrun.IdleSummary, nil
	}
	return d.Summary(), nil
}

// Holder names this run in the outbox's claimed_by: host, process id and a
// random part, since two runs of one process may drain the outbox together.
func Holder() string {
	host, _ := os.Hostname()
	var b [4]byte
	_, _ = rand.Read(b[:])
	return fmt.Sprintf("%s/%d/%x", host, os.Getpid(), b)
}

// RoundMail is what the reminders job needs: the database, the address links
// point to, the time zone days are counted in and the working days before a
// due date on which reminders go.
type RoundMail struct {
	DB       *gorm.DB
	BaseURL  string
	Location *time.Location
	Days     []int
	// AnswerLinks puts personal answer links in reminders and escalations.
	AnswerLinks bool
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
	run, err := round.RunMail(ctx, r.DB, now, r.Location, r.Days, mc.WithAnswerLinks(r.AnswerLinks))
	if err != nil {
		return "", err
	}
	return fmt.Sprintf("%d open rounds: %d reminders, %d escalations, %d digests queued",
		run.Rounds, run.Reminders, run.Escalations, run.Digests), nil
}
