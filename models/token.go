package models

import (
	"context"
	"errors"
	"strings"
	"time"

	"gorm.io/gorm"
)

// TokenPrefix starts every API token so a leaked one is recognisable.
const TokenPrefix = "sbt_"

// APIToken is a personal token for scripts; only its hash is stored.
type APIToken struct {
	ID         uint `gorm:"primaryKey"`
	UserID     uint
	Name       string
	TokenHash  string
	Prefix     string
	CreatedAt  time.Time
	LastUsedAt *time.Time
	RevokedAt  *time.Time
}

// CreateToken makes a token for user and returns it; it is shown only this once.
func CreateToken(ctx context.Context, db *gorm.DB, userID uint, name string) (string, *APIToken, error) {
	name = strings.TrimSpace(name)
	if name == "" || len(name) > 100 {
		return "", nil, Invalid("name", "give the token a name of up to 100 characters")
	}
	if err := CheckName("name", name); err != nil {
		return "", nil, err
	}
	token, hash := NewSecret(TokenPrefix)
	t := &APIToken{UserID: userID, Name: name, TokenHash: hash, Prefix: token[:len(TokenPrefix)+4]}
	if err := db.WithContext(ctx).Create(t).Error; err != nil {
		return "", nil, err
	}
	return token, t, nil
}

// TokenUser returns the user of a live, unrevoked token: token and user in
// one query, the lead roles and boards in a second (leads and above only).
func TokenUser(ctx context.Context, db *gorm.DB, token string, now time.Time) (*User, error) {
	u, _, _, err := ResolveToken(ctx, db, HashSecret(token), now)
	return u, err
}

// ResolveToken is TokenUser by the token's hash, with the token's id and when
// its use was last written.
func ResolveToken(ctx context.Context, db *gorm.DB, hash string, now time.Time) (*User, uint, time.Time, error) {
	var row struct {
		User
		TokenID    uint
		LastUsedAt *time.Time
	}
	err := db.WithContext(ctx).Table("api_tokens").
		Select("users.*, api_tokens.id AS token_id, api_tokens.last_used_at").
		Joins("JOIN users ON users.id = api_tokens.user_id").
		Where("api_tokens.token_hash = ? AND api_tokens.revoked_at IS NULL", hash).Take(&row).Error
	if errors.Is(err, gorm.ErrRecordNotFound) {
		return nil, 0, time.Time{}, ErrUnauthorized
	}
	if err != nil {
		return nil, 0, time.Time{}, err
	}
	if row.Disabled {
		return nil, 0, time.Time{}, ErrUnauthorized
	}
	u := row.User
	if err := loadMemberships(ctx, db, &u); err != nil {
		return nil, 0, time.Time{}, err
	}
	var used time.Time
	if row.LastUsedAt != nil {
		used = *row.LastUsedAt
	}
	if row.LastUsedAt == nil || now.Sub(*row.LastUsedAt) > time.Minute {
		if TouchToken(ctx, db, row.TokenID, now) == nil {
			used = now
		}
	}
	return &u, row.TokenID, used, nil
}

// TouchToken records a token's use at now.
func TouchToken(ctx context.Context, db *gorm.DB, id uint, now time.Time) error {
	return db.WithContext(ctx).Model(&APIToken{}).Where("id = ?", id).Update("last_used_at", now).Error
}

// ListTokens lists a user's tokens, newest first.
func ListTokens(ctx context.Context, db *gorm.DB, userID uint) ([]APIToken, error) {
	var ts []APIToken
	err := db.WithContext(ctx).Where("user_id = ?", userID).Order("id DESC").Limit(1000).Find(&ts).Error
	return ts, err
}

// RevokeToken revokes one of the user's tokens.
func RevokeToken(ctx context.Context, db *gorm.DB, userID, tokenID uint, now time.Time) error {
	res := db.WithContext(ctx).Model(&APIToken{}).Where("id = ? AND user_id = ? AND revoked_at IS NULL", tokenID, userID).Update("revoked_at", now)
	if res.Error != nil {
		return res.Error
	}
	if res.RowsAffected == 0 {
		return ErrNotFound
	}
	return nil
}
