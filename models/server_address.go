package models

import (
	"context"
	"errors"
	"time"

	"gorm.io/gorm"
)

// ServerAddress is where the server last said it can be reached (one row):
// the base URL of the links in its emails. Processes that do not serve take
// theirs from it unless their own configuration names one.
type ServerAddress struct {
	ID         uint `gorm:"primaryKey;autoIncrement:false"`
	BaseURL    string
	RecordedAt time.Time
}

// RecordBaseURL stores the server's base URL.
func RecordBaseURL(ctx context.Context, db *gorm.DB, baseURL string, now time.Time) error {
	return db.WithContext(ctx).Save(&ServerAddress{ID: 1, BaseURL: baseURL, RecordedAt: now.UTC()}).Error
}

// RecordedBaseURL is the base URL the server last stored, or "" when no server
// has started on this database.
func RecordedBaseURL(ctx context.Context, db *gorm.DB) (string, error) {
	var s ServerAddress
	err := db.WithContext(ctx).Take(&s, 1).Error
	if errors.Is(err, gorm.ErrRecordNotFound) {
		return "", nil
	}
	return s.BaseURL, err
}
