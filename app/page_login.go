package app

import (
	"context"
	"fmt"
	"net/http"
	"strings"
	"time"

	"github.com/labstack/echo/v4"

	"sendboard/models"
)

type loginData struct {
	Email string
	Next  string
	Error string
}

func (a *App) loginPage(c echo.Context) error {
	if currentUser(c) != nil {
		return c.Redirect(http.StatusSeeOther, safeNext(c.QueryParam("next")))
	}
	v := a.view(c, "Sign in", "")
	v.Data = loginData{Next: safeNext(c.QueryParam("next"))}
	return c.Render(http.StatusOK, "login", v)
}

// loginSubmit checks the password under per-account and per-address limits:
// failures slow the answer, and at the limit sign-in is refused for a while.
// Every refusal reads the same, whether or not the email exists.
func (a *App) loginSubmit(c echo.Context) error {
	ctx := c.Request().Context()
	email := models.NormalizeEmail(c.FormValue("email"))
	next := safeNext(c.FormValue("next"))
	fail := func(status int, msg string) error {
		v := a.view(c, "Sign in", "")
		v.Data = loginData{Email: c.FormValue("email"), Next: next, Error: msg}
		return c.Render(status, "login", v)
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
	for _, k := range keys {
		n, locked, err := models.ThrottleState(ctx, a.DB, k.key, k.p, now)
		if err != nil {
			return err
		}
		if locked != nil {
			mins := int(locked.Sub(now).Minutes()) + 1
			return fail(http.StatusTooManyRequests, fmt.Sprintf("Too many failed attempts. Try again in %d minute%s.", mins, plural(mins)))
		}
		worst = max(worst, n)
	}
	if worst >= 2 {
		slowDown(ctx, time.Duration(worst-1)*500*time.Millisecond)
	}
	u, err := models.CheckPassword(ctx, a.DB, email, c.FormValue("password"))
	if err == models.ErrInvalidLogin {
		for _, k := range keys {
			if err := models.RecordFailure(ctx, a.DB, k.key, k.p, now); err != nil {
				return err
			}
		}
		a.Log.Warn("sign-in failed", "ip", c.RealIP())
		return fail(http.StatusUnauthorized, "The email or password is not right.")
	}
	if err != nil {
		return err
	}
	if err := models.ResetThrottle(ctx, a.DB, keys[0].key); err != nil {
		return err
	}
	if ck, err := c.Cookie(sessionCookie); err == nil {
		models.DeleteSession(ctx, a.DB, ck.Value)
	}
	token, err := models.CreateSession(ctx, a.DB, u.ID, c.RealIP(), now, a.Config.SessionIdle)
	if err != nil {
		return err
	}
	a.setSession(c, token)
	// A fresh CSRF token too: the next page issues one, so a token planted
	// before sign-in is worthless after it.
	c.SetCookie(&http.Cookie{Name: "sb_csrf", Value: "", Path: "/", MaxAge: -1, HttpOnly: true,
		Secure: a.Config.SecureCookies || c.IsTLS(), SameSite: http.SameSiteLaxMode})
	a.Log.Info("signed in", "user", u.Email)
	return c.Redirect(http.StatusSeeOther, next)
}

func (a *App) logout(c echo.Context) error {
	if ck, err := c.Cookie(sessionCookie); err == nil {
		if err := models.DeleteSession(c.Request().Context(), a.DB, ck.Value); err != nil {
			return err
		}
	}
	a.clearSession(c)
	return c.Redirect(http.StatusSeeOther, "/login")
}

func slowDown(ctx context.Context, d time.Duration) {
	d = min(d, 5*time.Second)
	select {
	case <-time.After(d):
	case <-ctx.Done():
	}
}

func plural(n int) string {
	if n == 1 {
		return ""
	}
	return "s"
}

// trimmed reads a form value without surrounding space.
func trimmed(c echo.Context, name string) string { return strings.TrimSpace(c.FormValue(name)) }
