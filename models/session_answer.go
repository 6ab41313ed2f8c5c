package models

import (
	"context"
	"time"

	"gorm.io/gorm"
)

// CreateAnswerSession starts a session limited to answering round roundID,
// for a user who followed a round email's personal link; it returns the
// cookie token. It expires at the sooner of the idle timeout and until.
func CreateAnswerSession(ctx context.Context, db *gorm.DB, userID, roundID uint, ip string, now, until time.Time, idle time.Duration) (string, error) {
	token, hash := NewSecret("")
	exp := now.Add(idle)
	if until.Before(exp) {
		exp = until
	}
	s := Session{TokenHash: hash, UserID: userID, CreatedAt: now, LastSeenAt: now, ExpiresAt: exp, IP: ip, AnswerRoundID: &roundID}
	if err := db.WithContext(ctx).Create(&s).Error; err != nil {
		return "", err
	}
	return token, nil
}
