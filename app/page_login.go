package app

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"time"

	"github.com/labstack/echo/v4"

	"sendboard/models"
)

type loginData struct {
	Email string
	Next  string
	Error string
	// ErrorAnchor is what the error links to: the email field, or the
	// button of the provider to use instead.
	ErrorAnchor string
	SSO         []ssoButton
	// SignedOutOf and SignedOutHref offer the provider's own sign-out after
	// signing out of a session that came from it.
	SignedOutOf, SignedOutHref string
}

// ErrorSummary is the refusal, linked to the email field: it never says
// which of the two was wrong.
func (d loginData) ErrorSummary() errorSummary {
	if d.Error == "" {
		return errorSummary{}
	}
	anchor := d.ErrorAnchor
	if anchor == "" {
		anchor = "email"
	}
	return errorSummary{Items: []summaryItem{{Field: "email", Message: d.Error, Anchor: anchor}}}
}

func (a *App) loginPage(c echo.Context) error {
	if u := currentUser(c); u != nil {
		return c.Redirect(http.StatusSeeOther, landing(u, c.QueryParam("next")))
	}
	v := a.view(c, "Sign in", "")
	next := safeNext(c.QueryParam("next"))
	d := loginData{Next: next, SSO: a.ssoButtons(next)}
	if p := c.QueryParam("signed_out"); p != "" {
		d.SignedOutOf, d.SignedOutHref = a.ssoSignOutLink(c.Request().Context(), p)
	}
	v.Data = d
	return c.Render(http.StatusOK, "login", v)
}

// loginSubmit counts the attempt against the account and the address before
// the password is checked, so concurrent guesses cannot all get past the
// limit; earlier failures slow the answer, and at the limit sign-in is
// refused for a while. Every refusal reads the same, whether or not the email
// exists.
func (a *App) loginSubmit(c echo.Context) error {
	ctx := c.Request().Context()
	raw := c.FormValue("email")
	email := models.NormalizeEmail(raw)
	next := safeNext(c.FormValue("next"))
	anchor := ""
	fail := func(status int, msg string) error {
		v := a.view(c, "Sign in", "")
		v.Data = loginData{Email: raw, Next: next, Error: msg, ErrorAnchor: anchor, SSO: a.ssoButtons(next)}
		return c.Render(status, "login", v)
	}
	if !a.OIDC.PasswordAllowed(email) {
		// Said before any password is checked or counted: it depends only
		// on the domain, so it tells nothing about the account.
		_, domain, _ := strings.Cut(email, "@")
		msg := fmt.Sprintf("Passwords are turned off for addresses at %s: sign in with your organisation's account.", domain)
		if p := a.OIDC.ProviderForEmail(email); p != nil {
			anchor = "sso-" + p.Name
			msg = fmt.Sprintf("Passwords are turned off for addresses at %s: use “%s” instead.", domain, p.DisplayName)
		}
		return fail(http.StatusForbidden, msg)
	}
	if email == "" || c.FormValue("password") == "" {
		return fail(http.StatusBadRequest, "Enter your email address and password.")
	}
	now := a.Now()
	keys := []struct {
		key string
		p   models.ThrottlePolicy
	}{{"email:" + email, models.AccountThrottle}, {"ip:" + c.RealIP(), models.AddressThrottle}}
	worst := 0
	for i, k := range keys {
		n, locked, err := models.Attempt(ctx, a.DB, k.key, k.p, now)
		if err != nil {
			return err
		}
		if locked != nil {
			if i > 0 { // the account's attempt was counted but will not be checked
				_ = models.ForgiveAttempt(ctx, a.DB, keys[0].key)
			}
			mins := int(locked.Sub(now).Minutes()) + 1
			return fail(http.StatusTooManyRequests, fmt.Sprintf("Too many failed attempts. Try again in %d minute%s.", mins, plural(mins)))
		}
		worst = max(worst, n-1)
	}
	if worst >= 2 {
		a.signInDelay(ctx, time.Duration(worst-1)*500*time.Millisecond)
	}
	u, err := models.CheckPassword(ctx, a.DB, email, c.FormValue("password"))
	if errors.Is(err, models.ErrInvalidLogin) {
		a.Log.Warn("sign-in failed", "ip", c.RealIP())
		return fail(http.StatusUnauthorized, "The email or password is not right.")
	}
	if err != nil {
		return err
	}
	if err := models.ResetThrottle(ctx, a.DB, keys[0].key); err != nil {
		return err
	}
	if err := models.ForgiveAttempt(ctx, a.DB, keys[1].key); err != nil {
		return err
	}
	if ck, err := c.Cookie(a.sessionCookieName()); err == nil {
		if err := models.DeleteSession(ctx, a.DB, ck.Value); err != nil {
			return err
		}
	}
	token, err := models.CreateSession(ctx, a.DB, u.ID, c.RealIP(), now, a.Config.SessionIdle)
	if err != nil {
		return err
	}
	a.setSession(c, token)
	// End the pre-session: its CSRF token must not outlive sign-in.
	setCookie(c, a.cookie(c, PreSessionCookieName(a.Config.SecureCookies), "", -1))
	a.Log.Info("signed in", "user", u.Email)
	return c.Redirect(http.StatusSeeOther, landing(u, c.FormValue("next")))
}

// logout ends the session; one that came from a provider is sent to the
// sign-in page with an offer of the provider's own sign-out.
func (a *App) logout(c echo.Context) error {
	to := "/login"
	if ck, err := c.Cookie(a.sessionCookieName()); err == nil {
		ctx := c.Request().Context()
		p, err := models.SessionProvider(ctx, a.DB, ck.Value)
		if err != nil {
			return err
		}
		if err := models.DeleteSession(ctx, a.DB, ck.Value); err != nil {
			return err
		}
		if p != "" && a.OIDC.Provider(p) != nil {
			to = "/login?signed_out=" + url.QueryEscape(p)
		}
	}
	a.clearSession(c)
	return c.Redirect(http.StatusSeeOther, to)
}

// signInDelay waits d (at most 5 s) before a sign-in is checked, through
// App.Sleep when a test sets it.
func (a *App) signInDelay(ctx context.Context, d time.Duration) {
	d = min(d, 5*time.Second)
	if a.Sleep != nil {
		a.Sleep(ctx, d)
		return
	}
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
	case <-ctx.Done():
	}
}
