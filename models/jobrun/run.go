package jobrun

import (
	"context"
	"errors"
	"time"

	"gorm.io/gorm"

	"sendboard/models"
)

// Job run outcomes. A run is "running" only while it runs.
const (
	OutcomeRunning = "running"
	OutcomeOK      = "ok"
	OutcomeFailed  = "failed"
	OutcomeSkipped = "skipped"
)

// maxJobRuns bounds one listing of job runs.
const maxJobRuns = 500

// Run records one run of a scheduled job, kept for the /jobs page.
type Run struct {
	ID          uint       `gorm:"primaryKey" json:"id"`
	Job         string     `json:"job"`
	TriggeredBy string     `json:"triggered_by"`   // schedule, start, cli or "admin: name"
	Slot        *time.Time `json:"slot,omitempty"` // the scheduled minute, for scheduled runs only
	StartedAt   time.Time  `json:"started_at"`
	FinishedAt  *time.Time `json:"finished_at"`
	Outcome     string     `json:"outcome"`
	Summary     string     `json:"summary"`
	Errors      string     `json:"errors"`
}

// TableName keeps the table's name.
func (Run) TableName() string { return "job_runs" }

// Duration is how long the run took, or zero while it runs.
func (r Run) Duration() time.Duration {
	if r.FinishedAt == nil {
		return 0
	}
	return r.FinishedAt.Sub(r.StartedAt)
}

// maxTrigger is the width of job_runs.triggered_by, in characters.
const maxTrigger = 100

// Start records that a run has begun.
func Start(ctx context.Context, db *gorm.DB, job, trigger string, slot *time.Time, now time.Time) (*Run, error) {
	r := &Run{Job: job, TriggeredBy: models.ClipRunes(trigger, maxTrigger), Slot: slot, StartedAt: now.UTC(), Outcome: OutcomeRunning}
	if slot != nil {
		s := slot.UTC()
		r.Slot = &s
	}
	return r, db.WithContext(ctx).Create(r).Error
}

// Finish records a run's outcome, summary and errors.
func Finish(ctx context.Context, db *gorm.DB, r *Run, outcome, summary, errs string, now time.Time) error {
	t := now.UTC()
	summary, errs = models.Clip(summary, models.MaxStoredError), models.Clip(errs, models.MaxStoredError)
	r.FinishedAt, r.Outcome, r.Summary, r.Errors = &t, outcome, summary, errs
	return db.WithContext(ctx).Model(r).Updates(map[string]any{
		"finished_at": t, "outcome": outcome, "summary": summary, "errors": errs}).Error
}

// Progress records a running run's summary so far.
func Progress(ctx context.Context, db *gorm.DB, r *Run, summary string) error {
	summary = models.Clip(summary, models.MaxStoredError)
	r.Summary = summary
	return db.WithContext(ctx).Model(&Run{}).Where("id = ? AND outcome = ?", r.ID, OutcomeRunning).
		Update("summary", summary).Error
}

// SlotTaken reports whether another process already ran (or is running) job for
// the scheduled minute slot; replicas whose clocks fire a little apart then
// still run a schedule once.
func SlotTaken(ctx context.Context, db *gorm.DB, job string, slot time.Time) (bool, error) {
	var n int64
	err := db.WithContext(ctx).Model(&Run{}).
		Where("job = ? AND slot = ? AND outcome IN ?", job, slot.UTC(), []string{OutcomeRunning, OutcomeOK, OutcomeFailed}).
		Count(&n).Error
	return n > 0, err
}

// List returns the newest runs first, of one job or (job "") all, at
// most limit (capped at 500).
func List(ctx context.Context, db *gorm.DB, job string, limit int) ([]Run, error) {
	if limit <= 0 || limit > maxJobRuns {
		limit = maxJobRuns
	}
	q := db.WithContext(ctx).Order("started_at DESC, id DESC").Limit(limit)
	if job != "" {
		q = q.Where("job = ?", job)
	}
	var runs []Run
	return runs, q.Find(&runs).Error
}

// IdleSummary is the summary of a run that found nothing to do, such as the
// minutely mail run with an empty outbox: lists of runs leave those out.
const IdleSummary = "nothing to do"

// ListBusy lists the newest runs that did something (not idle, not skipped),
// at most limit, and counts the runs it left out.
func ListBusy(ctx context.Context, db *gorm.DB, limit int) (runs []Run, quiet int64, err error) {
	if limit <= 0 || limit > maxJobRuns {
		limit = maxJobRuns
	}
	const isQuiet = "(outcome = ? AND summary = ?) OR outcome = ?"
	q := db.WithContext(ctx)
	err = q.Where("NOT ("+isQuiet+")", OutcomeOK, IdleSummary, OutcomeSkipped).
		Order("started_at DESC, id DESC").Limit(limit).Find(&runs).Error
	if err != nil {
		return nil, 0, err
	}
	err = q.Model(&Run{}).Where(isQuiet, OutcomeOK, IdleSummary, OutcomeSkipped).Count(&quiet).Error
	return runs, quiet, err
}

// Find finds a run by id.
func Find(ctx context.Context, db *gorm.DB, id uint) (*Run, error) {
	var r Run
	err := db.WithContext(ctx).Take(&r, id).Error
	if errors.Is(err, gorm.ErrRecordNotFound) {
		return nil, models.ErrNotFound
	}
	return &r, err
}
