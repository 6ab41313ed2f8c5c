package main

import (
	"context"
	"errors"
	"fmt"
	"text/tabwriter"

	"sendboard/models"
	"sendboard/models/jobrun"
)

func jobsList(ctx context.Context, env *cliEnv, args []string) error {
	fs := newFlags(env, "jobs list", "jobs list [--runs N]")
	n := fs.Int("runs", 20, "how many recent runs to show (at most 500)")
	if err := parse(fs, args); err != nil {
		return err
	}
	a, err := openApp(ctx, env, nil)
	if err != nil {
		return err
	}
	defer a.Close()
	w := tabwriter.NewWriter(env.stdout, 0, 4, 2, ' ', 0)
	fmt.Fprintln(w, "JOB\tSCHEDULE\tAT START")
	for _, j := range a.Runner().Jobs() {
		fmt.Fprintf(w, "%s\t%s\t%v\n", j.Name, j.Schedule, j.RunAtStart)
	}
	w.Flush()
	runs, err := jobrun.List(ctx, a.DB, "", *n)
	if err != nil {
		return err
	}
	fmt.Fprintln(env.stdout, "\nRecent runs:")
	w = tabwriter.NewWriter(env.stdout, 0, 4, 2, ' ', 0)
	fmt.Fprintln(w, "ID\tJOB\tSTARTED\tOUTCOME\tBY\tSUMMARY")
	for _, r := range runs {
		fmt.Fprintf(w, "%d\t%s\t%s\t%s\t%s\t%s\n", r.ID, r.Job, r.StartedAt.In(a.Config.Location()).Format("2006-01-02 15:04:05"),
			r.Outcome, r.TriggeredBy, r.Summary)
	}
	return w.Flush()
}

func jobsRun(ctx context.Context, env *cliEnv, args []string) error {
	fs := newFlags(env, "jobs run", "jobs run NAME\n\nNAME is one of the jobs `sendboard jobs list` shows.")
	names, err := parseArgs(fs, args)
	if err != nil {
		return err
	}
	if len(names) != 1 || names[0] == "" {
		return usageError{"expected one job name: jobs run NAME (see jobs list)"}
	}
	a, err := openApp(ctx, env, nil)
	if err != nil {
		return err
	}
	defer a.Close()
	run, err := a.Runner().Run(ctx, names[0], "cli", nil)
	if errors.Is(err, models.ErrNotFound) {
		return usageError{fmt.Sprintf("no job %q (see jobs list)", names[0])}
	}
	if err != nil {
		return err
	}
	fmt.Fprintf(env.stdout, "%s: %s in %s\n", run.Job, run.Outcome, run.Duration().Round(1e6))
	if run.Summary != "" {
		fmt.Fprintln(env.stdout, run.Summary)
	}
	if run.Outcome == jobrun.OutcomeFailed {
		return errors.New(run.Errors)
	}
	return nil
}
