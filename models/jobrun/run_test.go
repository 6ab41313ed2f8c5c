package jobrun_test

import (
	"context"
	"testing"
	"time"

	"github.com/ncruces/go-sqlite3/gormlite"
	"gorm.io/driver/postgres"
	"gorm.io/gorm"
	"gorm.io/gorm/logger"

	"sendboard/models/jobrun"
	"sendboard/models/modeltest"
	"sendboard/models/schema"
)

func TestJobLockExcludesOtherHolders(t *testing.T) {
	t.Parallel()
	modeltest.Each(t, func(t *testing.T, d modeltest.DB) {
		ctx := context.Background()
		// A second connection pool on the same database, as another process
		// (a replica, or the command line beside the server) would have.
		open := postgres.Open(d.DSN)
		if d.Name == "sqlite" {
			open = gormlite.Open(schema.SQLiteDSN(d.DSN))
		}
		other, err := gorm.Open(open, &gorm.Config{Logger: logger.Discard})
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { s, _ := other.DB(); s.Close() })
		release, ok, err := jobrun.TryLock(ctx, d.DB, "flag-overdue")
		if err != nil || !ok {
			t.Fatalf("first lock: ok=%v err=%v", ok, err)
		}
		if _, ok, err := jobrun.TryLock(ctx, other, "flag-overdue"); ok || err != nil {
			t.Fatalf("a second holder got the lock: ok=%v err=%v", ok, err)
		}
		rel2, ok, err := jobrun.TryLock(ctx, other, "kpi-pull")
		if err != nil || !ok {
			t.Fatalf("another job's lock is independent: ok=%v err=%v", ok, err)
		}
		rel2()
		release()
		rel3, ok, err := jobrun.TryLock(ctx, other, "flag-overdue")
		if err != nil || !ok {
			t.Fatalf("after release: ok=%v err=%v", ok, err)
		}
		rel3()
	})
}

func TestJobRunsRecordedAndSlots(t *testing.T) {
	t.Parallel()
	modeltest.Each(t, func(t *testing.T, d modeltest.DB) {
		ctx := context.Background()
		slot := time.Date(2026, 11, 23, 6, 0, 0, 0, london)
		r, err := jobrun.Start(ctx, d.DB, "flag-overdue", "schedule", &slot, slot.Add(time.Second))
		if err != nil {
			t.Fatal(err)
		}
		if taken, err := jobrun.SlotTaken(ctx, d.DB, "flag-overdue", slot); err != nil || !taken {
			t.Fatalf("slot taken = %v, %v", taken, err)
		}
		if taken, _ := jobrun.SlotTaken(ctx, d.DB, "flag-overdue", slot.Add(24*time.Hour)); taken {
			t.Fatal("tomorrow's slot is free")
		}
		if err := jobrun.Finish(ctx, d.DB, r, jobrun.OutcomeOK, "3 flags raised, 1 resolved", "", slot.Add(3*time.Second)); err != nil {
			t.Fatal(err)
		}
		runs, err := jobrun.List(ctx, d.DB, "flag-overdue", 10)
		if err != nil || len(runs) != 1 || runs[0].Outcome != jobrun.OutcomeOK || runs[0].Duration() != 2*time.Second {
			t.Fatalf("runs = %+v, %v", runs, err)
		}
	})
}

var london = func() *time.Location {
	l, err := time.LoadLocation("Europe/London")
	if err != nil {
		panic(err)
	}
	return l
}()

// TestMain drops the databases and templates the package's tests made (see modeltest.Main).
func TestMain(m *testing.M) { modeltest.Main(m) }
