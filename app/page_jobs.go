package app

import (
	"fmt"
	"net/http"
	"strconv"
	"time"

	"github.com/labstack/echo/v4"

	"sendboard/app/jobs"
	"sendboard/models"
	"sendboard/models/jobrun"
)

// jobRunsShown bounds the runs listed on /jobs.
const jobRunsShown = 100

// jobRow is one registered job on /jobs.
type jobRow struct {
	jobs.Job
	Next *time.Time // next scheduled run, when this process runs the scheduler
}

func (a *App) jobsPage(c echo.Context) error {
	ctx := c.Request().Context()
	runs, quiet, err := jobrun.ListBusy(ctx, a.DB, jobRunsShown)
	if err != nil {
		return err
	}
	v := a.view(c, "Scheduled jobs", "jobs")
	var started *jobrun.Run
	if id, err := strconv.ParseUint(c.QueryParam("run"), 10, 64); err == nil {
		if started, err = jobrun.Find(ctx, a.DB, uint(id)); err != nil {
			started = nil
		}
	}
	if started != nil && started.Outcome != jobrun.OutcomeRunning {
		v.Flash = fmt.Sprintf("%s ran: %s. %s", started.Job, started.Outcome, started.Summary)
	}
	c.Response().Header().Set("Cache-Control", "no-store")
	v.Data = map[string]any{"Jobs": a.jobRows(), "Runs": runs, "Quiet": quiet, "TimeZone": a.Config.TimeZone, "Started": started}
	return c.Render(http.StatusOK, "jobs", v)
}

// jobRows lists the jobs with their next run from this process's scheduler.
func (a *App) jobRows() []jobRow {
	r := a.Runner()
	list := r.Jobs()
	rows := make([]jobRow, len(list))
	for i, j := range list {
		rows[i] = jobRow{Job: j}
		if n, ok := r.Next(j); ok {
			rows[i].Next = &n
		}
	}
	return rows
}

// jobRunSubmit starts a job for an admin and answers at once: the run goes
// on in the background, and /jobs shows its progress and then its outcome.
func (a *App) jobRunSubmit(c echo.Context) error {
	u := currentUser(c)
	if !u.AtLeast(models.RoleAdmin) { // the route checks too; a job is an admin's to run
		return models.ErrForbidden
	}
	run, err := a.Runner().RunInBackground(c.Request().Context(), c.Param("name"), "admin: "+u.Name)
	if err != nil {
		return err
	}
	return c.Redirect(http.StatusSeeOther, fmt.Sprintf("/jobs?run=%d#run-%d", run.ID, run.ID))
}
