package app

import (
	"context"
	"errors"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"
)

// A listening connection can go silent without closing: a network cut, a
// frozen proxy, a stopped PostgreSQL host. Notifications then stop with no
// error, and revisions held in memory would go stale unseen. So the
// listener proves its connection alive every beat with a round trip (the
// server sends every notification it holds before answering), and a request
// trusts the revisions in memory only within a lease of three beats from the
// last proof; past it, it reads them from the database. A write waits longer
// than the lease for every listener to confirm it (awaitOwnWrites), so once
// the write's call has returned each replica either holds it or has stopped
// trusting its memory.

var revEpoch = time.Now()

// monoNow is the monotonic clock in nanoseconds, for leases.
func monoNow() int64 { return int64(time.Since(revEpoch)) }

func (a *App) listenBeat() time.Duration {
	if a.ListenBeat > 0 {
		return a.ListenBeat
	}
	return 500 * time.Millisecond
}

// leaseHeld reports whether the revisions in memory may be trusted now.
func (a *App) leaseHeld() bool {
	if monoNow()-a.revs.heard.Load() <= int64(3*a.listenBeat()) {
		return true
	}
	a.revs.lapses.Add(1)
	return false
}

// confirmWait is how long a write waits for the listeners to confirm it:
// longer than the lease, so a replica that could not confirm no longer
// trusts its memory when the write returns.
func (a *App) confirmWait() time.Duration { return max(2*time.Second, 4*a.listenBeat()) }

// listenLoop applies notifications as they come and proves the connection
// alive every beat, however busy the channel is.
func (a *App) listenLoop(ctx context.Context, conn *pgx.Conn) error {
	beat := a.listenBeat()
	next := time.Now().Add(beat)
	for {
		wctx, cancel := context.WithDeadline(ctx, next)
		n, err := conn.WaitForNotification(wctx)
		cancel()
		if n != nil {
			a.applyNotification(n.Payload)
		}
		if err == nil {
			continue
		}
		if ctx.Err() != nil || !(pgconn.Timeout(err) || errors.Is(err, context.DeadlineExceeded)) {
			return err
		}
		if err := a.proveAlive(ctx, conn, beat); err != nil {
			return err
		}
		next = time.Now().Add(beat)
	}
}

// proveAlive makes one round trip on the listening connection, applies the
// notifications that came with it, and moves the lease to when it was sent:
// every commit before then has been announced and applied.
func (a *App) proveAlive(ctx context.Context, conn *pgx.Conn, beat time.Duration) error {
	sent := monoNow()
	pctx, cancel := context.WithTimeout(ctx, 2*beat)
	defer cancel()
	a.revs.proofs.Add(1)
	if _, err := conn.PgConn().Exec(pctx, "SELECT 1").ReadAll(); err != nil {
		return err
	}
	// Only notifications already received: a done context never waits.
	done, stop := context.WithCancel(ctx)
	stop()
	for {
		n, _ := conn.WaitForNotification(done)
		if n == nil {
			break
		}
		a.applyNotification(n.Payload)
	}
	a.revs.heard.Store(sent)
	return nil
}
