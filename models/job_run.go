package models

import (
	"context"
	"errors"
	"time"

	"gorm.io/gorm"
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

// JobRun records one run of a scheduled job, kept for the /jobs page.
type JobRun struct {
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

// Duration is how long the run took, or zero while it runs.
func (r JobRun) Duration() time.Duration {
	if r.FinishedAt == nil {
		return 0
	}
	return r.FinishedAt.Sub(r.StartedAt)
}

// maxTrigger is the width of job_runs.triggered_by, in characters.
const maxTrigger = 100

// StartJobRun records that a run has begun.
func StartJobRun(ctx context.Context, db *gorm.DB, job, trigger string, slot *time.Time, now time.Time) (*JobRun, error) {
	r := &JobRun{Job: job, TriggeredBy: ClipRunes(trigger, maxTrigger), Slot: slot, StartedAt: now.UTC(), Outcome: OutcomeRunning}
	if slot != nil {
		s := slot.UTC()
		r.Slot = &s
	}
	return r, db.WithContext(ctx).Create(r).Error
}

// FinishJobRun records a run's outcome, summary and errors.
func FinishJobRun(ctx context.Context, db *gorm.DB, r *JobRun, outcome, summary, errs string, now time.Time) error {
	t := now.UTC()
	summary, errs = Clip(summary, MaxStoredError), Clip(errs, MaxStoredError)
	r.FinishedAt, r.Outcome, r.Summary, r.Errors = &t, outcome, summary, errs
	return db.WithContext(ctx).Model(r).Updates(map[string]any{
		"finished_at": t, "outcome": outcome, "summary": summary, "errors": errs}).Error
}

// SlotTaken reports whether another process already ran (or is running) job for
// the scheduled minute slot; replicas whose clocks fire a little apart then
// still run a schedule once.
func SlotTaken(ctx context.Context, db *gorm.DB, job string, slot time.Time) (bool, error) {
	var n int64
	err := db.WithContext(ctx).Model(&JobRun{}).
		Where("job = ? AND slot = ? AND outcome IN ?", job, slot.UTC(), []string{OutcomeRunning, OutcomeOK, OutcomeFailed}).
		Count(&n).Error
	return n > 0, err
}

// ListJobRuns returns the newest runs first, of one job or (job "") all, at
// most limit (capped at 500).
func ListJobRuns(ctx context.Context, db *gorm.DB, job string, limit int) ([]JobRun, error) {
	if limit <= 0 || limit > maxJobRuns {
		limit = maxJobRuns
	}
	q := db.WithContext(ctx).Order("started_at DESC, id DESC").Limit(limit)
	if job != "" {
		q = q.Where("job = ?", job)
	}
	var runs []JobRun
	return runs, q.Find(&runs).Error
}

// FindJobRun finds a run by id.
func FindJobRun(ctx context.Context, db *gorm.DB, id uint) (*JobRun, error) {
	var r JobRun
	err := db.WithContext(ctx).Take(&r, id).Error
	if errors.Is(err, gorm.ErrRecordNotFound) {
		return nil, ErrNotFound
	}
	return &r, err
}
