package app_test

import (
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"sendboard/app/apptest"
	"sendboard/app/mailtest"
	"sendboard/models"
	"sendboard/models/modeltest"
)

// TestBrowserInvitationJourney drives real Chromium: an admin adds a lead on
// the users page; the invitation goes out over real SMTP; the lead opens its
// link in their own browser, gets a mistake shown the GOV.UK way, chooses a
// password and lands signed in on "My actions". Each page is checked with axe
// and at 320px.
func TestBrowserInvitationJourney(t *testing.T) {
	t.Parallel()
	onSQLite(t, apptest.Seeded, func(t *testing.T, env *apptest.Env, d modeltest.DB) {
		browser := startBrowser(t)
		srv := env.Serve(t)
		smtp := mailtest.Start(t)
		env.App.Config.Mail.SMTPURL, env.App.Config.Mail.BaseURL = smtp.URL(), srv.URL
		admin := env.SignIn(t, models.RoleAdmin)

		a := &tab{t: t, base: srv.URL, ctx: newTab(t, browser)}
		a.navigate("/login")
		a.signIn(admin.User.Email)
		a.navigate("/users")
		a.fill(map[string]string{"u-email": "ines@example.test", "u-name": "Ines Invited", "u-role": "lead"})
		a.do(chromedp.Click(chromedp.JSPath(`document.querySelector('input[name=lead][value="DCO"]')`)))
		if st := a.submit("Add account"); st != http.StatusCreated {
			t.Fatalf("add account: status %d", st)
		}
		if panel := a.eval(`(document.getElementById('invited') || {}).innerText || ''`); !strings.Contains(panel, "on its way to ines@example.test") {
			t.Fatalf("the confirmation says %q", panel)
		}
		a.review("users-invited")

		if _, err := env.App.DeliverMail(t.Context(), time.Now()); err != nil {
			t.Fatal(err)
		}
		msgs := smtp.Messages()
		if len(msgs) != 1 {
			t.Fatalf("%d messages, want the invitation", len(msgs))
		}
		link, _, ok := strings.Cut(msgs[0].Text[strings.Index(msgs[0].Text, srv.URL+"/password/"):], "\n")
		if !ok {
			t.Fatalf("no link in %q", msgs[0].Text)
		}

		b := &tab{t: t, base: srv.URL, ctx: newTab(t, browser)}
		b.navigate(strings.TrimPrefix(link, srv.URL))
		if h := b.eval(`document.querySelector('h1').innerText`); h != "Choose your password" {
			t.Fatalf("the link opens %q", h)
		}
		b.review("password-set")
		b.fill(map[string]string{"new-password": "a long new passphrase", "confirm-password": "a long new passphrase!"})
		if st := b.submit("Set password and sign in"); st != http.StatusBadRequest {
			t.Fatalf("mismatched passwords: status %d", st)
		}
		if title := b.eval(`document.title`); !strings.HasPrefix(title, "Error: ") {
			t.Errorf("title %q", title)
		}
		b.review("password-set-error")
		b.fill(map[string]string{"new-password": "a long new passphrase", "confirm-password": "a long new passphrase"})
		if st := b.submit("Set password and sign in"); st != http.StatusOK {
			t.Fatalf("set password: status %d", st)
		}
		if loc, _ := chromedp.Run(b.ctx, chromedp.Location()); !strings.HasSuffix(loc, "/me") {
			t.Fatalf("after setting the password the lead is on %s, want /me", loc)
		}
		b.review("my-actions-after-invite")

		c := &tab{t: t, base: srv.URL, ctx: newTab(t, browser)}
		c.navigate("/login")
		c.mustHave(`a[href="/password/forgot"]`)
		c.navigate("/password/forgot")
		c.mustHave(`form[action="/password/forgot"]`)
		c.review("password-forgot")
	})
}
