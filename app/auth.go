package app

import (
	"net/http"
	"strings"
	"time"

	"github.com/labstack/echo/v4"
	"github.com/labstack/echo/v4/middleware"

	"sendboard/models"
)

// sessionCookie names the browser session cookie.
const sessionCookie = "sb_session"

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
			u, err := models.TokenUser(ctx, a.DB, strings.TrimSpace(tok), a.Now())
			if err != nil {
				return err
			}
			c.Set("user", u)
			c.Set("bearer", true)
			return next(c)
		}
		if ck, err := c.Cookie(sessionCookie); err == nil && ck.Value != "" {
			u, err := models.SessionUser(ctx, a.DB, ck.Value, a.Now(), a.Config.SessionIdle)
			if err == nil {
				c.Set("user", u)
			} else if err != models.ErrUnauthorized {
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

// csrf protects every cookie-authenticated write with a double-submit token
// (form field _csrf or header X-CSRF-Token). Bearer-token API calls carry no
// cookie, so cannot be forged by another site, and skip it.
func (a *App) csrf() echo.MiddlewareFunc {
	return middleware.CSRFWithConfig(middleware.CSRFConfig{
		TokenLookup:    "form:_csrf,header:X-CSRF-Token",
		CookieName:     "sb_csrf",
		CookiePath:     "/",
		CookieHTTPOnly: true,
		CookieSecure:   a.Config.SecureCookies,
		CookieSameSite: http.SameSiteLaxMode,
		ContextKey:     "csrf",
		Skipper: func(c echo.Context) bool {
			// An API call without a session cookie has no ambient authority to
			// forge; let requireUser answer it with 401.
			b, _ := c.Get("bearer").(bool)
			return b || (isAPI(c) && currentUser(c) == nil)
		},
		ErrorHandler: func(err error, c echo.Context) error {
			return echo.NewHTTPError(http.StatusForbidden, "The form has expired or did not come from this site. Go back, reload the page and try again.")
		},
	})
}

// setSession issues a fresh session cookie (a new id at every sign-in).
func (a *App) setSession(c echo.Context, token string) {
	c.SetCookie(&http.Cookie{Name: sessionCookie, Value: token, Path: "/", HttpOnly: true,
		Secure: a.Config.SecureCookies || c.IsTLS(), SameSite: http.SameSiteLaxMode,
		Expires: a.Now().Add(a.Config.SessionIdle)})
}

func (a *App) clearSession(c echo.Context) {
	c.SetCookie(&http.Cookie{Name: sessionCookie, Value: "", Path: "/", HttpOnly: true, MaxAge: -1,
		Secure: a.Config.SecureCookies || c.IsTLS(), SameSite: http.SameSiteLaxMode, Expires: time.Unix(0, 0)})
}
