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

// runKPIImport imports one file of figures, all or nothing.
func runKPIImport(ctx context.Context, env *cliEnv, args []string) error {
	fs := newFlags(env, "kpi import", "kpi import FILE\n\nFILE is CSV or JSON in the SENDIASS feed format (- reads standard input);\n"+
		"the template from /kpis/template.csv imports as downloaded, its rows without a value skipped and counted.")
	files, err := parseArgs(fs, args)
	if err != nil {
		return err
	}
	if len(files) != 1 {
		return usageError{"expected one file: kpi import FILE"}
	}
	a, err := openApp(ctx, env, nil)
	if err != nil {
		return err
	}
	defer a.Close()
	name := files[0]
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
