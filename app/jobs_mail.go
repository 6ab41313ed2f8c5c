package app

import (
	"context"
	"fmt"
	"time"

	"sendboard/models"
)

// mailPerRun bounds how many mails one run of the mail job tries, so a long
// queue drains over several minutes rather than in one endless run.
const mailPerRun = 5000

// mailJob delivers the outbox every minute. Without an SMTP server the mail
// waits, and the run says so.
func (a *App) mailJob() Job {
	return Job{Name: "mail", Schedule: a.Config.Mail.MailSchedule, Run: a.DeliverMail}
}

// DeliverMail sends the outbox mail that is due as of now.
func (a *App) DeliverMail(ctx context.Context, now time.Time) (string, error) {
	if !a.MailConfigured() {
		c, err := models.CountOutbox(ctx, a.DB)
		if err != nil {
			return "", err
		}
		return "", Skip(fmt.Sprintf("no SMTP server is configured (SENDBOARD_SMTP_URL); %d emails are waiting in the outbox", c.Queued))
	}
	d, err := models.DeliverOutbox(ctx, a.DB, a.sendMails, now, mailPerRun)
	if err != nil {
		return "", err
	}
	summary := fmt.Sprintf("%d sent, %d to retry, %d failed", d.Sent, d.Retrying, d.Failed)
	if d.Sent == 0 && d.Retrying > 0 {
		return summary, fmt.Errorf("the SMTP server took none of the mail: %s", summary)
	}
	return summary, nil
}

// remindersJob queues the day's round reminders, escalations and digests.
func (a *App) remindersJob() Job {
	return Job{Name: "reminders", Schedule: a.Config.Mail.ReminderSchedule, Run: a.QueueRoundMail}
}

// QueueRoundMail queues the reminders, escalations and digests due on now's day.
func (a *App) QueueRoundMail(ctx context.Context, now time.Time) (string, error) {
	mc, err := newMailComposer(a.Config.BaseURL())
	if err != nil {
		return "", err
	}
	run, err := models.RunRoundMail(ctx, a.DB, now, a.Config.Location(), a.Config.Mail.ReminderDays, mc)
	if err != nil {
		return "", err
	}
	return fmt.Sprintf("%d open rounds: %d reminders, %d escalations, %d digests queued",
		run.Rounds, run.Reminders, run.Escalations, run.Digests), nil
}
