package jobs_test

import (
	"context"
	"fmt"
	"testing"
	"time"

	"sendboard/app/jobs"
	"sendboard/models/jobrun"
	"sendboard/models/modeltest"
)

// TestRunInBackgroundAnswersAtOnceAndKeepsTheDeadline starts a job that
// would run for ever: the caller gets the run back at once, recorded as
// running with its progress, and the job's deadline ends it; a second start
// meanwhile is recorded as skipped.
func TestRunInBackgroundAnswersAtOnceAndKeepsTheDeadline(t *testing.T) {
	t.Parallel()
	modeltest.Each(t, func(t *testing.T, d modeltest.DB) {
		r := runner(d.DB)
		progressed := make(chan struct{})
		j := job("slow", func(ctx context.Context, _ time.Time) (string, error) {
			jobs.ReportProgress(ctx, "12 done so far")
			close(progressed)
			<-ctx.Done()
			return fmt.Sprintf("stopped: %v", context.Cause(ctx)), nil
		})
		j.Timeout = 700 * time.Millisecond
		if err := r.Register(j); err != nil {
			t.Fatal(err)
		}
		ctx := context.Background()
		start := time.Now()
		run, err := r.RunInBackground(ctx, "slow", "admin: test")
		if err != nil || run.Outcome != jobrun.OutcomeRunning || time.Since(start) > 500*time.Millisecond {
			t.Fatalf("start: %+v %v after %s", run, err, time.Since(start))
		}
		<-progressed
		got, err := jobrun.Find(ctx, d.DB, run.ID)
		if err != nil || got.Outcome != jobrun.OutcomeRunning || got.Summary != "12 done so far" {
			t.Fatalf("while running: %+v %v", got, err)
		}
		again, err := r.RunInBackground(ctx, "slow", "admin: test")
		if err != nil || again.Outcome != jobrun.OutcomeSkipped {
			t.Fatalf("a second start: %+v %v", again, err)
		}
		for {
			got, err = jobrun.Find(ctx, d.DB, run.ID)
			if err != nil {
				t.Fatal(err)
			}
			if got.Outcome != jobrun.OutcomeRunning {
				break
			}
			if time.Since(start) > 5*time.Second {
				t.Fatal("the deadline did not end the run")
			}
			time.Sleep(20 * time.Millisecond)
		}
		if got.Outcome != jobrun.OutcomeOK || got.Summary != "stopped: context deadline exceeded" || time.Since(start) < 700*time.Millisecond {
			t.Fatalf("after the deadline: %+v", got)
		}
	})
}
