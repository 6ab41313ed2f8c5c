package jobrun

import (
	"context"
	"database/sql/driver"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"sync"

	"gorm.io/gorm"
)

// memLocks stands in for the file lock when a SQLite database has no file (in
// memory): one mutex per database handle and job, which is all such a
// database can be shared by.
var memLocks sync.Map

// TryLock takes the lock that lets one process at a time run job, whichever
// process asks: the server's scheduler, another replica or the command line.
// ok is false when someone else holds it; release must be called when ok is
// true.
//
// On PostgreSQL it is a session advisory lock (pg_try_advisory_lock) on a
// connection held until release, keyed by schema and job name so that replicas
// of one deployment exclude each other and other schemas do not. On SQLite it
// is an exclusive flock on a file beside the database ("<db>-job-<name>.lock"):
// it excludes other processes and other handles in this one, and the kernel
// lets it go when its holder dies, so a killed server never leaves the job
// locked.
func TryLock(ctx context.Context, db *gorm.DB, job string) (release func(), ok bool, err error) {
	sqlDB, err := db.DB()
	if err != nil {
		return nil, false, err
	}
	if db.Dialector.Name() != "postgres" {
		var file string
		if err := sqlDB.QueryRowContext(ctx, "SELECT file FROM pragma_database_list WHERE name = 'main'").Scan(&file); err != nil {
			return nil, false, fmt.Errorf("job lock: %w", err)
		}
		if file == "" {
			v, _ := memLocks.LoadOrStore(fmt.Sprintf("%p/%s", sqlDB, job), &sync.Mutex{})
			mu := v.(*sync.Mutex)
			if !mu.TryLock() {
				return nil, false, nil
			}
			return mu.Unlock, true, nil
		}
		return tryFileLock(lockPath(file, job))
	}
	conn, err := sqlDB.Conn(ctx)
	if err != nil {
		return nil, false, fmt.Errorf("job lock: %w", err)
	}
	const key = "hashtext(current_schema()), hashtext($1)"
	if err := conn.QueryRowContext(ctx, "SELECT pg_try_advisory_lock("+key+")", job).Scan(&ok); err != nil || !ok {
		conn.Close()
		if err != nil {
			err = fmt.Errorf("job lock: %w", err)
		}
		return nil, false, err
	}
	return func() {
		// A fresh context: the lock must go even when the job's context was cancelled.
		if _, err := conn.ExecContext(context.Background(), "SELECT pg_advisory_unlock("+key+")", job); err != nil {
			// Never hand a connection that may still hold the lock back to the pool.
			_ = conn.Raw(func(any) error { return driver.ErrBadConn })
		}
		conn.Close()
	}, true, nil
}

var unsafeName = regexp.MustCompile(`[^A-Za-z0-9_-]`)

// lockPath is the lock file of job beside the SQLite database file.
func lockPath(dbFile, job string) string {
	return filepath.Join(filepath.Dir(dbFile), filepath.Base(dbFile)+"-job-"+unsafeName.ReplaceAllString(job, "_")+".lock")
}

// tryFileLock takes an exclusive, non-blocking lock on path. The file is left
// in place on release: removing it would let a waiter lock a file that is no
// longer the one others open.
func tryFileLock(path string) (release func(), ok bool, err error) {
	f, err := os.OpenFile(path, os.O_RDWR|os.O_CREATE, 0o600)
	if err != nil {
		return nil, false, fmt.Errorf("job lock %s: %w", path, err)
	}
	ok, err = flock(f)
	if err != nil || !ok {
		f.Close()
		if err != nil {
			err = fmt.Errorf("job lock %s: %w", path, err)
		}
		return nil, false, err
	}
	return func() { unflock(f); f.Close() }, true, nil
}
