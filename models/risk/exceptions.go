package risk

import (
	"context"
	"fmt"
	"time"

	"gorm.io/gorm"
)

// Exception is an exception raised on a risk by the daily job. Since is the
// review-by day that passed; a risk re-dated while overdue resolves its
// exception and raises a new one with the new day. Exceptions are resolved,
// never deleted, so their history stays.
type Exception struct {
	ID         uint `gorm:"primaryKey"`
	RiskID     uint
	Kind       string
	Since      string
	RaisedAt   time.Time
	ResolvedAt *time.Time
}

// TableName keeps the table's name.
func (Exception) TableName() string { return "risk_exceptions" }

// ExceptionRun counts what one run of the review rule changed.
type ExceptionRun struct{ Raised, Resolved int }

// Summary is the run in words, for the job's record.
func (r ExceptionRun) Summary() string {
	return fmt.Sprintf("%s +%d -%d", ExceptionReviewOverdue, r.Raised, r.Resolved)
}

// overdueNow selects, on risks r, the open risks whose review-by day is
// before the day given.
const overdueNow = "r.status = 'open' AND r.review_by <> '' AND r.review_by < ?"

// RunReviewExceptions raises a risk_review_overdue exception for every open
// risk whose review-by day is before now's day in loc, and resolves those
// whose risk was reviewed, re-dated or closed, in one transaction of three
// statements whatever the number of risks. Running it again at the same
// instant changes nothing.
func RunReviewExceptions(ctx context.Context, db *gorm.DB, now time.Time, loc *time.Location) (ExceptionRun, error) {
	if loc == nil {
		loc = time.UTC
	}
	today, at := now.In(loc).Format(time.DateOnly), now.UTC()
	var res ExceptionRun
	err := db.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		r := tx.Exec(`UPDATE risk_exceptions SET resolved_at = ? WHERE resolved_at IS NULL AND kind = ?
			AND NOT EXISTS (SELECT 1 FROM risks r WHERE r.id = risk_exceptions.risk_id AND `+overdueNow+`
				AND r.review_by = risk_exceptions.since)`, at, ExceptionReviewOverdue, today)
		if r.Error != nil {
			return fmt.Errorf("resolving risk review exceptions: %w", r.Error)
		}
		res.Resolved = int(r.RowsAffected)
		r = tx.Exec(`INSERT INTO risk_exceptions (risk_id, kind, since, raised_at)
			SELECT r.id, ?, r.review_by, ? FROM risks r WHERE `+overdueNow+`
				AND NOT EXISTS (SELECT 1 FROM risk_exceptions e WHERE e.risk_id = r.id AND e.kind = ? AND e.resolved_at IS NULL)
			ON CONFLICT (risk_id, kind) WHERE resolved_at IS NULL DO NOTHING`,
			ExceptionReviewOverdue, at, today, ExceptionReviewOverdue)
		if r.Error != nil {
			return fmt.Errorf("raising risk review exceptions: %w", r.Error)
		}
		res.Raised = int(r.RowsAffected)
		return nil
	})
	if err != nil {
		return ExceptionRun{}, err
	}
	return res, nil
}

// OpenExceptions lists the open exceptions of the risks given, by risk.
func OpenExceptions(ctx context.Context, db *gorm.DB, riskIDs []uint) (map[uint][]Exception, error) {
	out := map[uint][]Exception{}
	if len(riskIDs) == 0 {
		return out, nil
	}
	var rows []Exception
	if err := db.WithContext(ctx).Where("resolved_at IS NULL AND risk_id IN ?", riskIDs).Order("risk_id, id").
		Limit(MaxList * 10).Find(&rows).Error; err != nil {
		return nil, fmt.Errorf("reading risk exceptions: %w", err)
	}
	for _, e := range rows {
		out[e.RiskID] = append(out[e.RiskID], e)
	}
	return out, nil
}
