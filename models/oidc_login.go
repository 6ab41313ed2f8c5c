package models

import (
	"context"
	"crypto/subtle"
	"errors"
	"time"

	"gorm.io/gorm"
)

// OIDCLogin is a sign-in sent to an OpenID Connect provider and not yet back.
// State and nonce are kept only as hashes; the row is bound to the browser's
// pre-session cookie (by its hash) and used once.
type OIDCLogin struct {
	ID             uint `gorm:"primaryKey"`
	StateHash      string
	NonceHash      string
	PreSessionHash string
	Provider       string
	Verifier       string
	NextPath       string
	CreatedAt      time.Time
	ExpiresAt      time.Time
}

// TableName keeps the table's plural name.
func (OIDCLogin) TableName() string { return "oidc_logins" }

// OIDCLoginTTL is how long a browser has to come back from the provider.
const OIDCLoginTTL = 10 * time.Minute

// MaxOIDCLogins bounds the sign-ins waiting for a provider: starting one
// needs no account, so without a bound anyone could fill the table.
const MaxOIDCLogins = 10_000

// ErrTooManyOIDCLogins refuses a sign-in while MaxOIDCLogins wait.
var ErrTooManyOIDCLogins = errors.New("too many sign-ins are waiting for a provider")

// ErrOIDCLoginDead is a callback whose sign-in is unknown, used, expired or
// from another browser.
var ErrOIDCLoginDead = errors.New("this sign-in has expired or was already used; start again")

// StartOIDCLogin stores a sign-in for provider from the browser holding
// preSession, returning the state and nonce to send (only their hashes are
// kept). Expired rows are cleared on the way, so the table stays small.
func StartOIDCLogin(ctx context.Context, db *gorm.DB, provider, preSession, verifier, next string, now time.Time) (state, nonce string, err error) {
	state, stateHash := NewSecret("")
	nonce, nonceHash := NewSecret("")
	if len(next) > 2000 {
		next = ""
	}
	l := OIDCLogin{StateHash: stateHash, NonceHash: nonceHash, PreSessionHash: HashSecret(preSession), Provider: provider,
		Verifier: verifier, NextPath: next, CreatedAt: now.UTC(), ExpiresAt: now.Add(OIDCLoginTTL).UTC()}
	err = db.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		if err := tx.Where("expires_at < ?", now.UTC()).Delete(&OIDCLogin{}).Error; err != nil {
			return err
		}
		var live int64
		if err := tx.Model(&OIDCLogin{}).Count(&live).Error; err != nil {
			return err
		}
		if live >= MaxOIDCLogins {
			return ErrTooManyOIDCLogins
		}
		return tx.Create(&l).Error
	})
	return state, nonce, err
}

// TakeOIDCLogin consumes the sign-in that state names, for provider, from the
// browser holding preSession. The row goes whether or not it matches, so a
// state is never tried twice.
func TakeOIDCLogin(ctx context.Context, db *gorm.DB, provider, state, preSession string, now time.Time) (*OIDCLogin, error) {
	if state == "" || len(state) > 100 {
		return nil, ErrOIDCLoginDead
	}
	var l OIDCLogin
	err := db.WithContext(ctx).Where("state_hash = ?", HashSecret(state)).Take(&l).Error
	if errors.Is(err, gorm.ErrRecordNotFound) {
		return nil, ErrOIDCLoginDead
	}
	if err != nil {
		return nil, err
	}
	res := db.WithContext(ctx).Where("id = ?", l.ID).Delete(&OIDCLogin{})
	if res.Error != nil {
		return nil, res.Error
	}
	if res.RowsAffected != 1 || l.Provider != provider || now.After(l.ExpiresAt) ||
		subtle.ConstantTimeCompare([]byte(l.PreSessionHash), []byte(HashSecret(preSession))) != 1 {
		return nil, ErrOIDCLoginDead
	}
	return &l, nil
}

// NonceMatches reports whether nonce is the one this sign-in sent.
func (l *OIDCLogin) NonceMatches(nonce string) bool {
	return nonce != "" && subtle.ConstantTimeCompare([]byte(l.NonceHash), []byte(HashSecret(nonce))) == 1
}
