package models

import (
	"context"
	"errors"
	"time"

	"gorm.io/gorm"
)

// Session is a signed-in browser. Only the token's hash is stored.
type Session struct {
	ID         uint      `gorm:"primaryKey"`
	TokenHash  string    `gorm:"size:64;uniqueIndex;not null"`
	UserID     uint      `gorm:"not null;index"`
	CreatedAt  time.Time `gorm:"not null"`
	LastSeenAt time.Time `gorm:"not null"`
	ExpiresAt  time.Time `gorm:"not null"`
	IP         string    `gorm:"column:ip;not null;default:''"`
}

// sessionTouchEvery limits how often a session's last-seen time is written.
const sessionTouchEvery = time.Minute

// CreateSession starts a session for user and returns the cookie token.
func CreateSession(ctx context.Context, db *gorm.DB, userID uint, ip string, now time.Time, idle time.Duration) (string, error) {
	token, hash := NewSecret("")
	s := Session{TokenHash: hash, UserID: userID, CreatedAt: now, LastSeenAt: now, ExpiresAt: now.Add(idle), IP: ip}
	if err := db.WithContext(ctx).Create(&s).Error; err != nil {
		return "", err
	}
	return token, nil
}

// SessionUser returns the user of a live session, sliding its expiry forward.
func SessionUser(ctx context.Context, db *gorm.DB, token string, now time.Time, idle time.Duration) (*User, error) {
	var s Session
	err := db.WithContext(ctx).Where("token_hash = ?", HashSecret(token)).Take(&s).Error
	if errors.Is(err, gorm.ErrRecordNotFound) {
		return nil, ErrUnauthorized
	}
	if err != nil {
		return nil, err
	}
	if now.After(s.ExpiresAt) {
		db.WithContext(ctx).Delete(&s)
		return nil, ErrUnauthorized
	}
	var u User
	if err := db.WithContext(ctx).Preload("Leads").Take(&u, s.UserID).Error; err != nil || u.Disabled {
		return nil, ErrUnauthorized
	}
	if now.Sub(s.LastSeenAt) > sessionTouchEvery {
		db.WithContext(ctx).Model(&s).Updates(map[string]any{"last_seen_at": now, "expires_at": now.Add(idle)})
	}
	return &u, nil
}

// DeleteSession signs a browser out.
func DeleteSession(ctx context.Context, db *gorm.DB, token string) error {
	return db.WithContext(ctx).Where("token_hash = ?", HashSecret(token)).Delete(&Session{}).Error
}
