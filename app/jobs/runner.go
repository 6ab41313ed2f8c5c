package jobs

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"runtime/debug"
	"sync"
	"sync/atomic"
	"time"

	"github.com/robfig/cron/v3"
	"gorm.io/gorm"

	"sendboard/models"
	"sendboard/models/jobrun"
)

// shutdownGrace bounds how long shutdown waits for a running job.
const shutdownGrace = 30 * time.Second

// Runner holds the registered jobs and runs them. Set DB, Log, Now and
// Location before use; the rest of the zero value is ready.
type Runner struct {
	DB       *gorm.DB
	Log      *slog.Logger
	Now      func() time.Time
	Location func() *time.Location // the time zone schedules are read in

	mu     sync.Mutex
	list   []Job
	cron   *cron.Cron      // set by Start: this process runs the scheduler
	bg     context.Context // set by Start: runs started in the background, cancelled at shutdown
	active atomic.Int64    // runs in progress in this process, awaited at shutdown
}

// Register adds a job; its name must be new and its schedule valid.
func (r *Runner) Register(j Job) error {
	if j.Name == "" || j.Run == nil {
		return fmt.Errorf("job %q: a name and a Run function are required", j.Name)
	}
	if _, err := ParseSchedule(j.Schedule); err != nil {
		return fmt.Errorf("job %s: schedule %q: %w", j.Name, j.Schedule, err)
	}
	r.mu.Lock()
	defer r.mu.Unlock()
	for _, have := range r.list {
		if have.Name == j.Name {
			return fmt.Errorf("job %s is already registered", j.Name)
		}
	}
	r.list = append(r.list, j)
	return nil
}

// Jobs lists the registered jobs in the order they were registered.
func (r *Runner) Jobs() []Job {
	r.mu.Lock()
	defer r.mu.Unlock()
	return append([]Job(nil), r.list...)
}

// Find finds a registered job by name.
func (r *Runner) Find(name string) (Job, bool) {
	for _, j := range r.Jobs() {
		if j.Name == name {
			return j, true
		}
	}
	return Job{}, false
}

// Next is when this process's scheduler next runs j; ok is false when this
// process runs no scheduler.
func (r *Runner) Next(j Job) (next time.Time, ok bool) {
	r.mu.Lock()
	running := r.cron != nil
	r.mu.Unlock()
	if !running {
		return time.Time{}, false
	}
	s, err := ParseSchedule(j.Schedule)
	if err != nil {
		return time.Time{}, false
	}
	return s.Next(r.Now().In(r.Location())), true
}

// Scheduled counts the entries in this process's scheduler.
func (r *Runner) Scheduled() int {
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.cron == nil {
		return 0
	}
	return len(r.cron.Entries())
}

// Run runs the named job now and records the run. trigger says who asked
// ("schedule", "start", "cli", "admin: name"); slot, for scheduled runs, is the
// scheduled minute, so replicas firing a moment apart still run it once.
// The returned error is about recording the run; the job's own failure is in
// the run's outcome.
func (r *Runner) Run(ctx context.Context, name, trigger string, slot *time.Time) (*jobrun.Run, error) {
	r.active.Add(1)
	defer r.active.Add(-1)
	run, work, err := r.begin(ctx, name, trigger, slot)
	if err != nil || work == nil {
		return run, err
	}
	return run, work(ctx)
}

// RunInBackground starts the named job now and returns at once with its run,
// recorded as running (or as skipped, when another process holds the job);
// the /jobs page then shows its progress and outcome. The run goes on after
// the caller's request ends and stops at the job's deadline or at shutdown.
func (r *Runner) RunInBackground(ctx context.Context, name, trigger string) (*jobrun.Run, error) {
	r.active.Add(1)
	run, work, err := r.begin(ctx, name, trigger, nil)
	if err != nil || work == nil {
		r.active.Add(-1)
		return run, err
	}
	r.mu.Lock()
	bg := r.bg
	r.mu.Unlock()
	if bg == nil {
		bg = context.WithoutCancel(ctx)
	}
	go func() {
		defer r.active.Add(-1)
		if err := work(bg); err != nil {
			r.Log.Error("recording job run", "job", name, "err", err)
		}
	}()
	return run, nil
}

// begin takes the job's lock and records the run's start; work then runs the
// job, records its outcome and lets the lock go. work is nil when the run was
// skipped (and recorded so) or could not start.
func (r *Runner) begin(ctx context.Context, name, trigger string, slot *time.Time) (*jobrun.Run, func(context.Context) error, error) {
	j, ok := r.Find(name)
	if !ok {
		return nil, nil, models.ErrNotFound
	}
	release, locked, err := jobrun.TryLock(ctx, r.DB, name)
	if err != nil {
		return nil, nil, err
	}
	if !locked {
		run, err := r.recordSkip(ctx, name, trigger, "already running in another process")
		return run, nil, err
	}
	if slot != nil {
		taken, err := jobrun.SlotTaken(ctx, r.DB, name, *slot)
		if err != nil || taken {
			release()
			if err != nil {
				return nil, nil, err
			}
			run, err := r.recordSkip(ctx, name, trigger, "already run for this schedule by another process")
			return run, nil, err
		}
	}
	now := r.Now()
	run, err := jobrun.Start(ctx, r.DB, name, trigger, slot, now)
	if err != nil {
		release()
		return nil, nil, err
	}
	return run, func(ctx context.Context) error {
		defer release()
		return r.work(ctx, j, run, now)
	}, nil
}

// work runs j under its deadline and records the outcome on run.
func (r *Runner) work(ctx context.Context, j Job, run *jobrun.Run, now time.Time) error {
	timeout := j.Timeout
	if timeout <= 0 {
		timeout = DefaultTimeout
	}
	// The deadline is real time: the runner's clock may be pinned.
	jctx, cancel := context.WithTimeout(ctx, timeout)
	defer cancel()
	var last time.Time
	jctx = context.WithValue(jctx, progressKey{}, func(summary string) {
		if time.Since(last) < time.Second {
			return
		}
		last = time.Now()
		if err := jobrun.Progress(context.WithoutCancel(ctx), r.DB, run, summary); err != nil {
			r.Log.Warn("recording job progress", "job", j.Name, "err", err)
		}
	})
	summary, jerr := r.call(jctx, j, now)
	outcome, errText := jobrun.OutcomeOK, ""
	var skip skipError
	switch {
	case errors.As(jerr, &skip):
		outcome, summary = jobrun.OutcomeSkipped, skip.Error()
	case jerr != nil:
		outcome, errText = jobrun.OutcomeFailed, jerr.Error()
		r.Log.Error("job failed", "job", j.Name, "err", jerr)
	default:
		r.Log.Info("job done", "job", j.Name, "summary", summary)
	}
	// Record the outcome even if the job's context was cancelled by shutdown.
	return jobrun.Finish(context.WithoutCancel(ctx), r.DB, run, outcome, summary, errText, r.Now())
}

func (r *Runner) recordSkip(ctx context.Context, name, trigger, reason string) (*jobrun.Run, error) {
	now := r.Now()
	run, err := jobrun.Start(ctx, r.DB, name, trigger, nil, now)
	if err != nil {
		return nil, err
	}
	r.Log.Info("job skipped", "job", name, "reason", reason)
	return run, jobrun.Finish(ctx, r.DB, run, jobrun.OutcomeSkipped, "skipped: "+reason, "", now)
}

// call runs j, turning a panic into an error so one bad job cannot stop the
// scheduler or the others.
func (r *Runner) call(ctx context.Context, j Job, now time.Time) (summary string, err error) {
	defer func() {
		if p := recover(); p != nil {
			r.Log.Error("job panicked", "job", j.Name, "panic", p, "stack", string(debug.Stack()))
			err = fmt.Errorf("panic: %v", p)
		}
	}()
	return j.Run(ctx, now)
}

// Start starts the scheduler in the runner's time zone, runs the jobs marked
// RunAtStart once, and returns a function that stops it, waiting a bounded
// time for running jobs.
func (r *Runner) Start(ctx context.Context) (stop func()) {
	jobCtx, cancel := context.WithCancel(context.WithoutCancel(ctx))
	c := cron.New(cron.WithLocation(r.Location()))
	for _, j := range r.Jobs() {
		// Schedule what ParseSchedule accepted, not AddFunc's own parse, which can panic.
		s, err := ParseSchedule(j.Schedule)
		if err != nil {
			r.Log.Error("job not scheduled", "job", j.Name, "schedule", j.Schedule, "err", err)
			continue
		}
		c.Schedule(s, cron.FuncJob(r.scheduled(jobCtx, j.Name)))
	}
	r.mu.Lock()
	r.cron, r.bg = c, jobCtx
	r.mu.Unlock()
	c.Start()
	for _, j := range r.Jobs() {
		if j.RunAtStart {
			r.active.Add(1) // counted before it starts, so shutdown waits for it
			go func() {
				defer r.active.Add(-1)
				if _, err := r.Run(jobCtx, j.Name, "start", nil); err != nil {
					r.Log.Error("recording job run", "job", j.Name, "err", err)
				}
			}()
		}
	}
	return func() {
		c.Stop()
		if !r.waitIdle(shutdownGrace) {
			r.Log.Warn("a job is still running at shutdown; cancelling it")
			cancel()
			r.waitIdle(5 * time.Second)
		}
		cancel()
	}
}

// waitIdle waits up to d for running jobs to finish, reporting whether they
// did. It measures real time: the runner's clock may be pinned.
func (r *Runner) waitIdle(d time.Duration) bool {
	deadline := time.Now().Add(d)
	for r.active.Load() > 0 {
		if time.Now().After(deadline) {
			return false
		}
		time.Sleep(20 * time.Millisecond)
	}
	return true
}

// scheduled is the function cron calls for job name: it records the minute the
// run was scheduled for, which replicas agree on.
func (r *Runner) scheduled(ctx context.Context, name string) func() {
	return func() {
		slot := r.Now().In(r.Location()).Truncate(time.Minute)
		if _, err := r.Run(ctx, name, "schedule", &slot); err != nil {
			r.Log.Error("recording job run", "job", name, "err", err)
		}
	}
}
