package app_test

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"sendboard/app/apptest"
	"sendboard/app/mailtest"
	"sendboard/models"
	"sendboard/models/jobrun"
	"sendboard/models/modeltest"
	"sendboard/models/round"
)

// TestSlowSMTPServerKeepsTheDeadline sends to a tarpit that answers each SMTP
// command after 1.5 s: the mail run ends at its 3 s deadline with the mail
// in flight recorded, no database transaction is open while the server
// stalls (PostgreSQL: no session "idle in transaction" for over a second, as
// a transaction spanning one slow SMTP step would be; both: another writer is
// not held up), and "Run now" answers at once while the run goes on.
func TestSlowSMTPServerKeepsTheDeadline(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	apptest.Each(t, func(t *testing.T, env *apptest.Env, d modeltest.DB) {
		tp := mailtest.StartTarpit(t, 1500*time.Millisecond)
		env.App.Config.Mail.SMTPURL = tp.URL()
		env.App.Config.Mail.RunDeadline = 3 * time.Second
		now := time.Now()
		mails := make([]round.Mail, 6)
		for i := range mails {
			mails[i] = round.Mail{Kind: round.MailRequest, ToAddr: fmt.Sprintf("lead%d@example.test", i), Subject: fmt.Sprintf("Mail %d", i),
				TextBody: "Text", HTMLBody: "<p>HTML</p>", Status: round.MailQueued, NextAttemptAt: now, CreatedAt: now}
		}
		if err := d.DB.Create(&mails).Error; err != nil {
			t.Fatal(err)
		}

		// Watch the database while the run talks to the tarpit.
		var idleInTx, slowWrites, samples atomic.Int64
		stop := make(chan struct{})
		var wg sync.WaitGroup
		wg.Add(1)
		go func() {
			defer wg.Done()
			for {
				select {
				case <-stop:
					return
				case <-time.After(100 * time.Millisecond):
				}
				samples.Add(1)
				if d.Name == "postgres" {
					var n int64
					d.DB.Raw("SELECT COUNT(*) FROM pg_stat_activity WHERE datname = current_database() AND state LIKE 'idle in transaction%' AND now() - xact_start > interval '1 second'").Scan(&n)
					idleInTx.Add(n)
				}
				start := time.Now()
				if err := d.DB.Exec("UPDATE plans SET name = name WHERE id = 0").Error; err != nil || time.Since(start) > time.Second {
					slowWrites.Add(1)
				}
			}
		}()
		start := time.Now()
		run, err := env.App.RunJob(ctx, "mail", "test", nil)
		took := time.Since(start)
		close(stop)
		wg.Wait()
		if err != nil {
			t.Fatal(err)
		}
		if took > 5*time.Second {
			t.Fatalf("the run took %s past its 3 s deadline", took)
		}
		if !strings.Contains(run.Summary, "stopped at the run's deadline") {
			t.Fatalf("run %s: %q %q", run.Outcome, run.Summary, run.Errors)
		}
		if samples.Load() < 10 || idleInTx.Load() != 0 || slowWrites.Load() != 0 {
			t.Fatalf("over %d samples: %d sessions idle in transaction, %d writes held up", samples.Load(), idleInTx.Load(), slowWrites.Load())
		}
		if n := outboxCount(t, d, "status = ?", round.MailSending); n != 0 {
			t.Fatalf("%d mails left sending after the deadline", n)
		}
		if n := outboxCount(t, d, "status = ? AND attempts = 1 AND maybe_duplicate = ?", round.MailQueued, true); n != 1 {
			t.Fatalf("%d mails recorded as cut off mid-send, want the one in flight", n)
		}
		if n := outboxCount(t, d, "status = ? AND attempts = 0", round.MailQueued); n != 5 {
			t.Fatalf("%d mails untouched, want 5 left for the next run", n)
		}

		// "Run now" answers at once; the page shows the run going, then its end.
		admin := env.SignIn(t, models.RoleAdmin)
		start = time.Now()
		rec := env.PostForm(admin, "/jobs/mail/run", url.Values{})
		if rec.Code != http.StatusSeeOther || time.Since(start) > time.Second {
			t.Fatalf("Run now: %d after %s", rec.Code, time.Since(start))
		}
		loc, _, _ := strings.Cut(rec.Header().Get("Location"), "#")
		if body := env.Get(admin, loc).Body.String(); !strings.Contains(body, "mail is running") {
			t.Fatalf("the page does not show the run going:\n%s", snippet(body))
		}
		deadline := time.Now().Add(10 * time.Second)
		for {
			body := env.Get(admin, loc).Body.String()
			if strings.Contains(body, "mail ran: ") {
				if !strings.Contains(body, "stopped at the run&#39;s deadline") {
					t.Errorf("the outcome does not say the deadline stopped it:\n%s", snippet(body))
				}
				break
			}
			if time.Now().After(deadline) {
				t.Fatal("the background run did not end")
			}
			time.Sleep(100 * time.Millisecond)
		}
		var running int64
		d.DB.Model(&jobrun.Run{}).Where("outcome = ?", jobrun.OutcomeRunning).Count(&running)
		if running != 0 {
			t.Fatalf("%d runs still recorded as running", running)
		}
	})
}
