package app_test

import (
	"bytes"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/labstack/echo/v4"

	"sendboard/app"
)

// A panic in a handler is a 500 logged through the app's structured logger,
// with the stack, not printed by Echo's own logger.
func TestPanicsAreLoggedThroughSlog(t *testing.T) {
	t.Parallel()
	var logs bytes.Buffer
	a := &app.App{Config: app.Defaults(), Log: slog.New(slog.NewJSONHandler(&logs, nil)), Now: time.Now}
	e, err := a.Handler()
	if err != nil {
		t.Fatal(err)
	}
	e.GET("/boom", func(echo.Context) error { panic("kaboom") })
	rec := httptest.NewRecorder()
	e.ServeHTTP(rec, httptest.NewRequest("GET", "/boom", nil))
	if rec.Code != http.StatusInternalServerError {
		t.Fatalf("status %d", rec.Code)
	}
	if !strings.Contains(logs.String(), `"msg":"panic serving a request"`) || !strings.Contains(logs.String(), "kaboom") ||
		!strings.Contains(logs.String(), `"stack":"goroutine`) {
		t.Fatalf("log: %s", logs.String())
	}
}

// The profiler's address is a setting like the others, read once at start.
func TestPprofAddressIsConfig(t *testing.T) {
	t.Parallel()
	cfg, err := app.Defaults().FromEnv(func(k string) string {
		return map[string]string{"SENDBOARD_PPROF": "127.0.0.1:6060"}[k]
	})
	if err != nil || cfg.PprofAddr != "127.0.0.1:6060" {
		t.Fatalf("%q %v", cfg.PprofAddr, err)
	}
}
