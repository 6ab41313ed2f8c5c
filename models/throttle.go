package models

import (
	"context"
	"time"

	"gorm.io/gorm"
	"gorm.io/gorm/clause"
)

// LoginThrottle counts sign-in attempts for one key ("email:..." or "ip:...")
// that have not (yet) succeeded. It lives in the database so every replica
// sees the same counts.
type LoginThrottle struct {
	Key         string
	Failures    int
	WindowStart time.Time
	LockedUntil *time.Time
}

// ThrottlePolicy says how many attempts a key may have in Window before it is
// locked for Lock.
type ThrottlePolicy struct {
	Limit  int
	Window time.Duration
	Lock   time.Duration
}

// Sign-in limits: an account locks after 5 failures in 15 minutes, an address
// after 20.
var (
	AccountThrottle = ThrottlePolicy{Limit: 5, Window: 15 * time.Minute, Lock: 15 * time.Minute}
	AddressThrottle = ThrottlePolicy{Limit: 20, Window: 15 * time.Minute, Lock: 15 * time.Minute}
)

// MaxThrottleKey bounds a throttle key; the column holds 300 characters.
const MaxThrottleKey = 300

// Attempt counts one sign-in attempt against key before the password is
// checked, under a row lock, so concurrent attempts cannot all slip under the
// limit: the limit-th attempt locks the key, and every attempt after it is
// refused (locked non-nil) without being counted. n is this attempt's number
// in the window.
func Attempt(ctx context.Context, db *gorm.DB, key string, p ThrottlePolicy, now time.Time) (n int, locked *time.Time, err error) {
	if len(key) > MaxThrottleKey {
		return 0, nil, Invalid("email", "must be at most 254 characters")
	}
	now = now.UTC()
	err = db.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		// The row must exist for the lock to have something to hold.
		if err := tx.Clauses(clause.OnConflict{DoNothing: true}).
			Create(&LoginThrottle{Key: key, WindowStart: now}).Error; err != nil {
			return err
		}
		var t LoginThrottle
		q := tx.Where("key = ?", key)
		if tx.Dialector.Name() == "postgres" { // SQLite's immediate transactions already serialise writers
			q = q.Clauses(clause.Locking{Strength: "UPDATE"})
		}
		if err := q.Take(&t).Error; err != nil {
			return err
		}
		if t.LockedUntil != nil && now.Before(*t.LockedUntil) {
			locked = t.LockedUntil
			return nil
		}
		if t.LockedUntil != nil || now.Sub(t.WindowStart) > p.Window {
			t.Failures, t.WindowStart, t.LockedUntil = 0, now, nil
		}
		t.Failures++
		if t.Failures >= p.Limit {
			until := now.Add(p.Lock)
			t.LockedUntil = &until
		}
		n = t.Failures
		return tx.Model(&LoginThrottle{}).Where("key = ?", key).Updates(map[string]any{
			"failures": t.Failures, "window_start": t.WindowStart, "locked_until": t.LockedUntil}).Error
	})
	return n, locked, err
}

// ResetThrottle forgets the attempts for key after a successful sign-in.
func ResetThrottle(ctx context.Context, db *gorm.DB, key string) error {
	return db.WithContext(ctx).Where("key = ?", key).Delete(&LoginThrottle{}).Error
}

// ForgiveAttempt takes back one counted attempt for key: a successful sign-in
// from a shared address should not count towards that address's limit.
func ForgiveAttempt(ctx context.Context, db *gorm.DB, key string) error {
	return db.WithContext(ctx).Model(&LoginThrottle{}).Where("key = ? AND failures > 0 AND locked_until IS NULL", key).
		Update("failures", gorm.Expr("failures - 1")).Error
}

// PurgeThrottles deletes throttle rows whose window and lock are both over
// before now, and returns how many went.
func PurgeThrottles(ctx context.Context, db *gorm.DB, window time.Duration, now time.Time) (int64, error) {
	now = now.UTC()
	res := db.WithContext(ctx).Where("window_start < ? AND (locked_until IS NULL OR locked_until < ?)", now.Add(-window), now).
		Delete(&LoginThrottle{})
	return res.RowsAffected, res.Error
}
