package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"

	"sendboard/models/measure"
)

func runKPI(ctx context.Context, env *cliEnv, args []string) error {
	if len(args) == 0 || args[0] != "import" {
		if len(args) > 0 && (args[0] == "-h" || args[0] == "--help" || args[0] == "help") {
			fmt.Fprintln(env.stdout, "Usage: sendboard kpi import FILE   (CSV or JSON in the SENDIASS feed format; - reads stdin)")
			return nil
		}
		return usageError{"expected: kpi import FILE"}
	}
	if len(args) != 2 {
		return usageError{"expected one file: kpi import FILE"}
	}
	a, err := openApp(ctx, env, nil)
	if err != nil {
		return err
	}
	defer a.Close()
	name := args[1]
	var in io.Reader = env.stdin
	if name != "-" {
		f, err := os.Open(name)
		if err != nil {
			return err
		}
		defer f.Close()
		in = f
	}
	body, err := io.ReadAll(io.LimitReader(in, a.Config.FeedMaxBytes+1))
	if err != nil {
		return err
	}
	if int64(len(body)) > a.Config.FeedMaxBytes {
		return fmt.Errorf("%s is larger than the %d-byte limit; nothing imported", name, a.Config.FeedMaxBytes)
	}
	format := measure.DetectFormat(name, "", body)
	res, err := measure.ImportFeed(ctx, a.DB, body, format, "cli: "+filepath.Base(name), a.Now())
	var fe *measure.FeedError
	if errors.As(err, &fe) {
		for _, r := range fe.Rows {
			fmt.Fprintf(env.stderr, "%s:%d: %s\n", name, r.Line, r.Reason)
		}
		return fmt.Errorf("%d bad row(s) in %s; nothing imported", len(fe.Rows), name)
	}
	if err != nil {
		return err
	}
	fmt.Fprintf(env.stdout, "%s: %s\n", name, res.Summary())
	return nil
}
