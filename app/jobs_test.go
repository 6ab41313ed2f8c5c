package app_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"sendboard/app"
	"sendboard/app/apptest"
	"sendboard/app/jobs"
	"sendboard/models"
	"sendboard/models/jobrun"
	"sendboard/models/modeltest"
)

// The application's own jobs are registered and run through its runner: the
// flag job raises the seeded plan's flags, the feed without a source skips.
func TestDefaultJobsRun(t *testing.T) {
	t.Parallel()
	apptest.Each(t, func(t *testing.T, env *apptest.Env, d modeltest.DB) {
		a := env.App
		ctx := context.Background()
		cases := []struct{ job, outcome, summary string }{
			{jobs.NameKPIPull, jobrun.OutcomeSkipped, "skipped: not configured (set SENDIASS_FEED_URL)"},
			{jobs.NameFlagOverdue, jobrun.OutcomeOK, "flags raised"},
		}
		for _, c := range cases {
			run, err := a.RunJob(ctx, c.job, "test", nil)
			if err != nil {
				t.Fatalf("%s: %v", c.job, err)
			}
			if run.Outcome != c.outcome || !strings.Contains(run.Summary, c.summary) || run.FinishedAt == nil {
				t.Errorf("%s: run %+v, want %s %q", c.job, run, c.outcome, c.summary)
			}
		}
		runs, _ := jobrun.List(ctx, d.DB, "", 50)
		// Today every not-started action of the seeded plan is overdue to initiate.
		if len(runs) != len(cases) || runs[0].Job != jobs.NameFlagOverdue || !strings.Contains(runs[0].Summary, "overdue_initiation +12 ") {
			t.Fatalf("runs %+v", runs)
		}
		var open int64
		d.DB.Model(&models.Flag{}).Where("kind = ? AND resolved_at IS NULL", models.FlagOverdueInitiation).Count(&open)
		if open != 12 {
			t.Fatalf("%d open overdue initiation flags, want 12", open)
		}
		var names []string
		for _, j := range a.Runner().Jobs() {
			names = append(names, j.Name)
		}
		if got := strings.Join(names, " "); got != "flag-overdue kpi-pull packs housekeeping reminders mail" {
			t.Fatalf("registered jobs: %s", got)
		}
	})
}

func TestStartJobsRunsFlagsAtStartAndStops(t *testing.T) {
	t.Parallel()
	env := apptest.SQLite(t)
	d := env.DB
	a := env.App
	a.Config.NoJobs = false
	stop := a.StartJobs(context.Background())
	deadline := time.Now().Add(10 * time.Second)
	var runs []jobrun.Run
	for time.Now().Before(deadline) {
		runs, _ = jobrun.List(context.Background(), d.DB, jobs.NameFlagOverdue, 5)
		if len(runs) == 1 && runs[0].Outcome != jobrun.OutcomeRunning {
			break
		}
		time.Sleep(20 * time.Millisecond)
	}
	stop()
	if len(runs) != 1 || runs[0].Outcome != jobrun.OutcomeOK || runs[0].TriggeredBy != "start" {
		t.Fatalf("runs at start: %+v", runs)
	}
	if n := a.Runner().Scheduled(); n != len(a.Runner().Jobs()) || n < 2 {
		t.Fatalf("scheduled %d entries for %d jobs", n, len(a.Runner().Jobs()))
	}
}

func TestBadScheduleIsNamed(t *testing.T) {
	t.Parallel()
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
