package app

import (
	"context"
	"errors"
	"net/http"
	"net/url"
	"path"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/labstack/echo/v4"

	"sendboard/models"
)

// apiError is the JSON body of every API error.
type apiError struct {
	Error   string       `json:"error"`
	Field   string       `json:"field,omitempty"`
	Current *apiConflict `json:"current,omitempty"` // on a 409 for a stale version
}

// apiConflict is the "current" part of a 409: the newer state a refused
// stale write would have overwritten, to reconcile with.
type apiConflict struct {
	Version int        `json:"version"`
	Status  string     `json:"status"`
	RAG     *string    `json:"rag"`
	Latest  *apiUpdate `json:"latest_update"`
}

// conflictState is ce's newer state in the API's shape, or nil when the
// conflict carries none (a closed round, a simultaneous import).
func conflictState(ce *models.ConflictError) *apiConflict {
	cur, ok := ce.Current.(*models.Conflict)
	if !ok || cur == nil {
		return nil
	}
	out := &apiConflict{Version: cur.Version, Status: cur.Status, RAG: optional(cur.RAG)}
	if cur.Latest != nil {
		u := toAPIUpdate(*cur.Latest)
		out.Latest = &u
	}
	return out
}

// errorStatus maps a domain error to an HTTP status and the message safe to show.
func errorStatus(err error) (int, apiError) {
	var ie *models.InvalidError
	var ce *models.ConflictError
	var he *echo.HTTPError
	switch {
	case errors.As(err, &ie):
		return http.StatusBadRequest, apiError{Error: ie.Message, Field: ie.Field}
	case errors.As(err, &ce):
		return http.StatusConflict, apiError{Error: ce.Message, Current: conflictState(ce)}
	case errors.Is(err, models.ErrNotFound):
		return http.StatusNotFound, apiError{Error: "Not found."}
	case errors.Is(err, models.ErrForbidden):
		return http.StatusForbidden, apiError{Error: models.ErrForbidden.Error()}
	case errors.Is(err, models.ErrUnauthorized):
		return http.StatusUnauthorized, apiError{Error: models.ErrUnauthorized.Error()}
	case errors.As(err, &he):
		msg, _ := he.Message.(string)
		if msg == "" {
			msg = http.StatusText(he.Code)
		}
		return he.Code, apiError{Error: msg}
	}
	return http.StatusInternalServerError, apiError{Error: "Internal error."}
}

// handleError is Echo's single error handler: JSON under /api, an HTML page
// elsewhere. Unexpected errors are logged in full and shown as "Internal error."
func (a *App) handleError(err error, c echo.Context) {
	if c.Response().Committed {
		return
	}
	if errors.Is(err, context.Canceled) && c.Request().Context().Err() != nil {
		// The client went away; there is no one to answer and nothing went wrong.
		a.Log.Debug("client closed the request", "path", c.Request().URL.Path)
		c.Response().WriteHeader(499)
		return
	}
	if dbUnreachable(err) {
		a.answerDBUnreachable(c, err)
		return
	}
	status, body := errorStatus(err)
	if status == http.StatusInternalServerError {
		a.Log.Error("request failed", "method", c.Request().Method, "path", c.Request().URL.Path, "err", err)
	}
	if status == http.StatusUnauthorized && !isAPI(c) {
		c.Redirect(http.StatusSeeOther, "/login?next="+url.QueryEscape(safeNext(c.Request().URL.RequestURI())))
		return
	}
	if status == http.StatusUnauthorized {
		// RFC 6750: say which scheme the API takes.
		c.Response().Header().Set("WWW-Authenticate", "Bearer")
	}
	if isAPI(c) || a.Render == nil {
		c.JSON(status, body)
		return
	}
	v := a.view(c, http.StatusText(status), "")
	v.Data = map[string]any{"Status": status, "Message": body.Error, "Field": body.Field,
		// The field is named, not linked: the form it belongs to is not on this page.
		"Summary": errorSummary{Items: []summaryItem{{Field: body.Field, Message: body.Error, Label: body.Field}}}}
	if rerr := c.Render(status, "error", v); rerr != nil {
		a.Log.Error("rendering error page", "err", rerr)
		c.String(status, body.Error)
	}
}

func isAPI(c echo.Context) bool { return strings.HasPrefix(c.Request().URL.Path, "/api/") }

// safeNext keeps a post-sign-in redirect on this site: only a path on this
// host, free of control characters and backslashes (which browsers read as
// slashes) before and after decoding, cleaned of dot segments and doubled
// slashes. Anything else goes to "/".
func safeNext(s string) string {
	if s == "" || len(s) > 2048 || hasUnsafeRune(s) {
		return "/"
	}
	u, err := url.Parse(s)
	if err != nil || u.Scheme != "" || u.Host != "" || u.User != nil || u.Opaque != "" ||
		!strings.HasPrefix(u.Path, "/") || hasUnsafeRune(u.Path) {
		return "/"
	}
	clean := path.Clean(u.Path)
	if strings.HasPrefix(clean, "//") {
		return "/"
	}
	out := (&url.URL{Path: clean, RawQuery: u.RawQuery}).String()
	if !strings.HasPrefix(out, "/") || strings.HasPrefix(out, "//") || hasUnsafeRune(out) {
		return "/"
	}
	return out
}

func hasUnsafeRune(s string) bool {
	return strings.ContainsFunc(s, func(r rune) bool { return r == '\\' || unicode.IsControl(r) || r == utf8.RuneError })
}
