package schema

import (
	"context"
	"database/sql/driver"
	"fmt"
	"sync"

	"gorm.io/gorm"
)

// setupLocks stands in for the advisory lock on SQLite: one mutex per
// database file.
var setupLocks sync.Map

// WithSetupLock runs fn while holding the lock that serialises start-up work
// across replicas: migrations, loading seeds into an empty database and
// creating the first administrator. On PostgreSQL it is a session advisory
// lock held on one pinned connection, so the unlock goes to the session that
// locked (a pooled Exec could unlock on another connection and leave the lock
// held). On SQLite, which serves one process, it is a mutex per database file.
func WithSetupLock(ctx context.Context, db *gorm.DB, fn func() error) error {
	sqlDB, err := db.DB()
	if err != nil {
		return err
	}
	if db.Dialector.Name() != "postgres" {
		// Keyed by the database file, so two handles on one file exclude each other.
		var file string
		if err := sqlDB.QueryRowContext(ctx, "SELECT file FROM pragma_database_list WHERE name = 'main'").Scan(&file); err != nil || file == "" {
			file = fmt.Sprintf("%p", sqlDB)
		}
		v, _ := setupLocks.LoadOrStore(file, &sync.Mutex{})
		mu := v.(*sync.Mutex)
		mu.Lock()
		defer mu.Unlock()
		return fn()
	}
	conn, err := sqlDB.Conn(ctx)
	if err != nil {
		return fmt.Errorf("taking the migration lock: %w", err)
	}
	defer conn.Close()
	if _, err := conn.ExecContext(ctx, "SELECT pg_advisory_lock($1)", migrationLockKey); err != nil {
		return fmt.Errorf("taking the migration lock: %w", err)
	}
	defer func() {
		// A fresh context: the lock must go even if ctx was cancelled.
		if _, err := conn.ExecContext(context.Background(), "SELECT pg_advisory_unlock($1)", migrationLockKey); err != nil {
			// Never hand a connection that may still hold the lock back to the pool.
			_ = conn.Raw(func(any) error { return driver.ErrBadConn })
		}
	}()
	return fn()
}
