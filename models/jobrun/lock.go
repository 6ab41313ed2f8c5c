package jobrun

import (
	"context"
	"database/sql/driver"
	"fmt"
	"sync"

	"gorm.io/gorm"
)

// jobLocks stands in for advisory locks on SQLite, which serves one process:
// one mutex per database handle and job.
var jobLocks sync.Map

// TryLock takes the lock that lets one process at a time run job. On
// PostgreSQL it is a session advisory lock (pg_try_advisory_lock) on a
// connection held until release, keyed by schema and job name so that replicas
// of one deployment exclude each other and other schemas do not. ok is false
// when someone else holds it; release must be called when ok is true.
func TryLock(ctx context.Context, db *gorm.DB, job string) (release func(), ok bool, err error) {
	sqlDB, err := db.DB()
	if err != nil {
		return nil, false, err
	}
	if db.Dialector.Name() != "postgres" {
		v, _ := jobLocks.LoadOrStore(fmt.Sprintf("%p/%s", sqlDB, job), &sync.Mutex{})
		mu := v.(*sync.Mutex)
		if !mu.TryLock() {
			return nil, false, nil
		}
		return mu.Unlock, true, nil
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
