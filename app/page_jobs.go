package app

import (
	"context"
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
	runs, err := jobrun.List(ctx, a.DB, "", jobRunsShown)
	if err != nil {
		return err
	}
	v := a.view(c, "Scheduled jobs", "jobs")
	if id, err := strconv.ParseUint(c.QueryParam("ran"), 10, 64); err == nil {
		if r, err := jobrun.Find(ctx, a.DB, uint(id)); err == nil {
			v.Flash = fmt.Sprintf("%s ran: %s. %s", r.Job, r.Outcome, r.Summary)
		}
	}
	v.Data = map[string]any{"Jobs": a.jobRows(), "Runs": runs, "TimeZone": a.Config.TimeZone}
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

// jobRunSubmit runs a job now for an admin and shows its outcome. The run is
// detached from the request so a closed browser tab does not cut it short.
func (a *App) jobRunSubmit(c echo.Context) error {
	run, err := a.runJobFor(c)
	if err != nil {
		return err
	}
	return c.Redirect(http.StatusSeeOther, fmt.Sprintf("/jobs?ran=%d", run.ID))
}

func (a *App) runJobFor(c echo.Context) (*jobrun.Run, error) {
	u := currentUser(c)
	if !u.AtLeast(models.RoleAdmin) { // the route checks too; a job is an admin's to run
		return nil, models.ErrForbidden
	}
	return a.RunJob(context.WithoutCancel(c.Request().Context()), c.Param("name"), "admin: "+u.Name, nil)
}
