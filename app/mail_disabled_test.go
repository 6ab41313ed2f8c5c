package app_test

import (
	"context"
	"net/http"
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

// TestDisabledPeopleGetNoMail: mail queued before its recipient was disabled
// is not sent (and says so), an admin cannot resend to them, resends are
// audited, and the escalation that would go to a disabled round owner is
// not queued.
func TestDisabledPeopleGetNoMail(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	apptest.Each(t, func(t *testing.T, base *apptest.Env, d modeltest.DB) {
		// Before the sessions' real-time expiry: the pages are asked as of now.
		env := newRoundEnv(t, base, time.Date(2026, 12, 1, 9, 0, 0, 0, time.UTC))
		leads, _ := boardLeads(t, d, "send-improvement-board")
		l1, l2 := twoLeads(leads)
		gone := env.SignIn(t, models.RoleLead, l1)
		stays := env.SignIn(t, models.RoleLead, l2)
		chair := env.SignInBoard(t, "SEND Improvement Board")
		admin := env.SignIn(t, models.RoleAdmin)
		if _, n, err := env.App.OpenRound(ctx, chair.User, round.Input{Board: "send-improvement-board", Due: "2027-01-05"}); err != nil || n != 2 {
			t.Fatalf("open: %d, %v", n, err)
		}
		disable := func(u *models.User) {
			t.Helper()
			if err := d.DB.Model(&models.User{}).Where("id = ?", u.ID).Update("disabled", true).Error; err != nil {
				t.Fatal(err)
			}
		}
		disable(gone.User)
		summary, err := env.App.DeliverMail(ctx, env.now)
		if err != nil || summary != "1 sent, 0 to retry, 0 failed, 1 not sent (account disabled)" {
			t.Fatalf("deliver: %q %v", summary, err)
		}
		msgs := env.SMTP.Messages()
		if len(msgs) != 1 || !slices.Contains(msgs[0].To, stays.User.Email) {
			t.Fatalf("the server got %d messages, want only the one to %s", len(msgs), stays.User.Email)
		}
		var notSent, sent round.Mail
		d.DB.Where("user_id = ?", gone.User.ID).Take(&notSent)
		d.DB.Where("user_id = ?", stays.User.ID).Take(&sent)
		if notSent.Status != round.MailFailed || notSent.LastReply != round.ReplyDisabled {
			t.Fatalf("the disabled lead's mail: %s %q", notSent.Status, notSent.LastReply)
		}
		if rec := env.Get(admin, "/outbox"); !strings.Contains(rec.Body.String(), round.ReplyDisabled) {
			t.Errorf("the outbox page does not say the mail was not sent: %d %s", rec.Code, snippet(rec.Body.String()))
		}

		// No resend to a disabled account; a resend to anyone else is audited.
		if rec := env.PostForm(admin, "/outbox/"+itoa(notSent.ID)+"/resend", nil); rec.Code != http.StatusConflict {
			t.Fatalf("resend to a disabled account: %d", rec.Code)
		}
		if n := outboxCount(t, d, "id = ? AND status = ?", notSent.ID, round.MailFailed); n != 1 {
			t.Fatal("the refused resend queued the mail")
		}
		if rec := env.PostForm(admin, "/outbox/"+itoa(sent.ID)+"/resend", nil); rec.Code != http.StatusSeeOther {
			t.Fatalf("resend: %d", rec.Code)
		}
		var audit []models.AuditEntry
		d.DB.Where("kind = ?", "resend").Find(&audit)
		if len(audit) != 1 || audit[0].UserID == nil || *audit[0].UserID != admin.User.ID ||
			!strings.Contains(audit[0].Subject, stays.User.Email) || audit[0].BeforeValue != round.MailSent || audit[0].AfterValue != round.MailQueued {
			t.Fatalf("resend audit: %+v", audit)
		}

		// The escalation after the due date: the owner's share is not queued
		// once the owner is disabled, and nothing else goes to them.
		disable(chair.User)
		for _, day := range []int{6, 7} {
			if _, err := env.App.QueueRoundMail(ctx, time.Date(2027, 1, day, 8, 0, 0, 0, time.UTC)); err != nil {
				t.Fatal(err)
			}
		}
		if n := outboxCount(t, d, "user_id IN ? AND created_at > ?", []uint{chair.User.ID, gone.User.ID}, env.now); n != 0 {
			t.Fatalf("%d emails queued to disabled accounts", n)
		}
	})
}

// TestMailLeftSendingIsTriedOnceAndFlagged: a mail a stopped process left
// "sending" waits for the send timeout, is then tried once more and shown on
// the outbox page as "may have been sent twice"; left again, it is not tried
// a third time.
func TestMailLeftSendingIsTriedOnceAndFlagged(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	apptest.Each(t, func(t *testing.T, env *apptest.Env, d modeltest.DB) {
		srv := mailtest.Start(t)
		env.App.Config.Mail.SMTPURL = srv.URL()
		now := time.Date(2026, 12, 1, 9, 0, 0, 0, time.UTC)
		claimed := now.Add(-time.Minute)
		mails := []round.Mail{
			{Kind: round.MailRequest, ToAddr: "a@example.test", Subject: "Left sending", TextBody: "x", HTMLBody: "<p>x</p>",
				Status: round.MailSending, ClaimedAt: &claimed, ClaimedBy: "dead-host/1", NextAttemptAt: now, CreatedAt: now},
			{Kind: round.MailRequest, ToAddr: "b@example.test", Subject: "Left sending twice", TextBody: "x", HTMLBody: "<p>x</p>",
				Status: round.MailSending, ClaimedAt: &claimed, ClaimedBy: "dead-host/2", MaybeDuplicate: true, NextAttemptAt: now, CreatedAt: now},
		}
		if err := d.DB.Create(&mails).Error; err != nil {
			t.Fatal(err)
		}
		env.App.Config.Mail.SendTimeout = 10 * time.Minute
		if s, _ := env.App.DeliverMail(ctx, now); s != "nothing to do" || len(srv.Messages()) != 0 {
			t.Fatalf("a mail claimed a minute ago was taken over: %q", s)
		}
		env.App.Config.Mail.SendTimeout = 30 * time.Second
		s, err := env.App.DeliverMail(ctx, now)
		if err != nil || !strings.HasPrefix(s, "1 sent, 0 to retry, 1 failed, 1 left sending by a stopped process tried once more") {
			t.Fatalf("after the send timeout: %q %v", s, err)
		}
		if got := srv.Messages(); len(got) != 1 || got[0].Subject() != "Left sending" {
			t.Fatalf("the server got %d messages", len(got))
		}
		var first, second round.Mail
		d.DB.Take(&first, mails[0].ID)
		d.DB.Take(&second, mails[1].ID)
		if first.Status != round.MailSent || !first.MaybeDuplicate || second.Status != round.MailFailed || second.LastReply != round.ReplyInterrupted {
			t.Fatalf("after recovery: %s %v; %s %q", first.Status, first.MaybeDuplicate, second.Status, second.LastReply)
		}
		admin := env.SignIn(t, models.RoleAdmin)
		if body := env.Get(admin, "/outbox").Body.String(); strings.Count(body, "May have been sent twice") != 2 {
			t.Errorf("the outbox page does not flag both mails as maybe sent twice")
		}
	})
}
