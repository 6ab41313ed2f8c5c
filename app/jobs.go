package app

import (
	"context"

	"github.com/robfig/cron/v3"
)

// StartJobs starts the scheduler in the configured time zone unless NoJobs is
// set, and returns a function that stops it, waiting for a running job.
func (a *App) StartJobs(ctx context.Context) (stop func()) {
	if a.Config.NoJobs {
		return func() {}
	}
	a.Cron = cron.New(cron.WithLocation(a.Config.Location()))
	a.Cron.Start()
	return func() { <-a.Cron.Stop().Done() }
}
