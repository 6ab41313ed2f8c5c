package main

import (
	"context"
	"fmt"
	"strings"

	"sendboard/models"
)

func init() {
	register("lead", "list the plan's lead roles (the names --lead accepts)", runLead)
}

// runLead prints each lead role with the other spellings accepted for it.
func runLead(ctx context.Context, env *cliEnv, args []string) error {
	if len(args) > 0 && args[0] == "list" {
		args = args[1:]
	}
	if err := parse(newFlags(env, "lead list", "lead list"), args); err != nil {
		return err
	}
	a, err := openApp(ctx, env, nil)
	if err != nil {
		return err
	}
	defer a.Close()
	ref, err := models.LoadReference(ctx, a.DB)
	if err != nil {
		return err
	}
	for _, l := range ref.Leads {
		also := append([]string{l.Slug}, l.AliasList()...)
		fmt.Fprintf(env.stdout, "%s\t(also: %s)\n", l.Name, strings.Join(also, "; "))
	}
	return nil
}
