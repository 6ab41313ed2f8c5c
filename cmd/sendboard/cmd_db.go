package main

import (
	"context"
	"fmt"

	"sendboard/models/schema"
	"sendboard/seeds"
)

func runMigrate(ctx context.Context, env *cliEnv, args []string) error {
	if err := parse(newFlags(env, "migrate", "migrate"), args); err != nil {
		return err
	}
	a, err := openToSetUp(ctx, env, nil)
	if err != nil {
		return err
	}
	defer a.Close()
	n, err := schema.Migrate(ctx, a.DB)
	if err != nil {
		return err
	}
	fmt.Fprintf(env.stdout, "%d migration(s) applied; schema is up to date\n", n)
	return nil
}

func runSeed(ctx context.Context, env *cliEnv, args []string) error {
	fs := newFlags(env, "seed", "seed [--synthetic N]")
	synthetic := fs.Int("synthetic", 0, "also add N generated actions (with boards, leads and 20 progress updates each) for load tests")
	if err := parse(fs, args); err != nil {
		return err
	}
	if *synthetic < 0 || *synthetic > 1_000_000 {
		return usageError{"--synthetic must be between 0 and 1000000"}
	}
	a, err := openToSetUp(ctx, env, nil)
	if err != nil {
		return err
	}
	defer a.Close()
	if _, err := schema.Migrate(ctx, a.DB); err != nil {
		return err
	}
	res, err := seeds.Load(ctx, a.DB, seeds.At(a.Now()))
	if err != nil {
		return err
	}
	fmt.Fprintf(env.stdout, "seeded: %d actions, %d progress updates, %d KPIs, %d KPI figures added\n",
		res.Actions, res.Updates, res.KPIs, res.Figures)
	if *synthetic > 0 {
		n, err := seeds.Synthetic(ctx, a.DB, *synthetic)
		if err != nil {
			return err
		}
		fmt.Fprintf(env.stdout, "synthetic: %d actions added\n", n)
	}
	return nil
}

func runVersion(ctx context.Context, env *cliEnv, args []string) error {
	if err := parse(newFlags(env, "version", "version"), args); err != nil {
		return err
	}
	fmt.Fprintln(env.stdout, "sendboard", version)
	return nil
}
