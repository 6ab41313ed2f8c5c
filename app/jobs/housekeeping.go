package jobs

import (
	"context"
	"fmt"
	"time"

	"gorm.io/gorm"

	"sendboard/models"
	"sendboard/models/planimport"
	"sendboard/models/round"
)

// Housekeeping deletes what only grows: sign-in throttle rows whose window
// and lock are over, sessions past their expiry, plan import uploads whose
// day is over, the one-use tokens of "Open round" forms once they are a
// week old, emailed answer links past their time, password links that can
// no longer be used, and the bodies of emails sent a day ago (they carry
// those links).
func Housekeeping(db *gorm.DB, schedule string) Job {
	return Job{Name: NameHousekeeping, Schedule: schedule,
		Run: func(ctx context.Context, now time.Time) (string, error) {
			window := max(models.AccountThrottle.Window, models.AddressThrottle.Window)
			throttles, err := models.PurgeThrottles(ctx, db, window, now)
			if err != nil {
				return "", err
			}
			sessions, err := models.PurgeExpiredSessions(ctx, db, now)
			if err != nil {
				return "", err
			}
			uploads, err := planimport.PurgeExpiredUploads(ctx, db, now)
			if err != nil {
				return "", err
			}
			tokens, err := round.DeleteOldFormTokens(ctx, db, now)
			if err != nil {
				return "", err
			}
			links, err := round.PurgeExpiredAnswerLinks(ctx, db, now)
			if err != nil {
				return "", err
			}
			pwLinks, err := models.PurgeSpentPasswordLinks(ctx, db, now)
			if err != nil {
				return "", err
			}
			bodies, err := round.ClearSentBodies(ctx, db, now)
			if err != nil {
				return "", err
			}
			return fmt.Sprintf("removed %d stale sign-in throttle %s, %d expired %s and %d expired plan %s; %d old round form %s; %d expired emailed %s; "+
				"%d spent password %s; cleared the bodies of %d sent %s",
				throttles, plural(throttles, "row", "rows"), sessions, plural(sessions, "session", "sessions"),
				uploads, plural(uploads, "upload", "uploads"), tokens, plural(tokens, "token", "tokens"),
				links, plural(links, "link", "links"), pwLinks, plural(pwLinks, "link", "links"),
				bodies, plural(bodies, "email", "emails")), nil
		}}
}

func plural(n int64, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}
