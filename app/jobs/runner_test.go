package jobs_test

import (
	"context"
	"errors"
	"log/slog"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"gorm.io/driver/postgres"
	"gorm.io/gorm"
	"gorm.io/gorm/logger"

	"sendboard/app/jobs"
	"sendboard/models"
	"sendboard/models/jobrun"
	"sendboard/models/modeltest"
)

func runner(db *gorm.DB) *jobs.Runner {
	return &jobs.Runner{DB: db, Log: slog.New(slog.DiscardHandler), Now: time.Now,
		Location: func() *time.Location { return time.UTC }}
}

func job(name string, run func(context.Context, time.Time) (string, error)) jobs.Job {
	return jobs.Job{Name: name, Schedule: "@daily", Run: run}
}

func TestRunRecordsEveryOutcome(t *testing.T) {
	t.Parallel()
	modeltest.Each(t, func(t *testing.T, d modeltest.DB) {
		r := runner(d.DB)
		ctx := context.Background()
		must := func(err error) {
			if err != nil {
				t.Fatal(err)
			}
		}
		must(r.Register(job("boom", func(context.Context, time.Time) (string, error) { panic("kaboom") })))
		must(r.Register(job("fail", func(context.Context, time.Time) (string, error) { return "", errors.New("disk full") })))
		must(r.Register(job("idle", func(context.Context, time.Time) (string, error) { return "", jobs.Skip("nothing due") })))
		must(r.Register(job("fine", func(context.Context, time.Time) (string, error) { return "3 things done", nil })))
		if err := r.Register(job("boom", func(context.Context, time.Time) (string, error) { return "", nil })); err == nil {
			t.Fatal("a second job named boom was registered")
		}
		bad := job("bad", func(context.Context, time.Time) (string, error) { return "", nil })
		bad.Schedule = "every tuesday"
		if err := r.Register(bad); err == nil {
			t.Fatal("a bad schedule was accepted")
		}
		cases := []struct{ job, outcome, summary, errs string }{
			{"boom", jobrun.OutcomeFailed, "", "panic: kaboom"},
			{"fail", jobrun.OutcomeFailed, "", "disk full"},
			{"idle", jobrun.OutcomeSkipped, "skipped: nothing due", ""},
			{"fine", jobrun.OutcomeOK, "3 things done", ""},
		}
		for _, c := range cases {
			run, err := r.Run(ctx, c.job, "test", nil)
			if err != nil {
				t.Fatalf("%s: %v", c.job, err)
			}
			if run.Outcome != c.outcome || !strings.Contains(run.Summary, c.summary) || !strings.Contains(run.Errors, c.errs) || run.FinishedAt == nil {
				t.Errorf("%s: run %+v, want %s %q %q", c.job, run, c.outcome, c.summary, c.errs)
			}
		}
		if _, err := r.Run(ctx, "nope", "test", nil); !errors.Is(err, models.ErrNotFound) {
			t.Fatalf("unknown job: %v", err)
		}
		runs, _ := jobrun.List(ctx, d.DB, "", 50)
		if len(runs) != len(cases) || runs[0].Job != "fine" {
			t.Fatalf("%d runs recorded, newest %+v; want %d", len(runs), runs[0], len(cases))
		}
	})
}

// replica is a second runner on the same database through its own connection
// pool, as another process would have.
func replica(t *testing.T, d modeltest.DB) *jobs.Runner {
	t.Helper()
	db, err := gorm.Open(postgres.Open(d.DSN), &gorm.Config{Logger: logger.Discard, TranslateError: true})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s, _ := db.DB(); s.Close() })
	return runner(db)
}

// TestTwoReplicasRunAScheduleOnce fires the same job on two runners on one
// PostgreSQL at the same moment: one runs it, the other records skipped.
func TestTwoReplicasRunAScheduleOnce(t *testing.T) {
	t.Parallel()
	d := modeltest.Postgres(t)
	runners := []*jobs.Runner{runner(d.DB), replica(t, d)}
	ctx := context.Background()

	fire := func(name string, slot *time.Time) []*jobrun.Run {
		runs := make([]*jobrun.Run, len(runners))
		var wg sync.WaitGroup
		start := make(chan struct{})
		for i, r := range runners {
			wg.Go(func() {
				<-start
				run, err := r.Run(ctx, name, "schedule", slot)
				if err != nil {
					t.Error(err)
				}
				runs[i] = run
			})
		}
		close(start)
		wg.Wait()
		return runs
	}
	outcomes := func(runs []*jobrun.Run) map[string]int {
		m := map[string]int{}
		for _, r := range runs {
			if r != nil {
				m[r.Outcome]++
			}
		}
		return m
	}

	// A job slow enough that the two runs overlap: the advisory lock decides.
	// A quick one for a scheduled minute: whichever way the two interleave
	// (lock held, or slot already taken), it runs once.
	var quick atomic.Int32
	for _, r := range runners {
		if err := r.Register(job("slow", func(ctx context.Context, now time.Time) (string, error) {
			time.Sleep(300 * time.Millisecond)
			return "done", nil
		})); err != nil {
			t.Fatal(err)
		}
		if err := r.Register(job("quick", func(ctx context.Context, now time.Time) (string, error) {
			quick.Add(1)
			return "done", nil
		})); err != nil {
			t.Fatal(err)
		}
	}
	if got := outcomes(fire("slow", nil)); got[jobrun.OutcomeOK] != 1 || got[jobrun.OutcomeSkipped] != 1 {
		t.Fatalf("overlapping runs: %v, want one ok and one skipped", got)
	}
	slot := time.Date(2026, 11, 23, 6, 0, 0, 0, time.UTC)
	if got := outcomes(fire("quick", &slot)); got[jobrun.OutcomeOK] != 1 || got[jobrun.OutcomeSkipped] != 1 {
		t.Fatalf("same slot: %v, want one ok and one skipped", got)
	}
	// A replica whose clock fires later in the same minute finds the slot taken.
	late, err := runners[1].Run(ctx, "quick", "schedule", &slot)
	if err != nil || late.Outcome != jobrun.OutcomeSkipped {
		t.Fatalf("late replica: %+v %v", late, err)
	}
	if n := quick.Load(); n != 1 {
		t.Fatalf("the scheduled job ran %d times, want once", n)
	}
}

func TestStartRunsAtStartAndStops(t *testing.T) {
	t.Parallel()
	d := modeltest.SQLite(t)
	r := runner(d.DB)
	for _, j := range []jobs.Job{
		{Name: "eager", Schedule: "@daily", RunAtStart: true, Run: func(context.Context, time.Time) (string, error) { return "ran", nil }},
		{Name: "lazy", Schedule: "@daily", Run: func(context.Context, time.Time) (string, error) { return "ran", nil }},
	} {
		if err := r.Register(j); err != nil {
			t.Fatal(err)
		}
	}
	if _, ok := r.Next(r.Jobs()[0]); ok || r.Scheduled() != 0 {
		t.Fatal("a runner that has not started reports a schedule")
	}
	stop := r.Start(context.Background())
	deadline := time.Now().Add(10 * time.Second)
	var runs []jobrun.Run
	for time.Now().Before(deadline) {
		runs, _ = jobrun.List(context.Background(), d.DB, "", 5)
		if len(runs) == 1 && runs[0].Outcome != jobrun.OutcomeRunning {
			break
		}
		time.Sleep(20 * time.Millisecond)
	}
	stop()
	if len(runs) != 1 || runs[0].Job != "eager" || runs[0].Outcome != jobrun.OutcomeOK || runs[0].TriggeredBy != "start" {
		t.Fatalf("runs at start: %+v", runs)
	}
	if n := r.Scheduled(); n != 2 {
		t.Fatalf("scheduled %d entries for 2 jobs", n)
	}
	if next, ok := r.Next(r.Jobs()[0]); !ok || !next.After(time.Now()) {
		t.Fatalf("next run %s, %v", next, ok)
	}
}

// TestMain drops the databases and templates the package's tests made (see modeltest.Main).
func TestMain(m *testing.M) { modeltest.Main(m) }
