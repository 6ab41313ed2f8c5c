package app

import (
	"strings"

	"github.com/labstack/echo/v4"

	"sendboard/models"
)

// landing is where signing in takes u: the page they were sent from (next)
// when it is one; else, for someone who leads actions, their own actions,
// which link on to the overview; else the overview. The site's root counts
// as no page in particular: it is where anyone opening the site starts.
func landing(u *models.User, next string) string {
	if next = safeNext(next); next != "/" {
		return next
	}
	if u.AtLeast(models.RoleLead) && len(u.Leads) > 0 {
		return "/me"
	}
	return "/"
}

// startSession signs this browser in as u, ending any session it had and its
// pre-session, whose CSRF token must not outlive signing in.
func (a *App) startSession(c echo.Context, u *models.User) error {
	_, err := a.startSessionVia(c, u, "")
	return err
}

// startSessionVia is startSession for a sign-in through provider ("" for a
// password), returning the new session's token.
func (a *App) startSessionVia(c echo.Context, u *models.User, provider string) (string, error) {
	ctx := c.Request().Context()
	if ck, err := c.Cookie(a.sessionCookieName()); err == nil {
		if err := models.DeleteSession(ctx, a.DB, ck.Value); err != nil {
			return "", err
		}
	}
	token, err := models.CreateSession(ctx, a.DB, u.ID, c.RealIP(), a.Now(), a.Config.SessionIdle)
	if err != nil {
		return "", err
	}
	if provider != "" {
		if err := models.MarkSessionProvider(ctx, a.DB, token, provider); err != nil {
			return "", err
		}
	}
	a.setSession(c, token)
	setCookie(c, a.cookie(c, PreSessionCookieName(a.Config.SecureCookies), "", -1))
	return token, nil
}

// loggedPath keeps emailed password tokens out of the request log.
func loggedPath(p string) string {
	if rest, ok := strings.CutPrefix(p, "/password/"); ok && rest != "forgot" {
		return "/password/…"
	}
	return p
}
