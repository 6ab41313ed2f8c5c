package app

import (
	"database/sql/driver"
	"errors"
	"log/slog"
	"net"
	"net/http"
	"strings"
	"sync"
	"syscall"
	"time"

	"github.com/jackc/pgx/v5/pgconn"
	"github.com/labstack/echo/v4"
)

// dbUnreachableMessage is what a page or an API caller is told while the
// database cannot be reached.
const dbUnreachableMessage = "sendboard cannot reach its database; try again in a minute"

// dbRetryAfter is the Retry-After of an answer given during an outage, in
// seconds: the pool reconnects by itself within a second of the database
// coming back.
const dbRetryAfter = "5"

// dbUnreachable reports whether err means the database could not be reached
// (refused, reset, timed out, shutting down or starting up) rather than that
// a request was wrong or a query failed: those answers are a 503 the caller
// can retry, not a 500.
func dbUnreachable(err error) bool {
	var ce *pgconn.ConnectError
	var pe *pgconn.PgError
	var oe *net.OpError
	switch {
	case err == nil:
		return false
	case errors.As(err, &ce), errors.As(err, &oe):
		return true
	case errors.As(err, &pe):
		// Class 08 is connection exceptions; 57P01-57P03 are the server
		// shutting down (administrator or crash) or not accepting connections yet.
		return strings.HasPrefix(pe.Code, "08") || pe.Code == "57P01" || pe.Code == "57P02" || pe.Code == "57P03"
	case errors.Is(err, driver.ErrBadConn), errors.Is(err, syscall.ECONNREFUSED), errors.Is(err, syscall.ECONNRESET),
		errors.Is(err, syscall.EPIPE), pgconn.Timeout(err):
		return true
	}
	msg := err.Error()
	for _, s := range []string{"the database system is shutting down", "the database system is starting up",
		"failed to connect to", "conn closed", "connection reset by peer", "connection refused"} {
		if strings.Contains(msg, s) {
			return true
		}
	}
	return false
}

// answerDBUnreachable tells the caller the database is down: JSON under /api,
// a plain page elsewhere (the usual one would need the database for its
// navigation), both with Retry-After.
func (a *App) answerDBUnreachable(c echo.Context, err error) {
	a.outageLog.note(a.Log, c.Request().URL.Path, err)
	c.Response().Header().Set("Retry-After", dbRetryAfter)
	c.Response().Header().Set("Cache-Control", "no-store")
	if isAPI(c) {
		c.JSON(http.StatusServiceUnavailable, apiError{Error: dbUnreachableMessage})
		return
	}
	c.HTML(http.StatusServiceUnavailable, dbUnreachablePage)
}

const dbUnreachablePage = `<!DOCTYPE html>
<html lang="en-GB" class="govuk-template">
<head>
<meta charset="utf-8">
<title>Service unavailable – sendboard</title>
<meta name="viewport" content="width=device-width, initial-scale=1">
<link rel="stylesheet" href="/static/govuk/govuk-frontend.min.css">
</head>
<body class="govuk-template__body">
<div class="govuk-width-container">
<main class="govuk-main-wrapper" id="main-content">
<h1 class="govuk-heading-l">Sorry, sendboard is unavailable</h1>
<p class="govuk-body">` + dbUnreachableMessage + `.</p>
<p class="govuk-body">Nothing you sent was saved. When the page comes back, send it again.</p>
</main>
</div>
</body>
</html>
`

// outageLog writes the "database unreachable" line at most once a second,
// with how many requests met the outage since the last line: during an outage
// every request fails the same way, and a line each filled the disk.
type outageLog struct {
	mu         sync.Mutex
	last       time.Time
	suppressed int
}

func (o *outageLog) note(log *slog.Logger, path string, err error) {
	o.mu.Lock()
	now := time.Now()
	if !o.last.IsZero() && now.Sub(o.last) < time.Second {
		o.suppressed++
		o.mu.Unlock()
		return
	}
	n := o.suppressed
	o.last, o.suppressed = now, 0
	o.mu.Unlock()
	log.Error("database unreachable", "path", path, "more_requests", n, "err", err)
}
