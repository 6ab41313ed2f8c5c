package round

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"regexp"
	"time"

	"gorm.io/gorm"

	"sendboard/models"
)

// FormToken is the one-use token of an "Open round" form: the form that opened
// a round cannot open another, however often it is sent.
type FormToken struct {
	Token     string `gorm:"primaryKey"`
	UserID    uint
	RoundID   *uint
	CreatedAt time.Time
}

// TableName keeps the table's name.
func (FormToken) TableName() string { return "round_form_tokens" }

// formTokenLife is how long a token is kept; a form older than that can
// still be sent, and the unique open round still stops a duplicate.
const formTokenLife = 7 * 24 * time.Hour

var tokenShape = regexp.MustCompile(`^[0-9a-f]{32}$`)

// NewFormToken makes a token for one "Open round" form.
func NewFormToken() string {
	var b [16]byte
	_, _ = rand.Read(b[:])
	return hex.EncodeToString(b[:])
}

// useToken records token as used by actor, in the transaction that opens the
// round. A token already used refuses the open, naming the round it opened.
func useToken(tx *gorm.DB, token string, actor *models.User, now time.Time) error {
	if token == "" {
		return nil
	}
	if !tokenShape.MatchString(token) {
		return models.Invalid("token", "The form has expired; start again from Update rounds")
	}
	res := tx.Clauses(onConflictNothing).Create(&FormToken{Token: token, UserID: actor.ID, CreatedAt: now.UTC()})
	if res.Error != nil || res.RowsAffected == 1 {
		return res.Error
	}
	var used FormToken
	if err := tx.Take(&used, "token = ?", token).Error; err != nil {
		return err
	}
	if used.RoundID == nil || used.UserID != actor.ID {
		return &models.ConflictError{Message: "This form has been sent already; start again from Update rounds."}
	}
	r, err := Find(tx.Statement.Context, tx, *used.RoundID)
	if err != nil {
		return err
	}
	return alreadyOpen(r)
}

// DeleteOldFormTokens removes tokens older than their life, for housekeeping.
func DeleteOldFormTokens(ctx context.Context, db *gorm.DB, now time.Time) (int64, error) {
	res := db.WithContext(ctx).Where("created_at < ?", now.UTC().Add(-formTokenLife)).Delete(&FormToken{})
	return res.RowsAffected, res.Error
}
