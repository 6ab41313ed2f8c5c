package app_test

import (
	"context"
	"net/http"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"sendboard/app/apptest"
	"sendboard/app/mailtest"
	"sendboard/models"
	"sendboard/models/modeltest"
)

// TestBrowserUpdateRound: a board officer opens a round on its page, the lead
// of 1.2 follows the link in the email they received, signs in, records an
// update, the officer's tracker shows 1.2 answered, and the officer makes
// the board's pack for the meeting from the round.
func TestBrowserUpdateRound(t *testing.T) {
	t.Parallel()
	onSQLite(t, apptest.Seeded, func(t *testing.T, env *apptest.Env, d modeltest.DB) {
		browser := startBrowser(t)
		srv := env.Serve(t)
		smtp := mailtest.Start(t)
		env.App.Config.Mail.SMTPURL, env.App.Config.Mail.BaseURL = smtp.URL(), srv.URL
		env.App.Config.Mail.NoAnswerLinks = true // the journey of an area without personal links: sign in
		chair := env.SignInBoard(t, "SEND Improvement Board")
		dco := env.SignIn(t, models.RoleLead, "DCO")

		o := &tab{t: t, base: srv.URL, ctx: newTab(t, browser)}
		o.navigate("/login")
		o.signIn(chair.User.Email)
		o.navigate("/rounds")
		o.axe("rounds page")
		due := time.Now().AddDate(0, 0, 14)
		o.do(chromedp.SetValue(chromedp.ID("r-board"), "send-improvement-board"),
			chromedp.SendKeys(chromedp.ID("r-due-day"), due.Format("2")),
			chromedp.SendKeys(chromedp.ID("r-due-month"), due.Format("1")),
			chromedp.SendKeys(chromedp.ID("r-due-year"), due.Format("2006")),
			chromedp.SendKeys(chromedp.ID("r-message"), "Updates for the board, please."))
		if st := o.submit("Continue"); st != http.StatusOK {
			t.Fatalf("continue to check the answers: status %d", st)
		}
		o.mustHave("#check-recipients")
		o.axe("check your answers")
		if n := outboxLen(t, d); n != 0 {
			t.Fatalf("%d emails queued before the round was opened", n)
		}
		if st := o.submit("Open round"); st != http.StatusOK {
			t.Fatalf("open the round: status %d", st)
		}
		o.mustHave("#round-actions")
		o.axe("round tracker")
		if c := o.eval(`document.getElementById('round-counts').innerText`); !strings.HasPrefix(c, "0 of ") {
			t.Fatalf("counts after opening: %q", c)
		}
		if _, err := env.App.DeliverMail(context.Background(), time.Now()); err != nil {
			t.Fatal(err)
		}
		msgs := smtp.Messages()
		i := slices.IndexFunc(msgs, func(m mailtest.Message) bool { return slices.Contains(m.To, dco.User.Email) })
		if i < 0 {
			t.Fatalf("the DCO lead got no email (%d sent)", len(msgs))
		}
		link := regexp.MustCompile(regexp.QuoteMeta(srv.URL) + `/actions/1\.2\b`).FindString(msgs[i].Text)
		if link == "" {
			t.Fatalf("the email has no link to 1.2:\n%s", msgs[i].Text)
		}

		l := &tab{t: t, base: srv.URL, ctx: newTab(t, browser)}
		l.navigate(strings.TrimPrefix(link, srv.URL)) // signed out: the sign-in page, then back to the action
		l.signIn(dco.User.Email)
		if loc, _ := chromedp.Run(l.ctx, chromedp.Location()); !strings.HasSuffix(strings.TrimSuffix(loc, "#record"), "/actions/1.2") {
			t.Fatalf("after signing in from the email link the lead is at %s", loc)
		}
		l.do(chromedp.SendKeys(chromedp.ID("p-narrative"), "Training sessions held for the round"),
			chromedp.Click(chromedp.ID("p-status-in_progress")), chromedp.Click(chromedp.ID("p-rag-amber")))
		if st := l.submit("Save progress"); st != http.StatusOK {
			t.Fatalf("save progress: %d", st)
		}

		o.navigate(strings.TrimPrefix(o.eval(`location.href`), srv.URL))
		row := o.eval(`[...document.querySelectorAll('#round-actions tbody tr')].find(r => r.querySelector('a').textContent.trim() === '1.2').innerText`)
		if !strings.Contains(row, "Answered") || !strings.Contains(row, dco.User.Name) {
			t.Errorf("tracker row for 1.2 = %q, want answered by %s", row, dco.User.Name)
		}
		if c := o.eval(`document.getElementById('round-counts').innerText`); !strings.HasPrefix(c, "1 of ") {
			t.Errorf("counts after the update: %q", c)
		}

		// The chair makes the board's pack for the meeting from the round.
		round := o.eval(`location.pathname`)
		if st := o.submit("Make the pack for the meeting"); st != http.StatusOK {
			t.Fatalf("make the pack: status %d", st)
		}
		o.axe("packs page after making the round's pack")
		if stored := o.eval(`document.querySelector('main').innerText`); !strings.Contains(stored, "SEND Improvement Board updates due") {
			t.Errorf("the stored pack does not name the round: %s", snippet(stored))
		}
		o.navigate(round)
		if packs := o.eval(`document.getElementById('round-packs').innerText`); !strings.Contains(packs, "SEND Improvement Board") {
			t.Errorf("the round page does not list the pack made from it: %q", packs)
		}
	})
}

// outboxLen counts every email in the outbox.
func outboxLen(t *testing.T, d modeltest.DB) int64 {
	t.Helper()
	var n int64
	if err := d.DB.Table("outbox").Count(&n).Error; err != nil {
		t.Fatal(err)
	}
	return n
}
