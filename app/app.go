package app

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"sync"
	"time"

	"github.com/labstack/echo/v4"
	"gorm.io/gorm"

	"sendboard/app/jobs"
	"sendboard/app/pack"
	"sendboard/models"
	"sendboard/models/planimport"
	"sendboard/models/schema"
	"sendboard/seeds"
)

// App is the running application. Open gives the light form (database only)
// used by CLI commands; Handler and Serve add HTTP and the scheduler.
type App struct {
	Config Config
	DB     *gorm.DB
	Echo   *echo.Echo
	Log    *slog.Logger
	Render *Renderer
	// Printer prints PDF packs; nil where Chromium is not installed, and then
	// packs are made as HTML and XLSX only.
	Printer *pack.Printer
	Now     func() time.Time // injectable clock
	// Sleep, when set, replaces the real wait that slows repeated failed
	// sign-ins, so tests can see the delays without waiting them out.
	Sleep func(ctx context.Context, d time.Duration)
	// PlanImportGate runs the reading of uploaded plan files one at a time
	// within a deadline; nil gives the default (see planImportGate).
	PlanImportGate *planimport.Gate
	// ListenRetry is how long a replica that lost its revision listener reads
	// through before it listens again (doubling while that fails); 0 is 1 s.
	ListenRetry time.Duration
	// ListenBeat is how often the revision listener proves its connection
	// alive; revisions held in memory are trusted for three beats since the
	// last proof (see revisions_lease.go). 0 is 500 ms.
	ListenBeat time.Duration
	// OIDC is the single sign-on set up (nil: none); see UseOIDC.
	OIDC      *OIDCConfig
	sso       ssoClients
	gateOnce  sync.Once
	jobsOnce  sync.Once
	jobs      *jobs.Runner   // scheduled jobs: see jobs.go
	cache     pageCache      // reference lists and rendered pages: see refcache.go
	revs      revisionSource // the database's revisions: see revisions.go
	auth      authCache      // sessions and API tokens: see authcache.go
	outageLog outageLog      // the rate-limited "database unreachable" line: see db_outage.go
}

// Open connects to the configured database.
func Open(ctx context.Context, cfg Config, log *slog.Logger) (*App, error) {
	if err := cfg.Validate(); err != nil {
		return nil, err
	}
	chromium, err := pack.FindChromium(cfg.Chromium)
	if err != nil {
		return nil, err
	}
	db, err := OpenDB(ctx, cfg)
	if err != nil {
		return nil, err
	}
	a := &App{Config: cfg, DB: db, Log: log, Now: time.Now}
	if chromium != "" {
		a.Printer = &pack.Printer{Path: chromium}
	}
	return a, nil
}

// Close releases the database.
func (a *App) Close() { CloseDB(a.DB) }

// Prepare migrates the schema and, when the database holds no plan yet, loads
// the seeds: what `make run` needs on a fresh machine.
func (a *App) Prepare(ctx context.Context) error {
	n, err := schema.Migrate(ctx, a.DB)
	if err != nil {
		return err
	}
	if n > 0 {
		a.Log.Info("migrated", "steps", n)
	}
	// Under the start-up lock, so replicas starting together seed once.
	return schema.WithSetupLock(ctx, a.DB, func() error {
		var plans int64
		if err := a.DB.WithContext(ctx).Model(&models.Plan{}).Count(&plans).Error; err != nil {
			return err
		}
		if plans == 0 {
			res, err := seeds.Load(ctx, a.DB, seeds.At(a.Now()))
			if err != nil {
				return fmt.Errorf("loading seeds: %w", err)
			}
			a.Log.Info("seeded an empty database", "actions", res.Actions, "kpi_figures", res.Figures)
		}
		return nil
	})
}

// Handler builds the Echo router with every route.
func (a *App) Handler() (*echo.Echo, error) {
	r, err := NewRendererIn(a.Config.Location())
	if err != nil {
		return nil, err
	}
	a.Render = r
	e := echo.New()
	e.HideBanner, e.HidePort = true, true
	e.Renderer = r
	e.HTTPErrorHandler = a.handleError
	e.IPExtractor = ipExtractor(a.Config.TrustedProxies)
	a.Echo = e
	a.routes(e)
	a.startDebug()
	return e, nil
}

// Serve runs the HTTP server (and the scheduler, unless NoJobs) on ln until ctx
// is cancelled, then shuts down gracefully.
func (a *App) Serve(ctx context.Context, ln net.Listener) error {
	ok, err := schema.UpToDate(ctx, a.DB)
	if err != nil {
		return err
	}
	if !ok {
		return errors.New("the database schema is out of date: run `sendboard migrate`")
	}
	if a.Echo == nil {
		if _, err := a.Handler(); err != nil {
			return err
		}
	}
	if err := a.recordBaseURL(ctx, ln); err != nil {
		return err
	}
	if a.Config.DatabaseURL != "" {
		// Failing here is not fatal: the app reads revisions through until it listens.
		_ = a.Listen(ctx, a.Config.DatabaseURL)
	}
	stopJobs := a.StartJobs(ctx)
	srv := &http.Server{Handler: a.Echo, ReadHeaderTimeout: 10 * time.Second, ReadTimeout: 60 * time.Second,
		WriteTimeout: 120 * time.Second, IdleTimeout: 120 * time.Second, MaxHeaderBytes: 1 << 20}
	errc := make(chan error, 1)
	go func() { errc <- srv.Serve(ln) }()
	a.Log.Info("serving", "addr", "http://"+ln.Addr().String())
	if a.Printer == nil {
		a.Log.Warn("PDF packs unavailable: no Chromium found (install chromium or set SENDBOARD_CHROMIUM); packs are made as HTML and XLSX")
	} else {
		a.Log.Info("PDF packs printed with Chromium", "path", a.Printer.Path)
	}
	select {
	case err := <-errc:
		stopJobs()
		return err
	case <-ctx.Done():
	}
	a.Log.Info("shutting down")
	shutCtx, cancel := context.WithTimeout(context.Background(), 15*time.Second)
	defer cancel()
	err = srv.Shutdown(shutCtx)
	stopJobs()
	if errors.Is(err, http.ErrServerClosed) {
		err = nil
	}
	return err
}

// ipExtractor takes the client's address from the direct peer, or from
// X-Forwarded-For only when the request came through the trusted proxies; an
// address anyone can set would let one client pass for many and dodge the
// per-address sign-in limit.
func ipExtractor(trusted []*net.IPNet) echo.IPExtractor {
	if len(trusted) == 0 {
		return echo.ExtractIPDirect()
	}
	opts := []echo.TrustOption{echo.TrustLoopback(false), echo.TrustLinkLocal(false), echo.TrustPrivateNet(false)}
	for _, n := range trusted {
		opts = append(opts, echo.TrustIPRange(n))
	}
	return echo.ExtractIPFromXFFHeader(opts...)
}
