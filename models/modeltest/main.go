package modeltest

import (
	"os"
	"strings"
	"sync"
	"testing"
)

// Dropping a database waits for a checkpoint, seconds on a busy server, so
// the databases tests are done with are dropped by one worker behind them.
var (
	dropQueue = make(chan string, 4096)
	dropOnce  sync.Once
	dropWG    sync.WaitGroup
)

func dropLater(name string) {
	dropOnce.Do(func() {
		go func() {
			for n := range dropQueue {
				if admin != nil {
					admin.Exec(`DROP DATABASE IF EXISTS ` + quoteIdent(n) + ` WITH (FORCE)`)
				}
				dropWG.Done()
			}
		}()
	})
	dropWG.Add(1)
	dropQueue <- name
}

// Main runs the package's tests, then whatever else the package must stop
// (a browser, say), then drops the databases and removes the template files
// the tests used. Call it from TestMain:
//
//	func TestMain(m *testing.M) { modeltest.Main(m) }
func Main(m *testing.M, after ...func()) {
	code := m.Run()
	for _, f := range after {
		f()
	}
	cleanup()
	os.Exit(code)
}

func cleanup() {
	dropWG.Wait()
	templates.Range(func(k, v any) bool {
		tp := v.(*template)
		if tp.err != nil || tp.ref == "" {
			return true
		}
		if admin != nil && strings.HasPrefix(k.(string), "postgres/") {
			admin.Exec(`DROP DATABASE IF EXISTS ` + quoteIdent(tp.ref) + ` WITH (FORCE)`)
		}
		return true
	})
	if sqliteDir != "" {
		os.RemoveAll(sqliteDir)
	}
	if admin != nil {
		closeDB(admin)
	}
}
