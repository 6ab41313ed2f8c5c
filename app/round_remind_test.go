package app_test

import (
	"context"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"sendboard/app/apptest"
	"sendboard/models"
	"sendboard/models/modeltest"
	"sendboard/models/round"
)

// TestRemindersOnWorkingDays runs the reminders job twice on every day from
// the round's opening to after its due date, Tuesday 5 January 2027: the
// reminders fall 7 and 2 working days before (22 and 31 December, counting
// past the weekends and the Christmas, Boxing Day and New Year bank
// holidays) and on the due day, the escalation comes once after it, and a
// lead who answers (here with "No change") is reminded no more.
func TestRemindersOnWorkingDays(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	apptest.Each(t, func(t *testing.T, base *apptest.Env, d modeltest.DB) {
		env := newRoundEnv(t, base, time.Date(2026, 12, 14, 9, 0, 0, 0, time.UTC))
		leads, _ := boardLeads(t, d, "send-improvement-board")
		l1, l2 := twoLeads(leads)
		answerer := env.SignIn(t, models.RoleLead, l1)
		silent := env.SignIn(t, models.RoleLead, l2)
		chair := env.SignInBoard(t, "SEND Improvement Board")
		r, n, err := env.App.OpenRound(ctx, chair.User, round.Input{Board: "send-improvement-board", Due: "2027-01-05"})
		if err != nil || n != 2 {
			t.Fatalf("open: %d requests, %v", n, err)
		}

		type sent struct{ kind, to string }
		byDay := map[string][]sent{}
		for day := time.Date(2026, 12, 15, 8, 0, 0, 0, time.UTC); day.Before(time.Date(2027, 1, 9, 0, 0, 0, 0, time.UTC)); day = day.AddDate(0, 0, 1) {
			env.now = day
			if day.Format("2006-01-02") == "2026-12-23" {
				// A session started on the pinned day, as the lead signs in from the email.
				sess, err := models.CreateSession(ctx, d.DB, answerer.User.ID, "127.0.0.1", day, time.Hour)
				if err != nil {
					t.Fatal(err)
				}
				answerer.Session = sess
				for _, num := range leads[l1] {
					rec := env.PostForm(answerer, "/actions/"+num+"/updates", url.Values{"no_change": {"1"},
						"no_change_reason": {"Waiting for the January panel"}, "version": {roundActionVersion(t, d, num)}})
					if rec.Code != http.StatusSeeOther || !strings.HasPrefix(rec.Header().Get("Location"), "/actions/") {
						t.Fatalf("no change on %s: %d %s", num, rec.Code, snippet(rec.Body.String()))
					}
				}
			}
			before := outboxCount(t, d, "kind <> ?", round.MailRequest)
			for range 2 {
				if _, err := env.App.QueueRoundMail(ctx, day); err != nil {
					t.Fatalf("%s: %v", day.Format("2006-01-02"), err)
				}
			}
			var mails []round.Mail
			d.DB.Where("kind <> ?", round.MailRequest).Order("id").Offset(int(before)).Find(&mails)
			for _, m := range mails {
				byDay[day.Format("2006-01-02")] = append(byDay[day.Format("2006-01-02")], sent{m.Kind, m.ToAddr})
			}
		}
		reminders := map[string]string{}
		escalations, digests := 0, map[string]bool{}
		for day, ms := range byDay {
			for _, m := range ms {
				switch m.kind {
				case round.MailReminder, round.MailDueToday:
					reminders[day] += m.kind + ":" + m.to + " "
				case round.MailEscalation:
					escalations++
					if day != "2027-01-06" || m.to != chair.User.Email {
						t.Errorf("escalation on %s to %s; want 6 January to the round's owner", day, m.to)
					}
				case round.MailDigest:
					if digests[day] {
						t.Errorf("two digests on %s", day)
					}
					digests[day] = true
				}
			}
		}
		want := map[string]string{
			"2026-12-22": "reminder:" + answerer.User.Email + " reminder:" + silent.User.Email + " ",
			"2026-12-31": "reminder:" + silent.User.Email + " ",
			"2027-01-05": "due:" + silent.User.Email + " ",
		}
		for day, w := range want {
			if got := sortWords(reminders[day]); got != sortWords(w) {
				t.Errorf("reminders on %s: %q, want %q", day, got, w)
			}
		}
		for day := range reminders {
			if _, ok := want[day]; !ok {
				t.Errorf("unexpected reminders on %s: %s", day, reminders[day])
			}
		}
		if escalations != 1 {
			t.Errorf("%d escalations, want 1", escalations)
		}
		for _, day := range []string{"2026-12-19", "2026-12-25", "2026-12-28", "2027-01-01", "2027-01-02"} {
			if digests[day] {
				t.Errorf("a digest on %s, not a working day", day)
			}
		}
		if !digests["2026-12-15"] || !digests["2026-12-29"] || !digests["2027-01-08"] {
			t.Error("the owner's digest is missing on a working day")
		}

		// The reminders listed only what was outstanding; the escalation only the silent lead's actions.
		var esc round.Mail
		d.DB.Where("kind = ?", round.MailEscalation).Take(&esc)
		for _, num := range leads[l1] {
			if mailLists(esc.TextBody, num) {
				t.Errorf("the escalation lists %s, answered with no change", num)
			}
		}
		for _, num := range leads[l2] {
			if !mailLists(esc.TextBody, num) {
				t.Errorf("the escalation does not list outstanding %s", num)
			}
		}

		// "No change" answered the round and shows in the history as such.
		env.now = time.Now()
		rec := env.API(chair, "GET", "/api/v1/rounds/"+itoa(r.ID), "")
		if rec.Code != http.StatusOK || !strings.Contains(rec.Body.String(), `"updated":true`) {
			t.Fatalf("round API: %d %s", rec.Code, snippet(rec.Body.String()))
		}
		page := env.Get(chair, "/actions/"+leads[l1][0]).Body.String()
		if !strings.Contains(page, "No change since the last update: Waiting for the January panel") {
			t.Error("the action's history does not show the no-change update")
		}
		var answered int64
		d.DB.Model(&round.Action{}).Where("round_id = ? AND answered_at IS NOT NULL", r.ID).Count(&answered)
		if int(answered) != len(leads[l1]) {
			t.Errorf("%d actions answered, want the %d the lead recorded no change on", answered, len(leads[l1]))
		}

		// Closing stops everything.
		if rec := env.PostForm(chair, "/rounds/"+itoa(r.ID)+"/close", nil); rec.Code != http.StatusSeeOther {
			t.Fatalf("close: %d", rec.Code)
		}
		before := outboxCount(t, d, "1 = 1")
		env.App.QueueRoundMail(ctx, time.Date(2027, 1, 11, 8, 0, 0, 0, time.UTC))
		if outboxCount(t, d, "1 = 1") != before {
			t.Error("a closed round still queued mail")
		}
	})
}

func roundActionVersion(t *testing.T, d modeltest.DB, number string) string {
	t.Helper()
	var a models.Action
	if err := d.DB.Where("number = ?", number).Take(&a).Error; err != nil {
		t.Fatal(err)
	}
	return itoa(uint(a.Version))
}

func sortWords(s string) string {
	f := strings.Fields(s)
	for i := range f {
		for j := i + 1; j < len(f); j++ {
			if f[j] < f[i] {
				f[i], f[j] = f[j], f[i]
			}
		}
	}
	return strings.Join(f, " ")
}

// TestEscalationGoesToTheSRO: after the due date, outstanding actions with an
// SRO go to the person holding the SRO's lead role, the rest to the round's
// owner, each once.
func TestEscalationGoesToTheSRO(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	apptest.Each(t, func(t *testing.T, base *apptest.Env, d modeltest.DB) {
		env := newRoundEnv(t, base, time.Date(2026, 12, 14, 9, 0, 0, 0, time.UTC))
		leads, outsider := boardLeads(t, d, "send-improvement-board")
		l1, l2 := twoLeads(leads)
		env.SignIn(t, models.RoleLead, l1)
		env.SignIn(t, models.RoleLead, l2)
		sro := env.SignIn(t, models.RoleLead, outsider)
		var sroLead models.Lead
		d.DB.Where("name = ?", outsider).Take(&sroLead)
		if err := d.DB.Model(&models.Action{}).Where("1 = 1").Update("sro_id", nil).Error; err != nil {
			t.Fatal(err)
		}
		if err := d.DB.Model(&models.Action{}).Where("number IN ?", leads[l1]).Update("sro_id", sroLead.ID).Error; err != nil {
			t.Fatal(err)
		}
		chair := env.SignInBoard(t, "SEND Improvement Board")
		if _, _, err := env.App.OpenRound(ctx, chair.User, round.Input{Board: "send-improvement-board", Due: "2027-01-05"}); err != nil {
			t.Fatal(err)
		}
		for _, day := range []int{6, 6, 7} {
			if _, err := env.App.QueueRoundMail(ctx, time.Date(2027, 1, day, 8, 0, 0, 0, time.UTC)); err != nil {
				t.Fatal(err)
			}
		}
		var esc []round.Mail
		d.DB.Where("kind = ?", round.MailEscalation).Order("to_addr").Find(&esc)
		if len(esc) != 2 {
			t.Fatalf("%d escalations, want one to the SRO and one to the owner", len(esc))
		}
		for _, m := range esc {
			mine, theirs := leads[l1], leads[l2]
			switch m.ToAddr {
			case sro.User.Email:
				if !strings.Contains(m.TextBody, "senior responsible officer") {
					t.Errorf("the SRO's escalation does not say why they get it:\n%s", m.TextBody)
				}
			case chair.User.Email:
				mine, theirs = theirs, mine
			default:
				t.Fatalf("escalation to %s", m.ToAddr)
			}
			for _, n := range mine {
				if !mailLists(m.TextBody, n) {
					t.Errorf("escalation to %s lacks %s", m.ToAddr, n)
				}
			}
			for _, n := range theirs {
				if mailLists(m.TextBody, n) {
					t.Errorf("escalation to %s lists %s", m.ToAddr, n)
				}
			}
		}
	})
}

// TestDigestOptOut: the owner's daily summary carries List-Unsubscribe (the
// only mail that does) and stops when they turn digests off on /account;
// reminders to leads go on.
func TestDigestOptOut(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	apptest.Each(t, func(t *testing.T, base *apptest.Env, d modeltest.DB) {
		env := newRoundEnv(t, base, time.Date(2026, 12, 14, 9, 0, 0, 0, time.UTC))
		leads, _ := boardLeads(t, d, "send-improvement-board")
		l1, _ := twoLeads(leads)
		env.SignIn(t, models.RoleLead, l1)
		chair := env.SignInBoard(t, "SEND Improvement Board")
		if _, _, err := env.App.OpenRound(ctx, chair.User, round.Input{Board: "send-improvement-board", Due: "2027-01-05"}); err != nil {
			t.Fatal(err)
		}
		env.App.QueueRoundMail(ctx, time.Date(2026, 12, 15, 8, 0, 0, 0, time.UTC))
		if _, err := env.App.DeliverMail(ctx, env.now.AddDate(0, 0, 1)); err != nil {
			t.Fatal(err)
		}
		var digests, others int
		for _, m := range env.SMTP.Messages() {
			if strings.HasPrefix(m.Subject(), "Daily summary: 0 of ") {
				digests++
				if m.Header.Get("List-Unsubscribe") != "<"+testBaseURL+"/account#digests>" {
					t.Errorf("digest List-Unsubscribe = %q", m.Header.Get("List-Unsubscribe"))
				}
			} else if m.Header.Get("List-Unsubscribe") != "" {
				others++
			}
		}
		if digests != 1 || others != 0 {
			t.Fatalf("%d digests, %d other mails with List-Unsubscribe; want 1 and 0", digests, others)
		}
		env.now = time.Now()
		if rec := env.PostForm(chair, "/account/digests", url.Values{"digests": {"off"}}); rec.Code != http.StatusSeeOther {
			t.Fatalf("turn digests off: %d", rec.Code)
		}
		if page := env.Get(chair, "/account").Body.String(); !strings.Contains(page, `id="digests-off" name="digests" type="radio" value="off" checked`) {
			t.Error("the account page does not show digests turned off")
		}
		env.App.QueueRoundMail(ctx, time.Date(2026, 12, 22, 8, 0, 0, 0, time.UTC)) // a reminder day
		if n := outboxCount(t, d, "kind = ? AND created_at > ?", round.MailDigest, time.Date(2026, 12, 16, 0, 0, 0, 0, time.UTC)); n != 0 {
			t.Errorf("%d digests after turning them off", n)
		}
		if n := outboxCount(t, d, "kind = ?", round.MailReminder); n != 1 {
			t.Errorf("%d reminders; turning digests off must not stop them", n)
		}
	})
}

// mailLists reports whether an email's text links action number: to its
// form, or through the recipient's personal link.
func mailLists(text, number string) bool {
	text = strings.ReplaceAll(text, "\r\n", "\n") // as sent over SMTP
	return strings.Contains(text, "/actions/"+number+"#record\n") || strings.Contains(text, "?a="+number+"\n")
}
