// Package jobs runs the scheduled work. Each Job does its work as of the now it
// is given; a Runner registers jobs, runs each in one process at a time,
// records every run and fires them from cron.
package jobs

import (
	"context"
	"time"
)

// Job is one scheduled job. Run does the work as of now and returns a one-line
// summary; an error marks the run failed (or skipped, see Skip).
type Job struct {
	Name       string
	Schedule   string // cron spec (minute hour dom month dow) in the runner's time zone
	RunAtStart bool   // also run once when the scheduler starts
	// Timeout is the run's deadline (DefaultTimeout when zero): its context
	// is cancelled then, and the run records what it got done.
	Timeout time.Duration
	Run     func(ctx context.Context, now time.Time) (summary string, err error)
}

// Names of the jobs the application registers.
const (
	NameFlagOverdue  = "flag-overdue"
	NameKPIPull      = "kpi-pull"
	NamePacks        = "packs"
	NameHousekeeping = "housekeeping"
	NameReminders    = "reminders"
	NameMail         = "mail"
)

// DefaultTimeout is a run's deadline when its job sets none.
const DefaultTimeout = 30 * time.Minute

// progressKey carries a run's progress reporter in its context.
type progressKey struct{}

// ReportProgress records a running job's progress as its summary so far, for
// the /jobs page. It does nothing outside a run.
func ReportProgress(ctx context.Context, summary string) {
	if f, ok := ctx.Value(progressKey{}).(func(string)); ok {
		f(summary)
	}
}

// skipError marks a run that chose not to run, e.g. a feed not configured.
type skipError struct{ reason string }

func (e skipError) Error() string { return "skipped: " + e.reason }

// Skip is returned by a Job's Run to record the run as skipped for reason.
func Skip(reason string) error { return skipError{reason} }
