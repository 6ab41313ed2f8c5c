package app

import (
	"context"
	"time"

	"sendboard/models"
)

// Job names.
const (
	JobFlagOverdue = "flag-overdue"
	JobKPIPull     = "kpi-pull"
)

// flagConfig is what the flag rules need from the configuration; every write
// to an action passes it so its flags are re-evaluated in the same transaction.
func (a *App) flagConfig() models.FlagConfig {
	return models.FlagConfig{Location: a.Config.Location(), UpdateOverdueDays: a.Config.UpdateOverdueDays}
}

// flagOverdueJob raises and resolves flags (PRODUCT.md "Status, RAG and
// flags"); it also runs at start so a replica that was down catches up.
func (a *App) flagOverdueJob() Job {
	return Job{Name: JobFlagOverdue, Schedule: a.Config.FlagSchedule, RunAtStart: true,
		Run: func(ctx context.Context, now time.Time) (string, error) {
			res, err := models.RunFlags(ctx, a.DB, now, a.Config.Location(), a.Config.UpdateOverdueDays)
			if err != nil {
				return "", err
			}
			return res.Summary(), nil
		}}
}
