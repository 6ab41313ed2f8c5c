package app_test

import (
	"context"
	"net/http"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"sendboard/app/apptest"
	"sendboard/app/mailtest"
	"sendboard/models"
	"sendboard/models/modeltest"
	"sendboard/models/round"
)

// TestBrowserAnswerFromEmail: the lead of 1.2 follows the personal link in
// the round's request email and records an update without a password,
// landing on the form; the same tab cannot open the dashboard or an admin
// page, and once the round closes the link no longer works.
func TestBrowserAnswerFromEmail(t *testing.T) {
	t.Parallel()
	onSQLite(t, apptest.Seeded, func(t *testing.T, env *apptest.Env, d modeltest.DB) {
		browser := startBrowser(t)
		srv := env.Serve(t)
		smtp := mailtest.Start(t)
		env.App.Config.Mail.SMTPURL, env.App.Config.Mail.BaseURL = smtp.URL(), srv.URL
		ctx := context.Background()
		dco := env.SignIn(t, models.RoleLead, "DCO")
		chair := env.SignInBoard(t, "SEND Improvement Board")
		due := time.Now().AddDate(0, 0, 14)
		r, _, err := env.App.OpenRound(ctx, chair.User, round.Input{Board: "SEND Improvement Board", Due: due.Format(time.DateOnly)})
		if err != nil {
			t.Fatal(err)
		}
		if _, err := env.App.DeliverMail(ctx, time.Now()); err != nil {
			t.Fatal(err)
		}
		msg := mailTo(t, smtp.Messages(), dco.User.Email)
		link := regexp.MustCompile(regexp.QuoteMeta(srv.URL) + `/answer/sba_[A-Za-z0-9_-]+\?a=1\.2\b`).FindString(msg.Text)
		if link == "" {
			t.Fatalf("the email has no personal link to 1.2:\n%s", msg.Text)
		}

		l := &tab{t: t, base: srv.URL, ctx: newTab(t, browser)}
		l.navigate(strings.TrimPrefix(link, srv.URL))
		if loc, _ := chromedp.Run(l.ctx, chromedp.Location()); !strings.HasSuffix(loc, "/actions/1.2#record") {
			t.Fatalf("the link led to %s, want the form of 1.2", loc)
		}
		if l.has("#password") {
			t.Fatal("the link asked for a password")
		}
		inset := l.eval(`document.getElementById('p-asking').innerText`)
		if want := "The SEND Improvement Board asks for your update by " + models.HumanDate(due.Format(time.DateOnly)); !strings.HasPrefix(inset, want) {
			t.Errorf("inset %q, want it to start %q", inset, want)
		}
		l.axe("action form from the emailed link")
		l.do(chromedp.SendKeys(chromedp.ID("p-narrative"), "Updated straight from the email"),
			chromedp.Click(chromedp.ID("p-status-in_progress")), chromedp.Click(chromedp.ID("p-rag-green")))
		if st := l.submit("Save progress"); st != http.StatusOK {
			t.Fatalf("save progress: %d", st)
		}
		if got := l.eval(`document.querySelector('main').innerText`); !strings.Contains(got, "Updated straight from the email") {
			t.Errorf("the saved update is not on the page: %s", snippet(got))
		}
		var answered int64
		d.DB.Model(&round.Action{}).Where("round_id = ? AND answered_by_id = ?", r.ID, dco.User.ID).Count(&answered)
		if answered != 1 {
			t.Errorf("%d of the round's actions answered by the lead, want 1", answered)
		}
		// The list of the lead's actions in the round, from the navigation.
		if got := l.eval(`String(document.querySelector('nav a[href="/answer"]') !== null)`); got != "true" {
			t.Error("the navigation has no link to the lead's actions in the round")
		}
		l.navigate("/answer")
		if got := l.eval(`document.getElementById('answer-left').innerText`); !strings.Contains(got, "need your update") && !strings.Contains(got, "needs your update") {
			t.Errorf("the list says %q", got)
		}
		l.axe("the lead's actions in the round")
		for _, path := range []string{"/", "/users", "/rounds"} {
			resp, err := chromedp.Run(l.ctx, chromedp.NavigateResponse(srv.URL+path))
			if err != nil || resp.Status != http.StatusForbidden {
				t.Errorf("GET %s in the answering tab: %v %v, want 403", path, resp, err)
			}
		}

		if _, err := round.Close(ctx, env.DB.DB, chair.User, r.ID, time.Now()); err != nil {
			t.Fatal(err)
		}
		resp, err := chromedp.Run(l.ctx, chromedp.NavigateResponse(link))
		if err != nil || resp.Status != http.StatusForbidden {
			t.Fatalf("the link after the round closed: %v %v, want 403", resp, err)
		}
		if got := l.eval(`document.querySelector('main').innerText`); !strings.Contains(got, "no longer works") {
			t.Errorf("the closed link's page does not say so: %s", snippet(got))
		}
		l.axe("closed link")
	})
}
