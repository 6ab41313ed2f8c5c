package models

import (
	"context"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"golang.org/x/crypto/bcrypt"
	"gorm.io/gorm"
)

// Account field limits, as the columns and the sign-in form hold them.
const (
	MaxEmail = 254
	MaxName  = 200
)

// MinPasswordLength is the shortest password accepted.
const MinPasswordLength = 12

// commonPasswords are the most used passwords of 12 characters or more in
// public breach lists; long enough to pass the length rule, guessed first.
var commonPasswords = map[string]bool{
	"password1234": true, "password12345": true, "password123!": true, "passwordpassword": true,
	"qwertyuiop12": true, "qwertyuiopasdf": true, "qwertyuiopasdfghjkl": true, "1q2w3e4r5t6y": true,
	"1qaz2wsx3edc": true, "abcdefghijkl": true, "abc123abc123": true, "iloveyou1234": true,
	"letmein12345": true, "welcome12345": true, "changeme1234": true, "administrator": true,
	"qazwsxedcrfv": true, "zaq12wsxcde3": true, "123456789abc": true, "abcd12345678": true,
	"trustno1trustno1": true, "monkey123456": true, "football1234": true, "baseball1234": true,
	"sunshine1234": true, "princess1234": true, "starwars1234": true, "superman1234": true,
	"qwerty123456": true, "asdfghjkl123": true, "password2024": true,
	"password2025": true, "password2026": true, "welcome2024!": true, "welcome2025!": true,
	"sendboard123": true, "sendboard1234": true,
}

// ValidatePassword applies the password rules: at least 12 characters and at
// most 72 bytes (what bcrypt reads), not whitespace only, not one character
// repeated, not all digits, and not one of the most common passwords. The
// message says which rule failed, never anything about other accounts.
func ValidatePassword(p string) error {
	if utf8.RuneCountInString(p) < MinPasswordLength {
		return Invalid("password", "must be at least %d characters", MinPasswordLength)
	}
	if len(p) > 72 {
		return Invalid("password", "must be at most 72 bytes")
	}
	if strings.TrimSpace(p) == "" {
		return Invalid("password", "must not be only spaces")
	}
	if r, _ := utf8.DecodeRuneInString(p); strings.Trim(p, string(r)) == "" {
		return Invalid("password", "must not be one character repeated")
	}
	if strings.IndexFunc(p, func(r rune) bool { return !unicode.IsDigit(r) }) < 0 {
		return Invalid("password", "must not be only digits")
	}
	if commonPasswords[strings.ToLower(strings.Join(strings.Fields(p), ""))] {
		return Invalid("password", "is one of the most commonly used passwords; choose another")
	}
	return nil
}

// SetPassword replaces a user's password and ends their sessions and API
// tokens: whoever knew the old password may have made either.
func SetPassword(ctx context.Context, db *gorm.DB, email, password string, now time.Time) error {
	if err := ValidatePassword(password); err != nil {
		return err
	}
	hash, err := HashPassword(password)
	if err != nil {
		return err
	}
	return db.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		var u User
		if err := tx.Where("email = ?", NormalizeEmail(email)).Take(&u).Error; err != nil {
			return NotFoundAs(err, ErrNotFound)
		}
		return replacePassword(tx, u.ID, hash, now)
	})
}

// ChangePassword is a signed-in user changing their own password: the
// current one must be right. Their sessions and API tokens end; the caller
// starts a new session for the browser that asked.
func ChangePassword(ctx context.Context, db *gorm.DB, userID uint, current, password string, now time.Time) error {
	var u User
	if err := db.WithContext(ctx).Take(&u, userID).Error; err != nil {
		return NotFoundAs(err, ErrNotFound)
	}
	if bcrypt.CompareHashAndPassword([]byte(u.PasswordHash), []byte(current)) != nil {
		return Invalid("current_password", "Your current password is not right")
	}
	if err := ValidatePassword(password); err != nil {
		if ie, ok := IsInvalid(err); ok {
			return &InvalidError{Field: "new_password", Message: ie.Message}
		}
		return err
	}
	if password == current {
		return Invalid("new_password", "must differ from your current password")
	}
	hash, err := HashPassword(password)
	if err != nil {
		return err
	}
	return db.WithContext(ctx).Transaction(func(tx *gorm.DB) error { return replacePassword(tx, u.ID, hash, now) })
}

func replacePassword(tx *gorm.DB, userID uint, hash string, now time.Time) error {
	if err := tx.Model(&User{}).Where("id = ?", userID).
		Updates(map[string]any{"password_hash": hash, "updated_at": now.UTC()}).Error; err != nil {
		return err
	}
	if err := tx.Where("user_id = ?", userID).Delete(&Session{}).Error; err != nil {
		return err
	}
	return tx.Model(&APIToken{}).Where("user_id = ? AND revoked_at IS NULL", userID).Update("revoked_at", now.UTC()).Error
}
