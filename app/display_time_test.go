package app_test

import (
	"context"
	"io"
	"log/slog"
	"strings"
	"testing"
	"time"

	"sendboard/app"
	"sendboard/app/apptest"
	"sendboard/models"
	"sendboard/models/jobrun"
	"sendboard/models/modeltest"
)

// Moments are shown in SENDBOARD_TZ whatever zone the database hands back.
func TestTimesAreShownInTheConfiguredZone(t *testing.T) {
	t.Parallel()
	apptest.Each(t, func(t *testing.T, base *apptest.Env, d modeltest.DB) {
		cfg := app.Defaults()
		cfg.NoJobs, cfg.TimeZone = true, "Asia/Tokyo"
		a := &app.App{Config: cfg, DB: d.DB, Log: slog.New(slog.NewTextHandler(io.Discard, nil)), Now: time.Now}
		e, err := a.Handler()
		if err != nil {
			t.Fatal(err)
		}
		env := &apptest.Env{App: a, E: e, DB: d}
		admin := base.SignIn(t, models.RoleAdmin)
		ctx := context.Background()
		at := time.Date(2026, 7, 1, 12, 0, 0, 0, time.UTC)
		run, err := jobrun.Start(ctx, d.DB, "flag-overdue", "test", nil, at)
		if err != nil {
			t.Fatal(err)
		}
		jobrun.Finish(ctx, d.DB, run, jobrun.OutcomeOK, "done", "", at.Add(time.Second))
		if body := env.Get(admin, "/jobs").Body.String(); !strings.Contains(body, "1 Jul 2026 21:00") {
			t.Fatalf("the run at 12:00 UTC is not shown as 21:00 in Tokyo\n%s", snippet(body[strings.Index(body, "<main"):]))
		}
	})
}
