package measure

import (
	"context"
	"errors"
	"time"

	"gorm.io/gorm"
	"gorm.io/gorm/clause"

	"sendboard/models"
)

// FeedState remembers, per feed source, the HTTP validators of the last good
// response (for conditional requests) and when the feed was last pulled.
type FeedState struct {
	ID            uint `gorm:"primaryKey"`
	Source        string
	ETag          string `gorm:"column:etag"`
	LastModified  string
	LastCheckedAt *time.Time // any attempt, good or bad
	LastSuccessAt *time.Time // the last pull applied or found unchanged
	LastError     string
}

// TableName keeps the table name readable.
func (FeedState) TableName() string { return "feed_state" }

// FindFeedState returns the state of source, or an empty one never saved.
func FindFeedState(ctx context.Context, db *gorm.DB, source string) (*FeedState, error) {
	var s FeedState
	err := db.WithContext(ctx).Where("source = ?", source).Take(&s).Error
	if errors.Is(err, gorm.ErrRecordNotFound) {
		return &FeedState{Source: source}, nil
	}
	return &s, err
}

// SaveFeedState writes s, creating or replacing the row of its source.
func SaveFeedState(ctx context.Context, db *gorm.DB, s *FeedState) error {
	s.LastError = models.Clip(s.LastError, models.MaxStoredError)
	return db.WithContext(ctx).Clauses(clause.OnConflict{
		Columns:   []clause.Column{{Name: "source"}},
		DoUpdates: clause.AssignmentColumns([]string{"etag", "last_modified", "last_checked_at", "last_success_at", "last_error"}),
	}).Create(s).Error
}

// LastFeedPull is the feed state with the newest successful pull, or nil when
// no pull has ever succeeded.
func LastFeedPull(ctx context.Context, db *gorm.DB) (*FeedState, error) {
	var s FeedState
	err := db.WithContext(ctx).Where("last_success_at IS NOT NULL").Order("last_success_at DESC").Take(&s).Error
	if errors.Is(err, gorm.ErrRecordNotFound) {
		return nil, nil
	}
	return &s, err
}

// SupersededFigures returns the revisions that are no longer current, by KPI
// id and period, newest revision first: the old values the KPI page shows.
func SupersededFigures(ctx context.Context, db *gorm.DB) (map[uint]map[string][]KPIFigure, error) {
	var figs []KPIFigure
	if err := db.WithContext(ctx).Where("current = ?", false).Order("kpi_id, period_sort, revision DESC").
		Limit(maxFigures).Find(&figs).Error; err != nil {
		return nil, err
	}
	out := map[uint]map[string][]KPIFigure{}
	for _, f := range figs {
		if out[f.KPIID] == nil {
			out[f.KPIID] = map[string][]KPIFigure{}
		}
		out[f.KPIID][f.Period] = append(out[f.KPIID][f.Period], f)
	}
	return out, nil
}
