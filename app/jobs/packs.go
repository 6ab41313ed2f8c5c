package jobs

import (
	"context"
	"fmt"
	"strings"
	"time"

	"sendboard/app/pack"
	"sendboard/models"
	packs "sendboard/models/pack"
)

// Packs stores, for the quarter just ended, the pack of every board and of
// the whole plan, from 07:00 on the first working day after the quarter
// (England's bank holidays observed). It runs daily and does nothing before
// that moment or once it has stored them, so a missed morning is caught up
// the next day and replicas never store a board twice.
func Packs(schedule string, loc *time.Location, g *pack.Generator) Job {
	return Job{Name: NamePacks, Schedule: schedule,
		Run: func(ctx context.Context, now time.Time) (string, error) {
			q := models.QuarterOf(now.In(loc)).Prev()
			due := packs.Due(q, loc)
			if now.Before(due) {
				return "", Skip(fmt.Sprintf("the %s packs are due at %s", q, due.Format("15:04 on 2 January 2006")))
			}
			boards, err := packs.ToGenerate(ctx, g.DB, q, pack.JobAuthor)
			if err != nil {
				return "", err
			}
			if len(boards) == 0 {
				return "", Skip(fmt.Sprintf("the %s packs are already stored", q))
			}
			var done []string
			for _, b := range boards {
				if _, err := g.Generate(ctx, pack.Order{Board: b, Quarter: q.String()}, nil, nil); err != nil {
					return fmt.Sprintf("stored %d of %d packs for %s", len(done), len(boards), q), fmt.Errorf("pack for %s: %w", b, err)
				}
				done = append(done, b)
			}
			return fmt.Sprintf("stored %d packs for %s: %s", len(done), q, strings.Join(done, ", ")), nil
		}}
}
