package schema_test

import (
	"context"
	"testing"
	"time"

	"sendboard/models/modeltest"
	"sendboard/models/schema"
)

// The start-up lock is held for exactly as long as fn runs and released on
// the connection that took it: another session can take it afterwards.
func TestSetupLockIsReleasedWhereItWasTaken(t *testing.T) {
	t.Parallel()
	d := modeltest.Postgres(t)
	ctx := context.Background()
	sqlDB, _ := d.DB.DB()
	sqlDB.SetMaxIdleConns(4)
	try := func() bool {
		conn, err := sqlDB.Conn(ctx)
		if err != nil {
			t.Fatal(err)
		}
		defer conn.Close()
		var ok bool
		if err := conn.QueryRowContext(ctx, "SELECT pg_try_advisory_lock(724101)").Scan(&ok); err != nil {
			t.Fatal(err)
		}
		if ok {
			conn.ExecContext(ctx, "SELECT pg_advisory_unlock(724101)")
		}
		return ok
	}
	for range 3 {
		err := schema.WithSetupLock(ctx, d.DB, func() error {
			if try() {
				t.Fatal("the lock is not held while fn runs")
			}
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
		// Other test packages migrating in the same database take it briefly too.
		free := false
		for i := 0; i < 100 && !free; i++ {
			if free = try(); !free {
				time.Sleep(50 * time.Millisecond)
			}
		}
		if !free {
			t.Fatal("the lock is still held after fn returned")
		}
	}
}
