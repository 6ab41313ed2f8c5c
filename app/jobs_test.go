package app_test

import (
	"context"
	"errors"
	"io"
	"log/slog"
	"strings"
	"sync"
	"testing"
	"time"

	"gorm.io/driver/postgres"
	"gorm.io/gorm"
	"gorm.io/gorm/logger"

	"sendboard/app"
	"sendboard/app/apptest"
	"sendboard/models"
	"sendboard/models/modeltest"
)

func TestRunJobRecordsEveryOutcome(t *testing.T) {
	modeltest.Each(t, func(t *testing.T, d modeltest.DB) {
		env := apptest.New(t, d)
		a := env.App
		ctx := context.Background()
		must := func(err error) {
			if err != nil {
				t.Fatal(err)
			}
		}
		must(a.RegisterJob(app.Job{Name: "boom", Schedule: "@daily", Run: func(context.Context, time.Time) (string, error) { panic("kaboom") }}))
		must(a.RegisterJob(app.Job{Name: "fail", Schedule: "@daily", Run: func(context.Context, time.Time) (string, error) { return "", errors.New("disk full") }}))
		must(a.RegisterJob(app.Job{Name: "idle", Schedule: "@daily", Run: func(context.Context, time.Time) (string, error) { return "", app.Skip("nothing due") }}))
		if err := a.RegisterJob(app.Job{Name: "boom", Schedule: "@daily", Run: func(context.Context, time.Time) (string, error) { return "", nil }}); err == nil {
			t.Fatal("a second job named boom was registered")
		}
		if err := a.RegisterJob(app.Job{Name: "bad", Schedule: "every tuesday", Run: func(context.Context, time.Time) (string, error) { return "", nil }}); err == nil {
			t.Fatal("a bad schedule was accepted")
		}
		cases := []struct{ job, outcome, summary, errs string }{
			{"boom", models.OutcomeFailed, "", "panic: kaboom"},
			{"fail", models.OutcomeFailed, "", "disk full"},
			{"idle", models.OutcomeSkipped, "skipped: nothing due", ""},
			{"kpi-pull", models.OutcomeSkipped, "skipped: not configured (set SENDIASS_FEED_URL)", ""},
			{"flag-overdue", models.OutcomeOK, "flags raised", ""},
		}
		for _, c := range cases {
			run, err := a.RunJob(ctx, c.job, "test", nil)
			if err != nil {
				t.Fatalf("%s: %v", c.job, err)
			}
			if run.Outcome != c.outcome || !strings.Contains(run.Summary, c.summary) || !strings.Contains(run.Errors, c.errs) || run.FinishedAt == nil {
				t.Errorf("%s: run %+v, want %s %q %q", c.job, run, c.outcome, c.summary, c.errs)
			}
		}
		if _, err := a.RunJob(ctx, "nope", "test", nil); !errors.Is(err, models.ErrNotFound) {
			t.Fatalf("unknown job: %v", err)
		}
		runs, _ := models.ListJobRuns(ctx, d.DB, "", 50)
		if len(runs) != len(cases) {
			t.Fatalf("%d runs recorded, want %d", len(runs), len(cases))
		}
		// Today every not-started action of the seeded plan is overdue to initiate.
		if runs[0].Job != "flag-overdue" || !strings.Contains(runs[0].Summary, "overdue_initiation +12 ") {
			t.Fatalf("newest run %+v", runs[0])
		}
		counts, _ := models.OpenFlagCounts(ctx, d.DB)
		if counts[models.FlagOverdueInitiation] != 12 {
			t.Fatalf("open flags %v, want 12 overdue initiations", counts)
		}
	})
}

// replica is a second application on the same database through its own
// connection pool, as another process would have.
func replica(t *testing.T, d modeltest.DB) *app.App {
	t.Helper()
	db, err := gorm.Open(postgres.Open(d.DSN), &gorm.Config{Logger: logger.Discard, TranslateError: true})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s, _ := db.DB(); s.Close() })
	cfg := app.Defaults()
	return &app.App{Config: cfg, DB: db, Log: slog.New(slog.NewTextHandler(io.Discard, nil)), Now: time.Now}
}

// TestTwoReplicasRunAScheduleOnce fires the same job on two applications on one
// PostgreSQL at the same moment: one runs it, the other records skipped.
func TestTwoReplicasRunAScheduleOnce(t *testing.T) {
	d := modeltest.Postgres(t)
	env := apptest.New(t, d)
	apps := []*app.App{env.App, replica(t, d)}
	ctx := context.Background()

	fire := func(job string, slot *time.Time) []*models.JobRun {
		runs := make([]*models.JobRun, len(apps))
		var wg sync.WaitGroup
		start := make(chan struct{})
		for i, a := range apps {
			wg.Go(func() {
				<-start
				r, err := a.RunJob(ctx, job, "schedule", slot)
				if err != nil {
					t.Error(err)
				}
				runs[i] = r
			})
		}
		close(start)
		wg.Wait()
		return runs
	}
	outcomes := func(runs []*models.JobRun) map[string]int {
		m := map[string]int{}
		for _, r := range runs {
			if r != nil {
				m[r.Outcome]++
			}
		}
		return m
	}

	// A job slow enough that the two runs overlap: the advisory lock decides.
	for _, a := range apps {
		if err := a.RegisterJob(app.Job{Name: "slow", Schedule: "@daily", Run: func(ctx context.Context, now time.Time) (string, error) {
			time.Sleep(300 * time.Millisecond)
			return "done", nil
		}}); err != nil {
			t.Fatal(err)
		}
	}
	if got := outcomes(fire("slow", nil)); got[models.OutcomeOK] != 1 || got[models.OutcomeSkipped] != 1 {
		t.Fatalf("overlapping runs: %v, want one ok and one skipped", got)
	}

	// The real flag job for one scheduled minute: whichever way they interleave
	// (lock held, or slot already taken), it runs once.
	slot := time.Date(2026, 11, 23, 6, 0, 0, 0, time.UTC)
	if got := outcomes(fire(app.JobFlagOverdue, &slot)); got[models.OutcomeOK] != 1 || got[models.OutcomeSkipped] != 1 {
		t.Fatalf("same slot: %v, want one ok and one skipped", got)
	}
	// A replica whose clock fires later in the same minute finds the slot taken.
	late, err := apps[1].RunJob(ctx, app.JobFlagOverdue, "schedule", &slot)
	if err != nil || late.Outcome != models.OutcomeSkipped {
		t.Fatalf("late replica: %+v %v", late, err)
	}
	var flags int64
	d.DB.Model(&models.Flag{}).Count(&flags)
	if flags == 0 {
		t.Fatal("the flag job did not run at all")
	}
}

func TestStartJobsRunsFlagsAtStartAndStops(t *testing.T) {
	d := modeltest.SQLite(t)
	env := apptest.New(t, d)
	a := env.App
	a.Config.NoJobs = false
	stop := a.StartJobs(context.Background())
	deadline := time.Now().Add(10 * time.Second)
	var runs []models.JobRun
	for time.Now().Before(deadline) {
		runs, _ = models.ListJobRuns(context.Background(), d.DB, app.JobFlagOverdue, 5)
		if len(runs) == 1 && runs[0].Outcome != models.OutcomeRunning {
			break
		}
		time.Sleep(20 * time.Millisecond)
	}
	stop()
	if len(runs) != 1 || runs[0].Outcome != models.OutcomeOK || runs[0].TriggeredBy != "start" {
		t.Fatalf("runs at start: %+v", runs)
	}
	if n := len(a.Cron.Entries()); n != len(a.Jobs()) || n < 2 {
		t.Fatalf("scheduled %d entries for %d jobs", n, len(a.Jobs()))
	}
}

func TestBadScheduleIsNamed(t *testing.T) {
	_, err := app.Defaults().FromEnv(func(k string) string {
		if k == "SENDBOARD_KPI_SCHEDULE" {
			return "half past six"
		}
		return ""
	})
	if err == nil || !strings.Contains(err.Error(), "SENDBOARD_KPI_SCHEDULE") {
		t.Fatalf("got %v, want an error naming SENDBOARD_KPI_SCHEDULE", err)
	}
}
