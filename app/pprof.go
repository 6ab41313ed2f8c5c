package app

import (
	"fmt"
	"net/http"
	"net/http/pprof"
	"sync/atomic"

	"gorm.io/gorm"
)

// startDebug serves Go's profiler and a SQL statement counter on
// Config.PprofAddr (SENDBOARD_PPROF, e.g. 127.0.0.1:6060) for `make bench`
// investigations. It is off unless that is set, and listens apart from the
// app so nothing of it is reachable through the app's own address.
func (a *App) startDebug() {
	addr := a.Config.PprofAddr
	if addr == "" {
		return
	}
	var stmts atomic.Int64
	inc := func(*gorm.DB) { stmts.Add(1) }
	cb := a.DB.Callback()
	_ = cb.Create().After("gorm:create").Register("debug:count_create", inc)
	_ = cb.Query().After("gorm:query").Register("debug:count_query", inc)
	_ = cb.Update().After("gorm:update").Register("debug:count_update", inc)
	_ = cb.Delete().After("gorm:delete").Register("debug:count_delete", inc)
	_ = cb.Row().After("gorm:row").Register("debug:count_row", inc)
	_ = cb.Raw().After("gorm:raw").Register("debug:count_raw", inc)

	mux := http.NewServeMux()
	mux.HandleFunc("/debug/pprof/", pprof.Index)
	mux.HandleFunc("/debug/pprof/cmdline", pprof.Cmdline)
	mux.HandleFunc("/debug/pprof/profile", pprof.Profile)
	mux.HandleFunc("/debug/pprof/symbol", pprof.Symbol)
	mux.HandleFunc("/debug/pprof/trace", pprof.Trace)
	// GORM statements run since start: read it before and after a batch of requests.
	mux.HandleFunc("/debug/statements", func(w http.ResponseWriter, _ *http.Request) {
		fmt.Fprintln(w, stmts.Load())
	})
	// The page cache's size, hits, misses and evictions, and whether the
	// revisions are held in memory.
	mux.HandleFunc("/debug/cache", func(w http.ResponseWriter, _ *http.Request) {
		fmt.Fprint(w, a.cacheStats(), a.revisionStats())
	})
	go func() {
		a.Log.Warn("debug server (pprof, statement counter) listening", "addr", addr)
		if err := http.ListenAndServe(addr, mux); err != nil {
			a.Log.Error("debug server stopped", "err", err)
		}
	}()
}
