package jobs

import (
	"context"
	"errors"
	"time"

	"gorm.io/gorm"

	"sendboard/app/feed"
	"sendboard/models"
	"sendboard/models/risk"
)

// Flags raises and resolves flags (PRODUCT.md "Status, RAG and flags") and
// the risks' review-overdue exceptions; it also runs at start so a replica
// that was down catches up.
func Flags(db *gorm.DB, schedule string, cfg models.FlagConfig) Job {
	return Job{Name: NameFlagOverdue, Schedule: schedule, RunAtStart: true,
		Run: func(ctx context.Context, now time.Time) (string, error) {
			res, err := models.RunFlags(ctx, db, now, cfg.Location, cfg.UpdateOverdueDays)
			if err != nil {
				return "", err
			}
			reviews, err := risk.RunReviewExceptions(ctx, db, now, cfg.Location)
			if err != nil {
				return "", err
			}
			return res.Summary() + "; " + reviews.Summary(), nil
		}}
}

// KPIPull pulls the SENDIASS KPI feed (PRODUCT.md "SENDIASS KPI figures"); a
// feed that is not configured is a skipped run, not a failed one.
func KPIPull(schedule string, p *feed.Puller) Job {
	return Job{Name: NameKPIPull, Schedule: schedule,
		Run: func(ctx context.Context, now time.Time) (string, error) {
			summary, err := p.Pull(ctx, now)
			if errors.Is(err, feed.ErrNotConfigured) {
				return "", Skip(err.Error())
			}
			return summary, err
		}}
}
