package main

import (
	"context"
	"fmt"
	"strings"

	"sendboard/models"
)

// runBoard prints each governance board's name and slug, both accepted by --board.
func runBoard(ctx context.Context, env *cliEnv, args []string) error {
	return listNames(ctx, env, "board", args, func(ref *models.Reference) {
		for _, b := range ref.Boards {
			fmt.Fprintf(env.stdout, "%s\t(also: %s)\n", b.Name, b.Slug)
		}
	})
}

// runLead prints each lead role with the other spellings accepted for it.
func runLead(ctx context.Context, env *cliEnv, args []string) error {
	return listNames(ctx, env, "lead", args, func(ref *models.Reference) {
		for _, l := range ref.Leads {
			also := append([]string{l.Slug}, l.AliasList()...)
			fmt.Fprintf(env.stdout, "%s\t(also: %s)\n", l.Name, strings.Join(also, "; "))
		}
	})
}

// listNames runs "NOUN [list]": it opens the database, loads the shared
// reference lists and lets write print them.
func listNames(ctx context.Context, env *cliEnv, noun string, args []string, write func(*models.Reference)) error {
	if err := parse(newFlags(env, noun+" list", noun+" list"), args); err != nil {
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
	write(ref)
	return nil
}
