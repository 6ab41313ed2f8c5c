package app_test

import (
	"context"
	"net/http"
	"net/url"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"sendboard/app/apptest"
	"sendboard/app/mailtest"
	"sendboard/models"
	"sendboard/models/modeltest"
	"sendboard/models/round"
)

const testBaseURL = "https://sendboard.example.test"

// roundEnv is a seeded app whose mail goes to a real SMTP server, with a
// pinned clock.
type roundEnv struct {
	*apptest.Env
	SMTP *mailtest.Server
	now  time.Time
}

func newRoundEnv(t *testing.T, env *apptest.Env, now time.Time) *roundEnv {
	t.Helper()
	srv := mailtest.Start(t)
	env.App.Config.Mail.SMTPURL = srv.URL()
	env.App.Config.Mail.BaseURL = testBaseURL
	r := &roundEnv{Env: env, SMTP: srv, now: now}
	env.App.Now = func() time.Time { return r.now }
	return r
}

// boardLeads returns lead roles with actions the board monitors (not complete
// and signed off), each with its action numbers, and one lead role with none.
func boardLeads(t *testing.T, d modeltest.DB, boardSlug string) (map[string][]string, string) {
	t.Helper()
	var rows []struct{ Lead, Number string }
	err := d.DB.Table("actions a").Select("l.name AS lead, a.number").
		Joins("JOIN leads l ON l.id = a.lead_id").
		Joins("JOIN action_boards ab ON ab.action_id = a.id JOIN boards b ON b.id = ab.board_id").
		Where("b.slug = ? AND NOT (a.status = 'complete' AND a.signed_off_at IS NOT NULL)", boardSlug).
		Order("a.major, a.minor").Scan(&rows).Error
	if err != nil || len(rows) == 0 {
		t.Fatalf("board leads: %v (%d rows)", err, len(rows))
	}
	out := map[string][]string{}
	for _, r := range rows {
		out[r.Lead] = append(out[r.Lead], r.Number)
	}
	var all []string
	d.DB.Model(&models.Lead{}).Order("name").Pluck("name", &all)
	for _, l := range all {
		if _, ok := out[l]; !ok {
			return out, l
		}
	}
	t.Fatal("every lead has an action on the board")
	return nil, ""
}

// twoLeads picks two lead roles of the board, the one with fewer actions first.
func twoLeads(leads map[string][]string) (string, string) {
	names := make([]string, 0, len(leads))
	for n := range leads {
		names = append(names, n)
	}
	slices.SortFunc(names, func(a, b string) int {
		if d := len(leads[a]) - len(leads[b]); d != 0 {
			return d
		}
		return strings.Compare(a, b)
	})
	return names[0], names[1]
}

func outboxCount(t *testing.T, d modeltest.DB, where string, args ...any) int64 {
	t.Helper()
	var n int64
	if err := d.DB.Model(&round.Mail{}).Where(where, args...).Count(&n).Error; err != nil {
		t.Fatal(err)
	}
	return n
}

func TestRoundRequestsReachLeadsBySMTP(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	apptest.Each(t, func(t *testing.T, base *apptest.Env, d modeltest.DB) {
		env := newRoundEnv(t, base, time.Date(2026, 12, 1, 9, 0, 0, 0, time.UTC))
		leads, outsider := boardLeads(t, d, "send-improvement-board")
		l1, l2 := twoLeads(leads)
		leadA := env.SignIn(t, models.RoleLead, l1)
		leadB := env.SignIn(t, models.RoleLead, l2)
		env.SignIn(t, models.RoleLead, outsider) // no action in scope: no email
		chair := env.SignInBoard(t, "SEND Improvement Board")

		rec := env.PostForm(chair, "/rounds", url.Values{"board": {"send-improvement-board"},
			"due-day": {"15"}, "due-month": {"12"}, "due-year": {"2026"},
			"meeting-day": {"22"}, "meeting-month": {"12"}, "meeting-year": {"2026"},
			"message": {"Please update before the December board."}})
		if rec.Code != http.StatusSeeOther || !strings.HasPrefix(rec.Header().Get("Location"), "/rounds/") {
			t.Fatalf("open round: %d %s", rec.Code, snippet(rec.Body.String()))
		}
		if got := outboxCount(t, d, "status = ? AND kind = ?", round.MailQueued, round.MailRequest); got != 2 {
			t.Fatalf("%d requests queued, want 2 (one per lead user with actions in scope)", got)
		}
		if len(env.SMTP.Messages()) != 0 {
			t.Fatal("mail was sent before the mail job ran")
		}
		summary, err := env.App.DeliverMail(ctx, env.now)
		if err != nil || summary != "2 sent, 0 to retry, 0 failed" {
			t.Fatalf("deliver: %q, %v", summary, err)
		}
		msgs := env.SMTP.Messages()
		if len(msgs) != 2 {
			t.Fatalf("%d messages reached the server, want 2", len(msgs))
		}
		for _, who := range []struct {
			c    *apptest.Client
			lead string
		}{{leadA, l1}, {leadB, l2}} {
			i := slices.IndexFunc(msgs, func(m mailtest.Message) bool { return slices.Contains(m.To, who.c.User.Email) })
			if i < 0 {
				t.Fatalf("no email to %s", who.c.User.Email)
			}
			m := msgs[i]
			if m.Subject() != "Update needed by 15 December 2026: SEND Improvement Board" {
				t.Errorf("subject %q", m.Subject())
			}
			if !strings.Contains(m.Text, "by 15 December 2026, ahead of its meeting on 22 December 2026") ||
				!strings.Contains(m.Text, "Please update before the December board.") {
				t.Errorf("the text does not give the due date, meeting and message:\n%s", m.Text)
			}
			for _, n := range leads[who.lead] {
				// Each action links to its form through the lead's personal link.
				link := regexp.MustCompile(regexp.QuoteMeta(testBaseURL) + `/answer/sba_[A-Za-z0-9_-]+\?a=` + regexp.QuoteMeta(n) + `\b`).FindString(m.Text)
				if !strings.Contains(m.Text, "* "+n+": ") || link == "" || !strings.Contains(m.HTML, `href="`+link+`"`) {
					t.Errorf("the email to %s does not list action %s with its link", who.lead, n)
				}
			}
			for lead, numbers := range leads {
				if lead == who.lead {
					continue
				}
				for _, n := range numbers {
					if strings.Contains(m.Text, "?a="+n+"\n") {
						t.Errorf("the email to %s lists %s, led by %s", who.lead, n, lead)
					}
				}
			}
			if m.Header.Get("List-Unsubscribe") != "" {
				t.Error("a request carries List-Unsubscribe; only digests may")
			}
			if strings.Contains(m.HTML, "<img") {
				t.Error("the HTML part has an image (no tracking pixels)")
			}
			if !strings.Contains(m.Text, "Status: ") || !strings.Contains(m.Text, "RAG: ") {
				t.Error("the listed actions lack their status and RAG")
			}
		}
		if got := outboxCount(t, d, "status = ? AND last_reply <> ''", round.MailSent); got != 2 {
			t.Errorf("%d mails recorded as sent with the server's reply, want 2", got)
		}
		if summary, _ := env.App.DeliverMail(ctx, env.now.Add(time.Minute)); summary != "nothing to do" || len(env.SMTP.Messages()) != 2 {
			t.Errorf("a second run sent again: %q, %d messages", summary, len(env.SMTP.Messages()))
		}
	})
}

func TestOutboxSurvivesSMTPOutage(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	apptest.Each(t, func(t *testing.T, base *apptest.Env, d modeltest.DB) {
		env := newRoundEnv(t, base, time.Date(2026, 12, 1, 9, 0, 0, 0, time.UTC))
		leads, _ := boardLeads(t, d, "send-improvement-board")
		l1, l2 := twoLeads(leads)
		env.SignIn(t, models.RoleLead, l1)
		env.SignIn(t, models.RoleLead, l2)
		admin := env.SignIn(t, models.RoleAdmin)
		if _, n, err := env.App.OpenRound(ctx, admin.User, round.Input{Board: "SEND Improvement Board", Due: "2026-12-15"}); err != nil || n != 2 {
			t.Fatalf("open: %d requests, %v", n, err)
		}
		env.SMTP.Stop()
		if _, err := env.App.DeliverMail(ctx, env.now); err == nil {
			t.Fatal("delivery with the server down reported success")
		}
		if got := outboxCount(t, d, "status = ? AND attempts = 1 AND last_reply LIKE ?", round.MailQueued, "%could not reach%"); got != 2 {
			t.Fatalf("%d mails waiting after the outage with the reason recorded, want 2", got)
		}
		env.SMTP.Restart(t)
		if summary, _ := env.App.DeliverMail(ctx, env.now.Add(time.Minute)); summary != "nothing to do" {
			t.Errorf("mail retried before its backoff: %q", summary)
		}
		if summary, err := env.App.DeliverMail(ctx, env.now.Add(6*time.Minute)); err != nil || summary != "2 sent, 0 to retry, 0 failed" {
			t.Fatalf("after the server came back: %q, %v", summary, err)
		}
		env.App.DeliverMail(ctx, env.now.Add(time.Hour))
		if n := len(env.SMTP.Messages()); n != 2 {
			t.Fatalf("%d messages, want each of the 2 exactly once", n)
		}
		// Four more failures mark a mail failed; an admin can resend it.
		env.SMTP.Stop()
		var m round.Mail
		d.DB.Order("id").First(&m)
		d.DB.Model(&m).Updates(map[string]any{"status": round.MailQueued, "attempts": 0})
		at := env.now.Add(2 * time.Hour)
		for i := range round.MaxMailAttempts {
			env.App.DeliverMail(ctx, at)
			at = at.Add(24 * time.Hour)
			if i < round.MaxMailAttempts-1 && outboxCount(t, d, "id = ? AND status = ?", m.ID, round.MailQueued) != 1 {
				t.Fatalf("the mail gave up after %d tries", i+1)
			}
		}
		if outboxCount(t, d, "id = ? AND status = ? AND attempts = ?", m.ID, round.MailFailed, round.MaxMailAttempts) != 1 {
			t.Fatal("the mail is not marked failed after 5 tries")
		}
		env.SMTP.Restart(t)
		rec := env.PostForm(admin, "/outbox/"+itoa(m.ID)+"/resend", nil)
		if rec.Code != http.StatusSeeOther {
			t.Fatalf("resend: %d", rec.Code)
		}
		if summary, _ := env.App.DeliverMail(ctx, env.now); !strings.HasPrefix(summary, "1 sent") {
			t.Fatalf("after resend: %q", summary)
		}
	})
}
