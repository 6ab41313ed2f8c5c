package models

import (
	"context"
	"errors"
	"time"

	"gorm.io/gorm"
)

// LoginThrottle counts failed sign-ins for one key ("email:..." or "ip:...").
// It lives in the database so every replica sees the same counts.
type LoginThrottle struct {
	Key         string    `gorm:"primaryKey;size:300"`
	Failures    int       `gorm:"not null"`
	WindowStart time.Time `gorm:"not null"`
	LockedUntil *time.Time
}

// ThrottlePolicy says how many failures a key may have in Window before it is
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

// ThrottleState returns the failures counted for key within its window and,
// when locked, until when.
func ThrottleState(ctx context.Context, db *gorm.DB, key string, p ThrottlePolicy, now time.Time) (failures int, lockedUntil *time.Time, err error) {
	var t LoginThrottle
	err = db.WithContext(ctx).Where("key = ?", key).Take(&t).Error
	if errors.Is(err, gorm.ErrRecordNotFound) {
		return 0, nil, nil
	}
	if err != nil {
		return 0, nil, err
	}
	if t.LockedUntil != nil && now.Before(*t.LockedUntil) {
		return t.Failures, t.LockedUntil, nil
	}
	if now.Sub(t.WindowStart) > p.Window {
		return 0, nil, nil
	}
	return t.Failures, nil, nil
}

// RecordFailure counts a failed sign-in against key, locking it at the limit.
func RecordFailure(ctx context.Context, db *gorm.DB, key string, p ThrottlePolicy, now time.Time) error {
	return db.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		var t LoginThrottle
		err := tx.Where("key = ?", key).Take(&t).Error
		if errors.Is(err, gorm.ErrRecordNotFound) {
			return tx.Create(&LoginThrottle{Key: key, Failures: 1, WindowStart: now}).Error
		}
		if err != nil {
			return err
		}
		expired := now.Sub(t.WindowStart) > p.Window && (t.LockedUntil == nil || now.After(*t.LockedUntil))
		if expired {
			t.Failures, t.WindowStart, t.LockedUntil = 0, now, nil
		}
		t.Failures++
		if t.Failures >= p.Limit {
			until := now.Add(p.Lock)
			t.LockedUntil = &until
		}
		return tx.Save(&t).Error
	})
}

// ResetThrottle forgets failures for key after a successful sign-in.
func ResetThrottle(ctx context.Context, db *gorm.DB, key string) error {
	return db.WithContext(ctx).Where("key = ?", key).Delete(&LoginThrottle{}).Error
}
