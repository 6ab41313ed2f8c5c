package app

import (
	"context"
	"fmt"
	"time"

	"sendboard/models"
)

// JobHousekeeping names the daily clean-up job.
const JobHousekeeping = "housekeeping"

// housekeepingJob deletes what only grows: sign-in throttle rows whose window
// and lock are over, and sessions past their expiry.
func (a *App) housekeepingJob() Job {
	return Job{Name: JobHousekeeping, Schedule: a.Config.HousekeepingSchedule,
		Run: func(ctx context.Context, now time.Time) (string, error) {
			window := max(models.AccountThrottle.Window, models.AddressThrottle.Window)
			throttles, err := models.PurgeThrottles(ctx, a.DB, window, now)
			if err != nil {
				return "", err
			}
			sessions, err := models.PurgeExpiredSessions(ctx, a.DB, now)
			if err != nil {
				return "", err
			}
			return fmt.Sprintf("removed %d stale sign-in throttle %s and %d expired %s",
				throttles, pluralWord(int(throttles), "row", "rows"), sessions, pluralWord(int(sessions), "session", "sessions")), nil
		}}
}
