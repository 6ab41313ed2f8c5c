package app

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/labstack/echo/v4"

	"sendboard/models"
)

// notifyChannel is where the revision triggers announce every bump
// (schemaV33): "<scope> <n>", or "g <n>" for the catch-all revision.
const notifyChannel = "sendboard_cache"

// ListenerName is the application_name of each replica's listening
// connection, to find it in pg_stat_activity.
const ListenerName = "sendboard revision listener"

// revisionSource gives each request the database's revisions. On PostgreSQL
// a listening connection keeps them in memory: NOTIFY is delivered at
// commit, so what it holds moves with every write from any replica, job or
// the command line. Without a live listener (SQLite, or the connection
// lost) every request reads them, one small statement, and so is exact.
type revisionSource struct {
	live   atomic.Pointer[models.Revisions] // nil: read through
	id     string                           // this replica, in its markers
	seq    atomic.Int64
	mu     sync.Mutex
	marks  map[string]*markWait
	cancel context.CancelFunc // ends the current listening connection
	// drops counts listening connections lost; relistens, those made.
	drops, relistens atomic.Int64
	// heard is when (on the monotonic clock, see monoNow) the listener last
	// proved it had applied every commit made before; lapses counts reads
	// that found that too long ago and read through.
	heard, lapses atomic.Int64
	// proofs counts the round trips made to prove the connection alive.
	proofs atomic.Int64
}

type revMemoKey struct{}

// revMemo holds the one revision read a request makes.
type revMemo struct{ r *models.Revisions }

// withRevisionMemo gives the request a place for its revision read, so every
// part of it that asks sees the same revisions.
func withRevisionMemo(next echo.HandlerFunc) echo.HandlerFunc {
	return func(c echo.Context) error {
		req := c.Request()
		c.SetRequest(req.WithContext(context.WithValue(req.Context(), revMemoKey{}, &revMemo{})))
		return next(c)
	}
}

// revisions are the database's revisions as of this request: read once per
// request, and not at all while the listener holds them.
func (a *App) revisions(ctx context.Context) (*models.Revisions, error) {
	m, _ := ctx.Value(revMemoKey{}).(*revMemo)
	if m != nil && m.r != nil {
		return m.r, nil
	}
	r := a.revs.live.Load()
	if r != nil && !a.leaseHeld() {
		r = nil
	}
	if r == nil {
		var err error
		if r, err = models.ReadRevisions(ctx, a.DB); err != nil {
			return nil, err
		}
	}
	if m != nil {
		m.r = r
	}
	return r, nil
}

// Listen keeps the revisions in memory on PostgreSQL until ctx ends,
// listening on dsn and listening again whenever the connection is lost. It
// returns once the first listening connection is up (or failed: the app
// then reads through until one is).
func (a *App) Listen(ctx context.Context, dsn string) error {
	if a.revs.id == "" {
		var b [6]byte
		_, _ = rand.Read(b[:])
		a.revs.id = hex.EncodeToString(b[:])
	}
	first := make(chan error, 1)
	go func() {
		base := a.ListenRetry
		if base <= 0 {
			base = time.Second
		}
		wait := base
		for ctx.Err() == nil {
			before := a.revs.relistens.Load()
			err := a.listenOnce(ctx, dsn, first)
			if a.revs.relistens.Load() != before {
				wait = base // it had listened: the first retry comes soon again
			}
			a.revs.live.Store(nil)
			a.revs.drops.Add(1)
			if ctx.Err() != nil {
				return
			}
			a.Log.Warn("revision listener lost: reading revisions from the database until it is back", "err", err)
			select {
			case first <- err:
			default:
			}
			select {
			case <-ctx.Done():
				return
			case <-time.After(wait):
			}
			wait = min(2*wait, 10*time.Second)
		}
	}()
	select {
	case err := <-first:
		return err
	case <-ctx.Done():
		return ctx.Err()
	}
}

func (a *App) listenOnce(ctx context.Context, dsn string, first chan<- error) error {
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	a.revs.mu.Lock()
	a.revs.cancel = cancel
	a.revs.mu.Unlock()
	cfg, err := pgx.ParseConfig(dsn)
	if err != nil {
		return err
	}
	cfg.RuntimeParams["application_name"] = ListenerName
	conn, err := pgx.ConnectConfig(ctx, cfg)
	if err != nil {
		return err
	}
	defer conn.Close(context.Background())
	if _, err := conn.Exec(ctx, "LISTEN "+notifyChannel); err != nil {
		return err
	}
	// Read after listening: whatever commits later is announced to us.
	sent := monoNow()
	r, err := readRevisionsPgx(ctx, conn)
	if err != nil {
		return err
	}
	a.revs.heard.Store(sent)
	a.revs.live.Store(r)
	a.revs.relistens.Add(1)
	select {
	case first <- nil:
	default:
	}
	return a.listenLoop(ctx, conn)
}

func readRevisionsPgx(ctx context.Context, conn *pgx.Conn) (*models.Revisions, error) {
	rows, err := conn.Query(ctx, models.RevisionsQuery)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	return models.ScanRevisions(rows)
}

// applyNotification moves the revision a payload names forward (never back:
// notifications of concurrent transactions may arrive in any order relative
// to their values) or wakes whoever waits for a marker.
func (a *App) applyNotification(payload string) {
	kind, val, ok := strings.Cut(payload, " ")
	if !ok {
		return
	}
	switch kind {
	case "m": // a replica's marker: ours arrived, or answer theirs
		if strings.HasPrefix(val, a.revs.id+"-") {
			a.markerSeen(val)
		} else if a.DB != nil {
			go a.DB.Exec("SELECT pg_notify(?, ?)", notifyChannel, "a "+val)
		}
		return
	case "a": // another replica has everything up to our marker
		a.markerSeen(val)
		return
	}
	n, err := strconv.ParseInt(val, 10, 64)
	if err != nil {
		return
	}
	for {
		cur := a.revs.live.Load()
		if cur == nil {
			return // reading through until re-listened
		}
		next := &models.Revisions{Global: cur.Global, Scopes: make(map[int64]int64, len(cur.Scopes)+1)}
		for k, v := range cur.Scopes {
			next.Scopes[k] = v
		}
		if kind == "g" {
			if n <= cur.Global {
				return
			}
			next.Global = n
		} else {
			scope, err := strconv.ParseInt(kind, 10, 64)
			if err != nil || n <= cur.Scopes[scope] {
				return
			}
			next.Scopes[scope] = n
		}
		if a.revs.live.CompareAndSwap(cur, next) {
			return
		}
	}
}

// markWait is a write waiting for every listening replica to have read up
// to its marker.
type markWait struct {
	need, got int
	own       bool
	done      chan struct{}
}

func (a *App) markerSeen(id string) {
	a.revs.mu.Lock()
	defer a.revs.mu.Unlock()
	w := a.revs.marks[id]
	if w == nil {
		return
	}
	if strings.HasPrefix(id, a.revs.id+"-") && !w.own {
		w.own = true
	}
	w.got++
	if w.got == w.need {
		close(w.done)
	}
}

// awaitOwnWrites returns once every replica listening on the database holds
// in memory what this request wrote, so a read after the call returns, on
// any replica, sees it. It sends a marker through the channel after the
// write has committed and counts the listening connections in the same
// statement: each listener receives notifications in commit order, so its
// marker comes after the write's, and each other replica answers the marker
// once it has applied everything before it. A replica that starts listening
// later reads the revisions afresh when it does. If this replica's own
// marker is not back in time its listener is dropped (it reads through
// until it has listened again); a replica that does not answer in time is
// logged: it is hung or has lost its connection, and then reads through.
func (a *App) awaitOwnWrites(ctx context.Context) {
	if a.revs.live.Load() == nil {
		return
	}
	id := a.revs.id + "-" + strconv.FormatInt(a.revs.seq.Add(1), 10)
	w := &markWait{need: 1 << 30, done: make(chan struct{})}
	a.revs.mu.Lock()
	if a.revs.marks == nil {
		a.revs.marks = map[string]*markWait{}
	}
	a.revs.marks[id] = w
	a.revs.mu.Unlock()
	defer func() {
		a.revs.mu.Lock()
		delete(a.revs.marks, id)
		a.revs.mu.Unlock()
	}()
	var listeners int
	err := a.DB.WithContext(ctx).Raw("SELECT (SELECT COUNT(*) FROM pg_stat_activity WHERE datname = current_database() AND application_name = ?) FROM (SELECT pg_notify(?, ?)) n",
		ListenerName, notifyChannel, "m "+id).Scan(&listeners).Error
	if err != nil {
		a.dropListener()
		return
	}
	a.revs.mu.Lock()
	w.need = max(listeners, 1)
	if w.got >= w.need {
		close(w.done)
	}
	a.revs.mu.Unlock()
	select {
	case <-w.done:
	case <-time.After(a.confirmWait()):
		a.revs.mu.Lock()
		own, got, need := w.own, w.got, w.need
		a.revs.mu.Unlock()
		if !own {
			a.dropListener()
		}
		a.Log.Warn("replicas slow to confirm a write: a read on them may not show it yet", "confirmed", got, "listening", need)
	case <-ctx.Done():
	}
}

// dropListener makes this replica read through until it has listened again.
func (a *App) dropListener() {
	a.revs.live.Store(nil)
	a.revs.mu.Lock()
	cancel := a.revs.cancel
	a.revs.mu.Unlock()
	if cancel != nil {
		cancel()
	}
}

// afterWrites waits, after any request that may have written and before its
// response starts, until this replica's memory holds its writes (see
// awaitOwnWrites).
func (a *App) afterWrites(next echo.HandlerFunc) echo.HandlerFunc {
	return func(c echo.Context) error {
		switch c.Request().Method {
		case "GET", "HEAD", "OPTIONS":
		default:
			ctx := c.Request().Context()
			c.Response().Before(func() { a.awaitOwnWrites(ctx) })
		}
		return next(c)
	}
}

// ListenerState says whether the revisions are held in memory, how many
// listening connections were lost and how many made.
func (a *App) ListenerState() (live bool, drops, listens int64) {
	return a.revs.live.Load() != nil, a.revs.drops.Load(), a.revs.relistens.Load()
}

// revisionStats is what the debug endpoint shows of the listener.
func (a *App) revisionStats() string {
	live := "no (reading through)"
	if a.revs.live.Load() != nil {
		live = "yes"
	}
	return "revisions_in_memory " + live + "\nlistener_drops " + strconv.FormatInt(a.revs.drops.Load(), 10) +
		"\nlistens " + strconv.FormatInt(a.revs.relistens.Load(), 10) +
		"\nlease_lapses " + strconv.FormatInt(a.revs.lapses.Load(), 10) +
		"\nlistener_proofs " + strconv.FormatInt(a.revs.proofs.Load(), 10) + "\n"
}
