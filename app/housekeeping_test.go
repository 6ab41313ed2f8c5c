package app_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"sendboard/app/apptest"
	"sendboard/models"
	"sendboard/models/jobrun"
	"sendboard/models/modeltest"
)

// The daily housekeeping job deletes stale throttle rows and expired sessions
// and keeps live ones.
func TestHousekeepingPurgesStaleThrottlesAndExpiredSessions(t *testing.T) {
	t.Parallel()
	apptest.Each(t, func(t *testing.T, env *apptest.Env, d modeltest.DB) {
		ctx := context.Background()
		now := time.Date(2026, 12, 2, 3, 15, 0, 0, time.UTC)
		env.App.Now = func() time.Time { return now }
		u := env.SignIn(t, models.RoleViewer)
		if _, err := models.CreateSession(ctx, d.DB, u.User.ID, "", now.Add(-10*time.Hour), 8*time.Hour); err != nil {
			t.Fatal(err)
		}
		live, _ := models.CreateSession(ctx, d.DB, u.User.ID, "", now.Add(-time.Hour), 8*time.Hour)
		for _, at := range []time.Time{now.Add(-time.Hour), now.Add(-2 * time.Hour)} {
			models.Attempt(ctx, d.DB, "email:"+at.Format("15")+"@example.test", models.AccountThrottle, at)
		}
		models.Attempt(ctx, d.DB, "email:recent@example.test", models.AccountThrottle, now.Add(-time.Minute))
		if _, ok := env.App.FindJob("housekeeping"); !ok {
			t.Fatal("no housekeeping job registered")
		}
		run, err := env.App.RunJob(ctx, "housekeeping", "test", nil)
		if err != nil || run.Outcome != jobrun.OutcomeOK {
			t.Fatalf("run: %+v %v", run, err)
		}
		if !strings.Contains(run.Summary, "removed 2 stale sign-in throttle rows, 1 expired session and 0 expired plan uploads") {
			t.Fatalf("summary %q", run.Summary)
		}
		if _, err := models.SessionUser(ctx, d.DB, live, now, 8*time.Hour); err != nil {
			t.Fatalf("the live session went: %v", err)
		}
		var throttles int64
		d.DB.Model(&models.LoginThrottle{}).Count(&throttles)
		if throttles != 1 {
			t.Fatalf("%d throttle rows left, want the recent one", throttles)
		}
	})
}
