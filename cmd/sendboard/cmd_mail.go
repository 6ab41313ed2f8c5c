package main

import (
	"context"
	"errors"
	"fmt"

	"sendboard/app/jobs"
	"sendboard/models/jobrun"
)

// runMailSend runs the mail job now, under the same lock as the scheduled one, so
// it never races a running server's delivery.
func runMailSend(ctx context.Context, env *cliEnv, args []string) error {
	if err := parse(newFlags(env, "mail send", "mail send"), args); err != nil {
		return err
	}
	a, err := openApp(ctx, env, nil)
	if err != nil {
		return err
	}
	defer a.Close()
	run, err := a.Runner().Run(ctx, jobs.NameMail, "cli", nil)
	if err != nil {
		return err
	}
	fmt.Fprintln(env.stdout, run.Summary)
	if run.Outcome == jobrun.OutcomeFailed {
		return errors.New(run.Errors)
	}
	return nil
}
