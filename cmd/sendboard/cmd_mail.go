package main

import (
	"context"
	"errors"
	"fmt"

	"sendboard/app/jobs"
	"sendboard/models/jobrun"
)

// runMail runs the mail job now, under the same lock as the scheduled one, so
// it never races a running server's delivery.
func runMail(ctx context.Context, env *cliEnv, args []string) error {
	if len(args) == 0 || args[0] != "send" {
		if len(args) > 0 && (args[0] == "-h" || args[0] == "--help") {
			fmt.Fprintln(env.stdout, "Usage: sendboard mail send")
			return nil
		}
		return usageError{"expected: mail send"}
	}
	if err := parse(newFlags(env, "mail send", "mail send"), args[1:]); err != nil {
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
