package models_test

import (
	"context"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"sendboard/models"
	"sendboard/models/modeltest"
)

func TestThrottleLocksAtTheLimitAndExpires(t *testing.T) {
	t.Parallel()
	modeltest.Each(t, func(t *testing.T, d modeltest.DB) {
		ctx := context.Background()
		p := models.ThrottlePolicy{Limit: 3, Window: 10 * time.Minute, Lock: 15 * time.Minute}
		now := time.Date(2026, 11, 23, 9, 0, 0, 0, time.UTC)
		for i := 1; i <= 2; i++ {
			if n, locked, err := models.Attempt(ctx, d.DB, "email:a@b.test", p, now); err != nil || n != i || locked != nil {
				t.Fatalf("attempt %d: n=%d locked=%v err=%v", i, n, locked, err)
			}
		}
		if row := throttleRow(t, d, "email:a@b.test"); row.Failures != 2 || row.LockedUntil != nil {
			t.Fatalf("after 2 attempts: %+v", row)
		}
		if n, locked, _ := models.Attempt(ctx, d.DB, "email:a@b.test", p, now); n != 3 || locked != nil {
			t.Fatalf("the limit-th attempt is still checked: n=%d locked=%v", n, locked)
		}
		if _, locked, _ := models.Attempt(ctx, d.DB, "email:a@b.test", p, now.Add(time.Minute)); locked == nil {
			t.Fatal("not locked past the limit")
		}
		if n, locked, _ := models.Attempt(ctx, d.DB, "email:a@b.test", p, now.Add(16*time.Minute)); locked != nil || n != 1 {
			t.Fatalf("after the lock period: n=%d locked=%v, want a fresh count", n, locked)
		}
		if n, _, _ := models.Attempt(ctx, d.DB, "email:other@b.test", p, now); n != 1 {
			t.Fatal("another key shares the count")
		}
		models.ResetThrottle(ctx, d.DB, "email:a@b.test")
		if n, _, _ := models.Attempt(ctx, d.DB, "email:a@b.test", p, now.Add(16*time.Minute)); n != 1 {
			t.Fatal("reset did not clear the count")
		}
	})
}

// Concurrent attempts are counted one by one under a row lock: of 30 at once,
// exactly Limit get through and the rest find the key locked.
func TestThrottleHoldsUnderConcurrency(t *testing.T) {
	t.Parallel()
	modeltest.Each(t, func(t *testing.T, d modeltest.DB) {
		ctx := context.Background()
		now := time.Now()
		var wg sync.WaitGroup
		var through, locked, failed atomic.Int64
		for range 30 {
			wg.Add(1)
			go func() {
				defer wg.Done()
				_, l, err := models.Attempt(ctx, d.DB, "email:x@b.test", models.AccountThrottle, now)
				switch {
				case err != nil:
					t.Error(err)
					failed.Add(1)
				case l != nil:
					locked.Add(1)
				default:
					through.Add(1)
				}
			}()
		}
		wg.Wait()
		if through.Load() != int64(models.AccountThrottle.Limit) || locked.Load() != 30-through.Load() {
			t.Fatalf("%d through, %d locked, %d failed; want %d through", through.Load(), locked.Load(), failed.Load(), models.AccountThrottle.Limit)
		}
	})
}

func TestPurgeThrottlesKeepsLiveRows(t *testing.T) {
	t.Parallel()
	modeltest.Each(t, func(t *testing.T, d modeltest.DB) {
		ctx := context.Background()
		now := time.Date(2026, 11, 23, 9, 0, 0, 0, time.UTC)
		p := models.AccountThrottle
		models.Attempt(ctx, d.DB, "email:old@b.test", p, now.Add(-2*time.Hour))
		for range p.Limit {
			models.Attempt(ctx, d.DB, "email:locked@b.test", p, now.Add(-20*time.Minute)) // locked until 5 minutes ago
		}
		models.Attempt(ctx, d.DB, "email:new@b.test", p, now.Add(-time.Minute))
		n, err := models.PurgeThrottles(ctx, d.DB, p.Window, now)
		if err != nil || n != 2 {
			t.Fatalf("purged %d (%v), want the old and the expired lock", n, err)
		}
		if row := throttleRow(t, d, "email:new@b.test"); row.Failures != 1 {
			t.Fatal("a live row was purged")
		}
	})
}

// throttleRow reads key's row as the sign-in checks left it.
func throttleRow(t *testing.T, d modeltest.DB, key string) models.LoginThrottle {
	t.Helper()
	var row models.LoginThrottle
	if err := d.DB.Where("key = ?", key).Take(&row).Error; err != nil {
		t.Fatalf("throttle row %s: %v", key, err)
	}
	return row
}
