package app_test

import (
	"bytes"
	"context"
	"log/slog"
	"net/http"
	"strings"
	"sync"
	"testing"
	"time"

	"sendboard/app"
	"sendboard/app/apptest"
	"sendboard/models"
	"sendboard/models/modeltest"
	"sendboard/models/schema"
	"sendboard/seeds"
)

// lockedBuffer is a log the handlers write to from many goroutines.
type lockedBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (l *lockedBuffer) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.Write(p)
}

func (l *lockedBuffer) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.String()
}

// TestDatabaseOutageAnswers503AndRecovers stops a PostgreSQL server of the
// test's own under the app: pages and API calls answer 503 with Retry-After
// and a plain message (JSON for the API), the outage is logged about once a
// second with a count instead of once a request, and the app answers again
// by itself soon after the server is back.
func TestDatabaseOutageAnswers503AndRecovers(t *testing.T) {
	t.Parallel()
	pg := startPGCluster(t)
	ctx := context.Background()
	cfg := app.Defaults()
	cfg.DatabaseURL, cfg.NoJobs = pg.URL(), true
	db, err := app.OpenDB(ctx, cfg)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { app.CloseDB(db) })
	if _, err := schema.Migrate(ctx, db); err != nil {
		t.Fatal(err)
	}
	if _, err := seeds.Load(ctx, db, seeds.WithoutBenchmarks()); err != nil {
		t.Fatal(err)
	}
	var logs lockedBuffer
	a := &app.App{Config: cfg, DB: db, Log: slog.New(slog.NewTextHandler(&logs, nil)), Now: time.Now}
	e, err := a.Handler()
	if err != nil {
		t.Fatal(err)
	}
	env := &apptest.Env{App: a, E: e, DB: modeltest.DB{Name: "postgres", DB: db, DSN: pg.URL()}}
	viewer := env.SignIn(t, models.RoleViewer)
	if rec := env.Get(viewer, "/"); rec.Code != http.StatusOK {
		t.Fatalf("before the outage: %d", rec.Code)
	}

	pg.stop(t)
	const msg = "sendboard cannot reach its database; try again in a minute"
	requests := 0
	for start := time.Now(); time.Since(start) < 1500*time.Millisecond; requests += 2 {
		page := env.Get(viewer, "/")
		if page.Code != http.StatusServiceUnavailable || page.Header().Get("Retry-After") != "5" || !strings.Contains(page.Body.String(), msg) ||
			!strings.HasPrefix(page.Header().Get("Content-Type"), "text/html") {
			t.Fatalf("page during the outage: %d Retry-After %q\n%.400s", page.Code, page.Header().Get("Retry-After"), page.Body)
		}
		api := env.API(viewer, "GET", "/api/v1/actions", "")
		if api.Code != http.StatusServiceUnavailable || api.Header().Get("Retry-After") != "5" || strings.TrimSpace(api.Body.String()) != `{"error":"`+msg+`"}` {
			t.Fatalf("API during the outage: %d Retry-After %q %s", api.Code, api.Header().Get("Retry-After"), api.Body)
		}
		time.Sleep(20 * time.Millisecond)
	}
	// Besides the access log's line per request, one line a second at most,
	// the later ones counting the requests in between.
	var problems []string
	for _, line := range strings.Split(logs.String(), "\n") {
		if line != "" && !strings.Contains(line, "level=INFO") {
			problems = append(problems, line)
		}
	}
	if len(problems) < 2 || len(problems) > 3 || strings.Contains(problems[1], "more_requests=0 ") ||
		!strings.Contains(strings.Join(problems, "\n"), `msg="database unreachable"`) {
		t.Errorf("%d requests during the outage logged:\n%s", requests, strings.Join(problems, "\n"))
	}

	pg.start(t)
	back := time.Now()
	for {
		rec := env.Get(viewer, "/")
		if rec.Code == http.StatusOK {
			break
		}
		if time.Since(back) > 5*time.Second {
			t.Fatalf("still %d 5 s after the database came back", rec.Code)
		}
		time.Sleep(50 * time.Millisecond)
	}
	t.Logf("%d requests answered 503 during the outage; pages answered again %s after the server was back", requests, time.Since(back).Round(10*time.Millisecond))
	if rec := env.API(viewer, "GET", "/api/v1/actions", ""); rec.Code != http.StatusOK {
		t.Errorf("API after the outage: %d", rec.Code)
	}
}
