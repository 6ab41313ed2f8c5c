package main

import (
	"context"
	"fmt"

	"sendboard/models"
)

func init() {
	register("board", "list the governance boards (the names --board accepts)", runBoard)
}

// runBoard prints each governance board's name and slug, both accepted by --board.
func runBoard(ctx context.Context, env *cliEnv, args []string) error {
	if len(args) > 0 && args[0] == "list" {
		args = args[1:]
	}
	if err := parse(newFlags(env, "board list", "board list"), args); err != nil {
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
	for _, b := range ref.Boards {
		fmt.Fprintf(env.stdout, "%s\t(also: %s)\n", b.Name, b.Slug)
	}
	return nil
}
