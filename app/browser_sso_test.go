package app_test

import (
	"net/http"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"sendboard/app/apptest"
	"sendboard/models"
	"sendboard/models/modeltest"
)

// TestBrowserSSO: in Chromium, a lead presses "Sign in with your Dorset
// Council account" on /login, signs in at the provider's own page and lands
// on My actions; someone no claim gives a role sees that they wait, and an
// administrator sees them on /users with Approve and Refuse. axe finds no
// serious problem on these pages, and the sign-in page reflows at 320 px.
func TestBrowserSSO(t *testing.T) {
	t.Parallel()
	browser := startBrowser(t)
	onSQLite(t, apptest.Seeded, func(t *testing.T, env *apptest.Env, d modeltest.DB) {
		r := startSSO(t, env)
		b := &tab{t: t, base: r.app, ctx: newTab(t, browser)}
		b.navigate("/login")
		b.mustHave("a#sso-dorset.govuk-button--secondary")
		b.axe("sign-in page with single sign-on")
		b.shot("sso-signin")
		b.reflow("/login")

		providerSignIn := func(b *tab, username string) int64 {
			t.Helper()
			resp, err := chromedp.RunResponse(b.ctx, chromedp.Click(chromedp.ID("sso-dorset")))
			if err != nil || resp.Status != http.StatusOK {
				t.Fatalf("press the provider's button: %v", err)
			}
			if loc, _ := chromedp.Run(b.ctx, chromedp.Location()); !strings.HasPrefix(loc, r.op.Issuer+"/login") {
				t.Fatalf("the button led to %s, not the provider's sign-in page", loc)
			}
			b.do(chromedp.SendKeys(chromedp.ID("username"), username), chromedp.SendKeys(chromedp.ID("password"), "pw-"+username))
			resp, err = chromedp.RunResponse(b.ctx, chromedp.Click(chromedp.ID("provider-sign-in")))
			if err != nil {
				t.Fatalf("sign in at the provider: %v", err)
			}
			return resp.Status
		}
		if st := providerSignIn(b, "lead"); st != http.StatusOK {
			t.Fatalf("back from the provider: status %d", st)
		}
		if loc, _ := chromedp.Run(b.ctx, chromedp.Location()); loc != r.app+"/me" {
			t.Fatalf("landed on %s, want My actions", loc)
		}
		b.mustHave("h1")
		if h := b.eval(`document.querySelector('h1').innerText`); !strings.Contains(h, "My actions") {
			t.Errorf("landing page heading %q", h)
		}
		b.axe("my actions after single sign-on")

		w := &tab{t: t, base: r.app, ctx: newTab(t, browser)}
		w.navigate("/login")
		if st := providerSignIn(w, "nobody"); st != http.StatusForbidden {
			t.Fatalf("pending: status %d", st)
		}
		w.axe("waiting for approval")
		w.shot("sso-pending")

		admin := env.SignIn(t, models.RoleAdmin)
		a := &tab{t: t, base: r.app, ctx: newTab(t, browser)}
		a.navigate("/login")
		a.signIn(admin.User.Email)
		a.navigate("/users")
		a.mustHave("#pending")
		a.axe("users with an account waiting for approval")
		a.shot("sso-users-pending")
		if st := a.submit("Approve Łucja Dıvıs-Ŵyn nobody"); st != http.StatusOK {
			t.Fatalf("approve: %d", st)
		}
		if a.has("#pending") {
			t.Error("still pending after approval")
		}
	})
}
