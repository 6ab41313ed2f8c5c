package models

import (
	"context"
	"errors"
	"time"

	"gorm.io/gorm"
)

// Session is a signed-in browser. Only the token's hash is stored.
type Session struct {
	ID         uint `gorm:"primaryKey"`
	TokenHash  string
	UserID     uint
	CreatedAt  time.Time
	LastSeenAt time.Time
	ExpiresAt  time.Time
	IP         string `gorm:"column:ip"`
	// AnswerRoundID limits a session started from an emailed link to
	// answering that round; nil is a full session.
	AnswerRoundID *uint
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
// Session and user come in one query, the lead roles and boards in a second
// (leads and above only).
func SessionUser(ctx context.Context, db *gorm.DB, token string, now time.Time, idle time.Duration) (*User, error) {
	u, _, err := ResolveSession(ctx, db, HashSecret(token), now, idle)
	return u, err
}

// SessionState is what a replica keeps of a live session beside its user,
// to slide the expiry itself.
type SessionState struct {
	ID         uint
	LastSeenAt time.Time
	ExpiresAt  time.Time
}

// ResolveSession is SessionUser by the token's hash, with the session's
// state once the expiry has slid (if it was due to).
func ResolveSession(ctx context.Context, db *gorm.DB, hash string, now time.Time, idle time.Duration) (*User, SessionState, error) {
	var row struct {
		User
		SessionID   uint
		LastSeenAt  time.Time
		ExpiresAt   time.Time
		AnswerRound *uint `gorm:"column:answer_round_id"`
	}
	err := db.WithContext(ctx).Table("sessions").
		Select("users.*, sessions.id AS session_id, sessions.last_seen_at, sessions.expires_at, sessions.answer_round_id").
		Joins("JOIN users ON users.id = sessions.user_id").
		Where("sessions.token_hash = ?", hash).Take(&row).Error
	if errors.Is(err, gorm.ErrRecordNotFound) {
		return nil, SessionState{}, ErrUnauthorized
	}
	if err != nil {
		return nil, SessionState{}, err
	}
	if now.After(row.ExpiresAt) || row.Disabled || row.Pending {
		db.WithContext(ctx).Delete(&Session{}, row.SessionID)
		return nil, SessionState{}, ErrUnauthorized
	}
	u := row.User
	u.AnswerRoundID = row.AnswerRound
	if err := loadMemberships(ctx, db, &u); err != nil {
		return nil, SessionState{}, err
	}
	st := SessionState{ID: row.SessionID, LastSeenAt: row.LastSeenAt, ExpiresAt: row.ExpiresAt}
	if now.Sub(row.LastSeenAt) > sessionTouchEvery {
		if err := TouchSession(ctx, db, row.SessionID, now, idle); err == nil {
			st.LastSeenAt, st.ExpiresAt = now, now.Add(idle)
		}
	}
	return &u, st, nil
}

// TouchSession slides a session's expiry to idle from now.
func TouchSession(ctx context.Context, db *gorm.DB, id uint, now time.Time, idle time.Duration) error {
	return db.WithContext(ctx).Model(&Session{}).Where("id = ?", id).
		Updates(map[string]any{"last_seen_at": now, "expires_at": now.Add(idle)}).Error
}

// SessionTouchEvery is how often a session's last-seen time is written.
const SessionTouchEvery = sessionTouchEvery

// DeleteSession signs a browser out.
func DeleteSession(ctx context.Context, db *gorm.DB, token string) error {
	return db.WithContext(ctx).Where("token_hash = ?", HashSecret(token)).Delete(&Session{}).Error
}

// PurgeExpiredSessions deletes sessions that expired before now and returns
// how many went.
func PurgeExpiredSessions(ctx context.Context, db *gorm.DB, now time.Time) (int64, error) {
	res := db.WithContext(ctx).Where("expires_at < ?", now.UTC()).Delete(&Session{})
	return res.RowsAffected, res.Error
}
