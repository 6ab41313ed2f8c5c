package app

import (
	"crypto/hmac"
	"crypto/sha256"
	"crypto/subtle"
	"encoding/base64"
	"net/http"
	"strings"

	"github.com/labstack/echo/v4"

	"sendboard/models"
)

// csrfLabel and preCSRFLabel keep a session's token and a pre-session's token
// apart, so neither can stand in for the other.
const (
	csrfLabel    = "sendboard csrf v1: session"
	preCSRFLabel = "sendboard csrf v1: pre-session"
)

// SessionCSRF is the CSRF token of the session whose cookie holds secret: an
// HMAC keyed by that 256-bit secret, which only the browser holding the cookie
// and the server ever see. Replicas derive the same token with no shared key,
// and a new session (every sign-in) has a new token.
func SessionCSRF(secret string) string { return macToken(secret, csrfLabel) }

// PreSessionCSRF is the token for the sign-in form of a browser with no
// session yet, bound to its pre-session cookie. Signing in ends the
// pre-session, so the token stops working.
func PreSessionCSRF(secret string) string { return macToken(secret, preCSRFLabel) }

func macToken(key, label string) string {
	m := hmac.New(sha256.New, []byte(key))
	m.Write([]byte(label))
	return base64.RawURLEncoding.EncodeToString(m.Sum(nil))
}

// SessionCookieName and PreSessionCookieName name the cookies; with secure
// cookies they carry the __Host- prefix, which browsers only accept from
// HTTPS, for the whole host, so a sibling subdomain cannot plant one.
func SessionCookieName(secure bool) string    { return cookieName(secure, "sb_session") }
func PreSessionCookieName(secure bool) string { return cookieName(secure, "sb_pre") }

func cookieName(secure bool, base string) string {
	if secure {
		return "__Host-" + base
	}
	return base
}

// csrf checks every cookie-authenticated write for the token of the caller's
// session (or, before sign-in, pre-session), taken only from the form field
// _csrf or the X-CSRF-Token header, never the query string. Bearer-token API
// calls carry no ambient authority to forge, and skip it.
func (a *App) csrf(next echo.HandlerFunc) echo.HandlerFunc {
	return func(c echo.Context) error {
		if b, _ := c.Get("bearer").(bool); b {
			return next(c)
		}
		if isAPI(c) && currentUser(c) == nil {
			return next(c) // no ambient authority; requireUser answers 401
		}
		want := a.expectedCSRF(c)
		c.Set("csrf", want)
		r := c.Request()
		switch r.Method {
		case http.MethodGet, http.MethodHead, http.MethodOptions:
			return next(c)
		}
		got := r.Header.Get("X-CSRF-Token")
		if got == "" {
			got = r.PostFormValue("_csrf")
		}
		if got == "" || subtle.ConstantTimeCompare([]byte(got), []byte(want)) != 1 {
			return echo.NewHTTPError(http.StatusForbidden, "The form has expired or did not come from this site. Go back, reload the page and try again.")
		}
		return next(c)
	}
}

// expectedCSRF is the token for this request: from the session when signed in
// with a cookie, else from the pre-session cookie, issuing one if missing.
func (a *App) expectedCSRF(c echo.Context) string {
	if secret, ok := c.Get("sessionSecret").(string); ok {
		return SessionCSRF(secret)
	}
	name := PreSessionCookieName(a.Config.SecureCookies)
	if ck, err := c.Cookie(name); err == nil && len(ck.Value) >= 32 && len(ck.Value) <= 64 {
		return PreSessionCSRF(ck.Value)
	}
	secret, _ := models.NewSecret("")
	setCookie(c, a.cookie(c, name, secret, 0))
	return PreSessionCSRF(secret)
}

// cookie builds one of the app's cookies: HttpOnly, SameSite=Lax, whole host;
// maxAge 0 makes a browser-session cookie, negative deletes it.
func (a *App) cookie(c echo.Context, name, value string, maxAge int) *http.Cookie {
	return &http.Cookie{Name: name, Value: value, Path: "/", HttpOnly: true, MaxAge: maxAge,
		Secure: a.Config.SecureCookies || c.IsTLS(), SameSite: http.SameSiteLaxMode}
}

// setCookie sets ck, replacing any Set-Cookie for the same name already on
// the response (the sliding session cookie, when sign-in issues a new one).
func setCookie(c echo.Context, ck *http.Cookie) {
	h := c.Response().Header()
	var keep []string
	for _, v := range h.Values("Set-Cookie") {
		if !strings.HasPrefix(v, ck.Name+"=") {
			keep = append(keep, v)
		}
	}
	h.Del("Set-Cookie")
	for _, v := range keep {
		h.Add("Set-Cookie", v)
	}
	c.SetCookie(ck)
}
