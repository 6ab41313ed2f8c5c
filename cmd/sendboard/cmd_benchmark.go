package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sort"

	"sendboard/models/measure"
)

// runBenchmarkImport imports each file in its own transaction: a bad file is
// reported with its line numbers and imports nothing, the others still do.
// Dictionaries and area lists go first so figures meet their measures'
// decimal places and names.
func runBenchmarkImport(ctx context.Context, env *cliEnv, args []string) error {
	fs := newFlags(env, "benchmark import", "benchmark import FILE...\n\nEach file is recognised by its header. Importing the same file again changes nothing;\n"+
		"a newer release revises figures and keeps the old ones.")
	names, err := parseArgs(fs, args)
	if err != nil {
		return err
	}
	if len(names) == 0 {
		return usageError{"expected: benchmark import FILE..."}
	}
	a, err := openApp(ctx, env, nil)
	if err != nil {
		return err
	}
	defer a.Close()
	type file struct {
		name string
		body []byte
		rank int
	}
	var files []file
	for _, name := range names {
		body, err := readBounded(name)
		if err != nil {
			return err
		}
		files = append(files, file{name, body, importRank(body)})
	}
	sort.SliceStable(files, func(i, j int) bool { return files[i].rank < files[j].rank })
	failed := 0
	for _, f := range files {
		res, err := measure.ImportBenchmark(ctx, a.DB, filepath.Base(f.name), f.body, a.Now())
		var fe *measure.BenchmarkFileError
		switch {
		case errors.As(err, &fe):
			failed++
			for _, r := range fe.Rows {
				fmt.Fprintf(env.stderr, "%s:%d: %s\n", f.name, r.Line, r.Reason)
			}
			if fe.Total > len(fe.Rows) {
				fmt.Fprintf(env.stderr, "%s: … and %d more bad rows\n", f.name, fe.Total-len(fe.Rows))
			}
			fmt.Fprintf(env.stderr, "%s: %d bad rows; nothing imported from this file\n", f.name, fe.Total)
		case err != nil:
			return fmt.Errorf("%s: %w", f.name, err)
		default:
			fmt.Fprintln(env.stdout, res.Summary())
		}
	}
	if failed > 0 {
		return fmt.Errorf("%d of %d files not imported", failed, len(files))
	}
	return nil
}

func readBounded(name string) ([]byte, error) {
	f, err := os.Open(name)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	body, err := io.ReadAll(io.LimitReader(f, measure.MaxBenchmarkFileBytes+1))
	if err != nil {
		return nil, err
	}
	if len(body) > measure.MaxBenchmarkFileBytes {
		return nil, fmt.Errorf("%s is larger than %d MiB; nothing imported", name, measure.MaxBenchmarkFileBytes>>20)
	}
	return body, nil
}

// importRank orders files: the dictionary, then areas and neighbours, then figures.
func importRank(body []byte) int {
	switch measure.FileKind(body) {
	case measure.FileDictionary:
		return 0
	case measure.FileLACodes, measure.FileNeighbours:
		return 1
	}
	return 2
}
