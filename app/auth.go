package app

import (
	"errors"
	"strings"
	"time"

	"github.com/labstack/echo/v4"

	"sendboard/models"
)

// loadUser identifies the caller from an API bearer token or the session cookie.
// It never refuses a request: requireUser and requireRole do.
func (a *App) loadUser(next echo.HandlerFunc) echo.HandlerFunc {
	return func(c echo.Context) error {
		ctx := c.Request().Context()
		if h := c.Request().Header.Get("Authorization"); h != "" {
			tok, ok := strings.CutPrefix(h, "Bearer ")
			if !ok {
				return models.ErrUnauthorized
			}
			u, err := a.tokenUser(ctx, strings.TrimSpace(tok))
			if err != nil {
				return err
			}
			c.Set("user", u)
			c.Set("bearer", true)
			return next(c)
		}
		if ck, err := c.Cookie(a.sessionCookieName()); err == nil && ck.Value != "" {
			u, err := a.sessionUser(ctx, ck.Value)
			switch {
			case err == nil && u.AnswerRoundID != nil:
				ok, err := a.limitAnswerSession(c, u, ck.Value)
				if err != nil {
					return err
				}
				if ok {
					c.Set("user", u)
					c.Set("sessionSecret", ck.Value)
				}
			case err == nil:
				c.Set("user", u)
				c.Set("sessionSecret", ck.Value)
				a.setSession(c, ck.Value) // slide the cookie's expiry with the session's
			case !errors.Is(err, models.ErrUnauthorized):
				return err
			}
		}
		return next(c)
	}
}

// requireUser refuses anyone not signed in: the plan is internal by default.
func (a *App) requireUser(next echo.HandlerFunc) echo.HandlerFunc {
	return func(c echo.Context) error {
		if currentUser(c) == nil {
			return models.ErrUnauthorized
		}
		return next(c)
	}
}

// requireRole refuses users whose role does not include role.
func (a *App) requireRole(role string) echo.MiddlewareFunc {
	return func(next echo.HandlerFunc) echo.HandlerFunc {
		return func(c echo.Context) error {
			u := currentUser(c)
			if u == nil {
				return models.ErrUnauthorized
			}
			if !u.AtLeast(role) {
				return models.ErrForbidden
			}
			return next(c)
		}
	}
}

func (a *App) sessionCookieName() string { return SessionCookieName(a.Config.SecureCookies) }

// setSession sets the session cookie to expire when the session would if
// left idle from now; it is sent again on every signed-in request.
func (a *App) setSession(c echo.Context, token string) {
	ck := a.cookie(c, a.sessionCookieName(), token, 0)
	ck.Expires = a.Now().Add(a.Config.SessionIdle)
	setCookie(c, ck)
}

func (a *App) clearSession(c echo.Context) {
	ck := a.cookie(c, a.sessionCookieName(), "", -1)
	ck.Expires = time.Unix(0, 0)
	setCookie(c, ck)
}
