package app

import (
	"context"
	"errors"
	"fmt"
	"runtime/debug"
	"sync"
	"sync/atomic"
	"time"

	"github.com/robfig/cron/v3"

	"sendboard/models"
)

// Job is one scheduled job. Run does the work as of now and returns a one-line
// summary; an error marks the run failed (or skipped, see Skip). To add a job,
// write a constructor returning a Job and list it in defaultJobs.
type Job struct {
	Name       string
	Schedule   string // cron spec (minute hour dom month dow) in the configured time zone
	RunAtStart bool   // also run once when the scheduler starts
	Run        func(ctx context.Context, now time.Time) (summary string, err error)
}

// defaultJobs lists every job the application runs.
func (a *App) defaultJobs() []Job {
	return []Job{a.flagOverdueJob(), a.kpiPullJob(), a.packsJob(), a.housekeepingJob(), a.remindersJob(), a.mailJob()}
}

// skipError marks a run that chose not to run, e.g. a feed not configured.
type skipError struct{ reason string }

func (e skipError) Error() string { return "skipped: " + e.reason }

// Skip is returned by a Job's Run to record the run as skipped for reason.
func Skip(reason string) error { return skipError{reason} }

// shutdownGrace bounds how long shutdown waits for a running job.
const shutdownGrace = 30 * time.Second

// jobRegistry holds the registered jobs; the zero value is ready to use.
type jobRegistry struct {
	once   sync.Once
	mu     sync.Mutex
	list   []Job
	active atomic.Int64 // runs in progress in this process, awaited at shutdown
}

// RegisterJob adds a job; its name must be new and its schedule valid.
func (a *App) RegisterJob(j Job) error {
	a.Jobs() // the defaults come first
	return a.addJob(j)
}

func (a *App) addJob(j Job) error {
	if j.Name == "" || j.Run == nil {
		return fmt.Errorf("job %q: a name and a Run function are required", j.Name)
	}
	if _, err := cron.ParseStandard(j.Schedule); err != nil {
		return fmt.Errorf("job %s: schedule %q: %w", j.Name, j.Schedule, err)
	}
	a.jobs.mu.Lock()
	defer a.jobs.mu.Unlock()
	for _, have := range a.jobs.list {
		if have.Name == j.Name {
			return fmt.Errorf("job %s is already registered", j.Name)
		}
	}
	a.jobs.list = append(a.jobs.list, j)
	return nil
}

// Jobs lists the registered jobs, registering the defaults on first use. A bad
// default schedule is logged and that job left out; Config validation should
// have caught it first.
func (a *App) Jobs() []Job {
	a.jobs.once.Do(func() {
		for _, j := range a.defaultJobs() {
			if err := a.addJob(j); err != nil {
				a.Log.Error("job not registered", "job", j.Name, "err", err)
			}
		}
	})
	a.jobs.mu.Lock()
	defer a.jobs.mu.Unlock()
	return append([]Job(nil), a.jobs.list...)
}

// FindJob finds a registered job by name.
func (a *App) FindJob(name string) (Job, bool) {
	for _, j := range a.Jobs() {
		if j.Name == name {
			return j, true
		}
	}
	return Job{}, false
}

// RunJob runs the named job now and records the run. trigger says who asked
// ("schedule", "start", "cli", "admin: name"); slot, for scheduled runs, is the
// scheduled minute, so replicas firing a moment apart still run it once.
// The returned error is about recording the run; the job's own failure is in
// the run's outcome.
func (a *App) RunJob(ctx context.Context, name, trigger string, slot *time.Time) (*models.JobRun, error) {
	j, ok := a.FindJob(name)
	if !ok {
		return nil, models.ErrNotFound
	}
	a.jobs.active.Add(1)
	defer a.jobs.active.Add(-1)
	release, locked, err := models.TryJobLock(ctx, a.DB, name)
	if err != nil {
		return nil, err
	}
	if !locked {
		return a.recordSkip(ctx, name, trigger, "already running in another process")
	}
	defer release()
	if slot != nil {
		taken, err := models.SlotTaken(ctx, a.DB, name, *slot)
		if err != nil {
			return nil, err
		}
		if taken {
			return a.recordSkip(ctx, name, trigger, "already run for this schedule by another process")
		}
	}
	now := a.Now()
	run, err := models.StartJobRun(ctx, a.DB, name, trigger, slot, now)
	if err != nil {
		return nil, err
	}
	summary, jerr := a.callJob(ctx, j, now)
	outcome, errText := models.OutcomeOK, ""
	var skip skipError
	switch {
	case errors.As(jerr, &skip):
		outcome, summary = models.OutcomeSkipped, skip.Error()
	case jerr != nil:
		outcome, errText = models.OutcomeFailed, jerr.Error()
		a.Log.Error("job failed", "job", name, "err", jerr)
	default:
		a.Log.Info("job done", "job", name, "summary", summary)
	}
	// Record the outcome even if the job's context was cancelled by shutdown.
	if err := models.FinishJobRun(context.WithoutCancel(ctx), a.DB, run, outcome, summary, errText, a.Now()); err != nil {
		return run, err
	}
	return run, nil
}

func (a *App) recordSkip(ctx context.Context, name, trigger, reason string) (*models.JobRun, error) {
	now := a.Now()
	run, err := models.StartJobRun(ctx, a.DB, name, trigger, nil, now)
	if err != nil {
		return nil, err
	}
	a.Log.Info("job skipped", "job", name, "reason", reason)
	return run, models.FinishJobRun(ctx, a.DB, run, models.OutcomeSkipped, "skipped: "+reason, "", now)
}

// callJob runs j, turning a panic into an error so one bad job cannot stop the
// scheduler or the others.
func (a *App) callJob(ctx context.Context, j Job, now time.Time) (summary string, err error) {
	defer func() {
		if r := recover(); r != nil {
			a.Log.Error("job panicked", "job", j.Name, "panic", r, "stack", string(debug.Stack()))
			err = fmt.Errorf("panic: %v", r)
		}
	}()
	return j.Run(ctx, now)
}

// StartJobs starts the scheduler in the configured time zone unless NoJobs is
// set, runs the jobs marked RunAtStart once, and returns a function that stops
// it, waiting a bounded time for running jobs.
func (a *App) StartJobs(ctx context.Context) (stop func()) {
	if a.Config.NoJobs {
		return func() {}
	}
	jobCtx, cancel := context.WithCancel(context.WithoutCancel(ctx))
	a.Cron = cron.New(cron.WithLocation(a.Config.Location()))
	for _, j := range a.Jobs() {
		if _, err := a.Cron.AddFunc(j.Schedule, a.scheduled(jobCtx, j.Name)); err != nil {
			a.Log.Error("job not scheduled", "job", j.Name, "schedule", j.Schedule, "err", err)
		}
	}
	a.Cron.Start()
	for _, j := range a.Jobs() {
		if j.RunAtStart {
			a.jobs.active.Add(1) // counted before it starts, so shutdown waits for it
			go func() {
				defer a.jobs.active.Add(-1)
				if _, err := a.RunJob(jobCtx, j.Name, "start", nil); err != nil {
					a.Log.Error("recording job run", "job", j.Name, "err", err)
				}
			}()
		}
	}
	return func() {
		a.Cron.Stop()
		if !a.waitIdle(shutdownGrace) {
			a.Log.Warn("a job is still running at shutdown; cancelling it")
			cancel()
			a.waitIdle(5 * time.Second)
		}
		cancel()
	}
}

// waitIdle waits up to d for running jobs to finish, reporting whether they did.
func (a *App) waitIdle(d time.Duration) bool {
	deadline := time.Now().Add(d)
	for a.jobs.active.Load() > 0 {
		if time.Now().After(deadline) {
			return false
		}
		time.Sleep(20 * time.Millisecond)
	}
	return true
}

// scheduled is the function cron calls for job name: it records the minute the
// run was scheduled for, which replicas agree on.
func (a *App) scheduled(ctx context.Context, name string) func() {
	return func() {
		slot := a.Now().In(a.Config.Location()).Truncate(time.Minute)
		if _, err := a.RunJob(ctx, name, "schedule", &slot); err != nil {
			a.Log.Error("recording job run", "job", name, "err", err)
		}
	}
}

// cronParse parses a job schedule the way the scheduler does.
func cronParse(spec string) (cron.Schedule, error) { return cron.ParseStandard(spec) }
