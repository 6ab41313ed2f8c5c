package app

import (
	"context"
	"strings"
	"time"

	"sendboard/app/feed"
	"sendboard/app/jobs"
	"sendboard/app/pack"
	"sendboard/models"
	"sendboard/models/jobrun"
)

// Runner is the application's job runner, built with every job the
// application runs on first use. To add a job, list it in defaultJobs.
func (a *App) Runner() *jobs.Runner {
	a.jobsOnce.Do(func() {
		a.jobs = &jobs.Runner{DB: a.DB, Log: a.Log,
			Now: func() time.Time { return a.Now() }, Location: func() *time.Location { return a.Config.Location() }}
		for _, j := range a.defaultJobs() {
			// Config validation catches a bad schedule first.
			if err := a.jobs.Register(j); err != nil {
				a.Log.Error("job not registered", "job", j.Name, "err", err)
			}
		}
	})
	return a.jobs
}

// defaultJobs lists every job the application runs.
func (a *App) defaultJobs() []jobs.Job {
	return []jobs.Job{
		jobs.Flags(a.DB, a.Config.FlagSchedule, a.flagConfig()),
		jobs.KPIPull(a.Config.KPIPullSchedule, a.feedPuller()),
		jobs.Packs(a.Config.PackSchedule, a.Config.Location(), a.Packs()),
		jobs.Housekeeping(a.DB, a.Config.HousekeepingSchedule),
		jobs.Reminders(a.Config.Mail.ReminderSchedule, a.roundMail()),
		jobs.Mail(a.DB, a.Config.Mail),
	}
}

// Packs is the pack generator on the application's database and clock.
func (a *App) Packs() *pack.Generator {
	return &pack.Generator{DB: a.DB, Now: func() time.Time { return a.Now() }, LACode: a.Config.LACode, Printer: a.Printer}
}

// RunJob runs the named job now and records the run: see jobs.Runner.Run.
func (a *App) RunJob(ctx context.Context, name, trigger string, slot *time.Time) (*jobrun.Run, error) {
	return a.Runner().Run(ctx, name, trigger, slot)
}

// FindJob finds a registered job by name.
func (a *App) FindJob(name string) (jobs.Job, bool) { return a.Runner().Find(name) }

// StartJobs starts the scheduler unless NoJobs is set, and returns a function
// that stops it.
func (a *App) StartJobs(ctx context.Context) (stop func()) {
	if a.Config.NoJobs {
		return func() {}
	}
	return a.Runner().Start(ctx)
}

// flagConfig is what the flag rules need from the configuration; every write
// to an action passes it so its flags are re-evaluated in the same transaction.
func (a *App) flagConfig() models.FlagConfig {
	return models.FlagConfig{Location: a.Config.Location(), UpdateOverdueDays: a.Config.UpdateOverdueDays}
}

// feedPuller is the puller the configuration describes. Three tries at the
// default 30 s timeout, with 1 s and 2 s waits, finish inside the server's
// 120 s write timeout when an admin presses "Run now".
func (a *App) feedPuller() *feed.Puller {
	return &feed.Puller{DB: a.DB, Source: strings.TrimSpace(a.Config.FeedURL), Timeout: a.Config.FeedTimeout,
		MaxBytes: a.Config.FeedMaxBytes, Attempts: 3, Backoff: time.Second, Allow: a.Config.FeedAllow, Log: a.Log}
}

// roundMail is what queuing the rounds' reminders needs from the configuration.
func (a *App) roundMail() jobs.RoundMail {
	return jobs.RoundMail{DB: a.DB, BaseURL: a.Config.BaseURL(), Location: a.Config.Location(), Days: a.Config.Mail.ReminderDays,
		AnswerLinks: !a.Config.Mail.NoAnswerLinks}
}

// DeliverMail sends the outbox mail that is due as of now, as the mail job does.
func (a *App) DeliverMail(ctx context.Context, now time.Time) (string, error) {
	return jobs.DeliverMail(ctx, a.DB, a.Config.Mail, now)
}

// QueueRoundMail queues the reminders, escalations and digests due on now's
// day, as the reminders job does.
func (a *App) QueueRoundMail(ctx context.Context, now time.Time) (string, error) {
	return a.roundMail().Queue(ctx, now)
}
