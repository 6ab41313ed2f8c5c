package app

import (
	"context"
	"fmt"
	"strings"
	"time"

	"sendboard/app/jobs"
	"sendboard/app/pack"
	"sendboard/models"
)

// JobAuthor attributes packs the scheduled job stores.
const JobAuthor = "Scheduled job"

// PackOrder says which pack to make: a board (slug, name or "all"), an
// optional plan slug ("" for every plan the board governs, or the default
// plan for "all"), a quarter ("2024-25 Q4") and the update round it is made
// from, if any.
type PackOrder struct {
	Board, Plan, Quarter string
	RoundID              uint
}

// MakePack builds the pack o asks for as of now, attributed to byName.
func (a *App) MakePack(ctx context.Context, o PackOrder, byName string) (*models.Pack, error) {
	q, err := models.ParsePackQuarter(o.Quarter)
	if err != nil {
		return nil, err
	}
	p, err := models.BuildPackFor(ctx, a.DB, models.PackRequest{Board: o.Board, Plan: o.Plan, Quarter: q,
		RoundID: o.RoundID, LA: a.Config.LACode}, a.Now().UTC())
	if err != nil {
		return nil, err
	}
	p.GeneratedBy = byName
	return p, nil
}

// GeneratePack builds, renders and stores a new version of a pack. user is the
// board member asking (nil for the scheduled job); the role is checked here as
// well as on the route, so every caller is held to it.
func (a *App) GeneratePack(ctx context.Context, o PackOrder, user *models.User, progress pack.Progress) (*models.StoredPack, error) {
	byName := JobAuthor
	if user != nil {
		if err := models.MayGeneratePack(ctx, a.DB, user, o.Board); err != nil {
			return nil, err
		}
		byName = user.Name
	}
	p, err := a.MakePack(ctx, o, byName)
	if err != nil {
		return nil, err
	}
	files, err := pack.RenderAll(p, progress)
	if err != nil {
		return nil, err
	}
	return models.SavePack(ctx, a.DB, p, user, byName, files)
}

// packsJob is the scheduled job that stores every board's pack once the
// quarter has ended.
func (a *App) packsJob() jobs.Job {
	return jobs.Job{Name: "packs", Schedule: a.Config.PackSchedule, Run: a.RunPacksJob}
}

// RunPacksJob stores, for the quarter just ended, the pack of every board and
// of the whole plan, from 07:00 on the first working day after the quarter
// (England's bank holidays observed). It runs daily and does nothing before
// that moment or once the job has stored them, so a missed morning is caught
// up the next day and replicas never store a board twice.
func (a *App) RunPacksJob(ctx context.Context, now time.Time) (string, error) {
	loc := a.Config.Location()
	q := models.QuarterOf(now.In(loc)).Prev()
	due := models.PackDue(q, loc)
	if now.Before(due) {
		return "", jobs.Skip(fmt.Sprintf("the %s packs are due at %s", q, due.Format("15:04 on 2 January 2006")))
	}
	boards, err := models.PacksToGenerate(ctx, a.DB, q, JobAuthor)
	if err != nil {
		return "", err
	}
	if len(boards) == 0 {
		return "", jobs.Skip(fmt.Sprintf("the %s packs are already stored", q))
	}
	var done []string
	for _, b := range boards {
		if _, err := a.GeneratePack(ctx, PackOrder{Board: b, Quarter: q.String()}, nil, nil); err != nil {
			return fmt.Sprintf("stored %d of %d packs for %s", len(done), len(boards), q), fmt.Errorf("pack for %s: %w", b, err)
		}
		done = append(done, b)
	}
	return fmt.Sprintf("stored %d packs for %s: %s", len(done), q, strings.Join(done, ", ")), nil
}
