package app

import (
	"context"
	"fmt"
	"log/slog"
	"net/http"
	"time"

	"github.com/labstack/echo/v4"
)

// requestLog logs each request once it is answered.
func (a *App) requestLog(next echo.HandlerFunc) echo.HandlerFunc {
	return func(c echo.Context) error {
		start := time.Now()
		err := next(c)
		if err != nil {
			c.Error(err)
		}
		if a.Log.Enabled(c.Request().Context(), slog.LevelInfo) {
			a.Log.Info("request", "method", c.Request().Method, "path", loggedPath(c.Request().URL.Path),
				"status", c.Response().Status, "ms", float64(time.Since(start).Microseconds())/1000)
		}
		return nil
	}
}

// noStore keeps every page and API answer behind sign-in (and the sign-in
// page itself) out of browser and proxy caches: they hold one person's view.
func noStore(next echo.HandlerFunc) echo.HandlerFunc {
	return func(c echo.Context) error {
		c.Response().Header().Set("Cache-Control", "no-store")
		return next(c)
	}
}

// transportSecurity tells browsers to use HTTPS only, once the deployment says
// it is served over HTTPS (secure cookies).
func (a *App) transportSecurity(next echo.HandlerFunc) echo.HandlerFunc {
	return func(c echo.Context) error {
		if a.Config.SecureCookies {
			c.Response().Header().Set("Strict-Transport-Security", "max-age=31536000; includeSubDomains")
		}
		return next(c)
	}
}

func (a *App) healthz(c echo.Context) error {
	return c.JSON(http.StatusOK, map[string]string{"status": "ok"})
}

// readyz answers 200 only while the database answers.
func (a *App) readyz(c echo.Context) error {
	ctx, cancel := context.WithTimeout(c.Request().Context(), 2*time.Second)
	defer cancel()
	sqlDB, err := a.DB.DB()
	if err == nil {
		err = sqlDB.PingContext(ctx)
	}
	if err != nil {
		a.Log.Warn("readiness check failed", "err", err)
		return c.JSON(http.StatusServiceUnavailable, map[string]string{"status": "database unreachable"})
	}
	return c.JSON(http.StatusOK, map[string]string{"status": "ready"})
}

// formatBytes writes a byte count the way Echo's BodyLimit expects ("12M").
func formatBytes(n int64) string {
	if n%(1<<20) == 0 {
		return fmt.Sprintf("%dM", n>>20)
	}
	return fmt.Sprintf("%dK", (n+1023)>>10)
}
