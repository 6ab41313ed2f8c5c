package models

import (
	"context"
	"errors"
	"time"

	"gorm.io/gorm"
)

// Purposes of an emailed password link.
const (
	LinkInvite     = "invite"      // a new account's invitation to set its first password
	LinkReset      = "reset"       // a forgotten password
	LinkAdminReset = "admin_reset" // a password an administrator reset: the old one no longer works
)

// How long an emailed link works: an invitation may wait a week in someone's
// inbox; a reset is asked for by someone at the keyboard; an administrator's
// reset reaches someone who may not read their email for a day.
const (
	InviteValidFor     = 7 * 24 * time.Hour
	ResetValidFor      = time.Hour
	AdminResetValidFor = 24 * time.Hour
)

// Limits on asking for a reset, per email address and per network address.
// They stay within the sign-in window so purging throttles never shortens
// them.
var (
	ResetEmailThrottle   = ThrottlePolicy{Limit: 3, Window: 15 * time.Minute, Lock: time.Hour}
	ResetAddressThrottle = ThrottlePolicy{Limit: 20, Window: 15 * time.Minute, Lock: time.Hour}
)

// ErrLinkDead is a link that is unknown, used, expired or for a disabled
// account: the page says the same for each.
var ErrLinkDead = errors.New("this link has expired or has already been used")

// PasswordLink is an emailed link to set a password; only its token's hash
// is stored, and it works once.
type PasswordLink struct {
	ID        uint `gorm:"primaryKey"`
	TokenHash string
	UserID    uint
	Purpose   string
	CreatedAt time.Time
	ExpiresAt time.Time
	UsedAt    *time.Time
}

// NewPasswordLink returns a new link's token, for the email, and the row to
// store in its place. The caller stores it with the email in one transaction.
func NewPasswordLink(userID uint, purpose string, now time.Time) (string, PasswordLink) {
	token, hash := NewSecret("")
	valid := ResetValidFor
	switch purpose {
	case LinkInvite:
		valid = InviteValidFor
	case LinkAdminReset:
		valid = AdminResetValidFor
	}
	now = now.UTC()
	return token, PasswordLink{TokenHash: hash, UserID: userID, Purpose: purpose, CreatedAt: now, ExpiresAt: now.Add(valid)}
}

// StorePasswordLink saves link in tx, ending the user's earlier unused links:
// only the newest link emailed works. actor (nil for someone not signed in
// asking for a reset) is audited against the account.
func StorePasswordLink(tx *gorm.DB, actor *User, u *User, link PasswordLink, now time.Time) error {
	if err := tx.Model(&PasswordLink{}).Where("user_id = ? AND used_at IS NULL", u.ID).Update("used_at", now.UTC()).Error; err != nil {
		return err
	}
	if err := tx.Create(&link).Error; err != nil {
		return err
	}
	what := "reset link emailed"
	if link.Purpose == LinkInvite {
		what = "invitation emailed"
	}
	if link.Purpose == LinkAdminReset {
		what = "reset by an administrator; sessions ended, API tokens revoked and a link emailed"
	}
	return tx.Create(linkAudit(actor, u, what, now)).Error
}

// linkAudit is an entry in the account's history; without an actor it is the
// account's own (a reset asked for or a link followed).
func linkAudit(actor, u *User, what string, now time.Time) *AuditEntry {
	if actor == nil {
		actor = u
	}
	return &AuditEntry{Subject: userSubject(u.Email), Kind: "user", Field: "password", AfterValue: what,
		UserID: &actor.ID, AuthorName: actor.Name, CreatedAt: now.UTC()}
}

// PasswordLinkUser returns the enabled account a live link is for, and the
// link, or ErrLinkDead.
func PasswordLinkUser(ctx context.Context, db *gorm.DB, token string, now time.Time) (*User, *PasswordLink, error) {
	if token == "" || len(token) > 100 {
		return nil, nil, ErrLinkDead
	}
	var l PasswordLink
	err := db.WithContext(ctx).Where("token_hash = ?", HashSecret(token)).Take(&l).Error
	if errors.Is(err, gorm.ErrRecordNotFound) {
		return nil, nil, ErrLinkDead
	}
	if err != nil {
		return nil, nil, err
	}
	if l.UsedAt != nil || !now.Before(l.ExpiresAt) {
		return nil, nil, ErrLinkDead
	}
	var u User
	if err := db.WithContext(ctx).Take(&u, l.UserID).Error; err != nil {
		return nil, nil, NotFoundAs(err, ErrLinkDead)
	}
	if u.Disabled {
		return nil, nil, ErrLinkDead
	}
	return &u, &l, nil
}

// UsePasswordLink sets the account's password from a live link, once: the
// link is spent in the same transaction, under a guard on used_at so two
// submissions cannot both succeed. The account's sessions end and its API
// tokens are revoked, as after any password change; the use is audited.
func UsePasswordLink(ctx context.Context, db *gorm.DB, token, password, confirm string, now time.Time) (*User, error) {
	u, l, err := PasswordLinkUser(ctx, db, token, now)
	if err != nil {
		return nil, err
	}
	if err := ValidatePassword(password); err != nil {
		return nil, err
	}
	if confirm != password {
		return nil, Invalid("confirm", "The passwords do not match")
	}
	hash, err := HashPassword(password)
	if err != nil {
		return nil, err
	}
	err = db.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		res := tx.Model(&PasswordLink{}).Where("id = ? AND used_at IS NULL", l.ID).Update("used_at", now.UTC())
		if res.Error != nil {
			return res.Error
		}
		if res.RowsAffected == 0 {
			return ErrLinkDead
		}
		if err := replacePassword(tx, u.ID, hash, now); err != nil {
			return err
		}
		what := "set from the reset link; sessions ended"
		if l.Purpose == LinkInvite {
			what = "set from the invitation link"
		}
		return tx.Create(linkAudit(nil, u, what, now)).Error
	})
	if err != nil {
		return nil, err
	}
	return FindUserByEmail(ctx, db, u.Email)
}

// PurgeSpentPasswordLinks deletes the links that can no longer be used
// (expired, used, or ended by a newer one) and returns how many went: the
// account's history keeps that each was emailed and used.
func PurgeSpentPasswordLinks(ctx context.Context, db *gorm.DB, now time.Time) (int64, error) {
	res := db.WithContext(ctx).Where("expires_at <= ? OR used_at IS NOT NULL", now.UTC()).Delete(&PasswordLink{})
	return res.RowsAffected, res.Error
}
