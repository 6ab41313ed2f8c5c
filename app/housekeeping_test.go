package app_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"sendboard/app/apptest"
	"sendboard/app/mailtest"
	"sendboard/models"
	"sendboard/models/jobrun"
	"sendboard/models/modeltest"
	"sendboard/models/round"
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

// The housekeeping job deletes password links that can no longer be used
// and empties the bodies of emails sent over a day ago, which carry personal
// links; a live link and a body not yet a day old stay.
func TestHousekeepingClearsSpentLinksAndSentBodies(t *testing.T) {
	t.Parallel()
	apptest.Each(t, func(t *testing.T, env *apptest.Env, d modeltest.DB) {
		ctx := context.Background()
		srv := mailtest.Start(t)
		now := time.Date(2026, 12, 2, 3, 15, 0, 0, time.UTC)
		mailedApp(t, env, srv, &now)
		admin := env.SignIn(t, models.RoleAdmin)
		spent := env.SignIn(t, models.RoleLead, "DCO")
		live := env.SignIn(t, models.RoleViewer)
		// An invitation emailed 30 hours ago: its link lives a week, its body goes after a day.
		at := now.Add(-30 * time.Hour)
		env.App.Now = func() time.Time { return at }
		if err := env.App.ResendInvitation(ctx, admin.User, live.User); err != nil {
			t.Fatal(err)
		}
		if _, err := env.App.DeliverMail(ctx, at); err != nil {
			t.Fatal(err)
		}
		// Two resets by the admin 2 hours ago: the newer ends the older.
		at = now.Add(-2 * time.Hour)
		for range 2 {
			if err := env.App.ResetByAdmin(ctx, admin.User, spent.User); err != nil {
				t.Fatal(err)
			}
		}
		if _, err := env.App.DeliverMail(ctx, at); err != nil {
			t.Fatal(err)
		}
		env.App.Now = func() time.Time { return now }
		run, err := env.App.RunJob(ctx, "housekeeping", "test", nil)
		if err != nil || run.Outcome != jobrun.OutcomeOK {
			t.Fatalf("run: %+v %v", run, err)
		}
		if !strings.Contains(run.Summary, "1 spent password link; cleared the bodies of 1 sent email") {
			t.Errorf("summary %q", run.Summary)
		}
		var links []models.PasswordLink
		d.DB.Find(&links)
		if len(links) != 2 {
			t.Errorf("%d password links left, want the invitation and the newer reset", len(links))
		}
		var mails []round.Mail
		d.DB.Order("id").Find(&mails)
		if len(mails) != 3 || mails[0].TextBody != "" || mails[0].HTMLBody != "" || mails[1].TextBody == "" || mails[2].HTMLBody == "" {
			t.Errorf("bodies after housekeeping: %d mails", len(mails))
		}
		for _, m := range mails {
			if m.Subject == "" || m.ToAddr == "" || m.Status != round.MailSent {
				t.Errorf("the envelope of mail %d went: %+v", m.ID, m)
			}
		}
	})
}
