package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"sendboard/models"
	"sendboard/models/planfile"
	"sendboard/models/planimport"
	"sendboard/models/schema"
)

// mapFlags collects repeated --map FIELD=HEADER flags.
type mapFlags map[planfile.Field]string

func (m mapFlags) String() string { return "" }

func (m mapFlags) Set(v string) error {
	f, h, ok := strings.Cut(v, "=")
	field, known := planfile.ParseField(f)
	if !ok || !known {
		names := make([]string, len(planfile.Fields))
		for i, x := range planfile.Fields {
			names[i] = string(x)
		}
		return fmt.Errorf("%q is not FIELD=HEADER with FIELD one of %s", v, strings.Join(names, ", "))
	}
	m[field] = strings.TrimSpace(h)
	return nil
}

// valueFlags collects repeated --value KIND:"WORD"=READING flags:
// status:"Delayed"=in_progress, rag:"At risk"=amber, or both at once
// (status:"Delayed"=in_progress/amber).
type valueFlags map[planfile.ValueKey]planfile.Reading

func (m valueFlags) String() string { return "" }

func (m valueFlags) Set(v string) error {
	kind, rest, ok := strings.Cut(v, ":")
	kind = strings.ToLower(strings.TrimSpace(kind))
	if !ok || (kind != planfile.KindStatus && kind != planfile.KindRAG) {
		return fmt.Errorf("%q is not status:WORD=READING or rag:WORD=READING", v)
	}
	i := strings.LastIndex(rest, "=")
	if i < 0 {
		return fmt.Errorf("%q is not %s:WORD=READING", v, kind)
	}
	word := strings.Trim(strings.TrimSpace(rest[:i]), `"`)
	r, err := planfile.ParseReading(rest[i+1:])
	if err != nil {
		return err
	}
	if strings.TrimSpace(word) == "" {
		return fmt.Errorf("%q names no word", v)
	}
	k := planfile.Key(kind, word)
	if old, ok := m[k]; ok {
		r.Status, r.RAG = cmpOr(r.Status, old.Status), cmpOr(r.RAG, old.RAG)
	}
	m[k] = r
	return nil
}

func cmpOr(a, b string) string {
	if a != "" {
		return a
	}
	return b
}

func runPlanImport(ctx context.Context, env *cliEnv, args []string) error {
	fs := newFlags(env, "plan import", "plan import FILE --name NAME --type TYPE [--map FIELD=HEADER]... [--value KIND:WORD=READING]... [--same-lead NAME=EXISTING]... [--same-board NAME=EXISTING]... [--sheet NAME] [--dry-run]")
	name := fs.String("name", "", "the plan's name (required)")
	typ := fs.String("type", "", "the plan's type: "+strings.Join(models.PlanTypes, ", ")+" (required)")
	sheet := fs.String("sheet", "", "the XLSX sheet to read (default: the first sheet with a header row)")
	dry := fs.Bool("dry-run", false, "read and check the file and say what would be made, changing nothing")
	maps := mapFlags{}
	fs.Var(maps, "map", "read FIELD from the column headed HEADER; FIELD= leaves a field out (repeatable)")
	values := valueFlags{}
	fs.Var(values, "value", `what a status or RAG word means: status:"Delayed"=in_progress, rag:"At risk"=amber (repeatable)`)
	completedOn := fs.String("completed-on", "", "YYYY-MM-DD: the day the actions marked Complete without a date of their own were completed")
	sameLead, sameBoard := sameFlags{}, sameFlags{}
	fs.Var(sameLead, "same-lead", `NAME=EXISTING: the file's lead NAME is the existing lead role EXISTING (repeatable)`)
	fs.Var(sameBoard, "same-board", `NAME=EXISTING: the file's board NAME is the existing board EXISTING (repeatable)`)
	// FILE may come before or after the flags.
	files, err := parseArgs(fs, args)
	if err != nil {
		return err
	}
	if len(files) != 1 {
		return usageError{"expected one FILE: plan import FILE --name NAME --type TYPE"}
	}
	if *name == "" || *typ == "" {
		return usageError{"--name and --type are required"}
	}
	data, err := readLimited(env, files[0])
	if err != nil {
		return err
	}
	a, err := openApp(ctx, env, nil)
	if err != nil {
		return err
	}
	defer a.Close()
	if ok, err := schema.UpToDate(ctx, a.DB); err != nil || !ok {
		return errors.Join(err, errors.New("the database schema is out of date: run `sendboard migrate`"))
	}
	in := planimport.Request{Name: *name, Type: *typ, File: filepath.Base(files[0]), Sheet: *sheet, Map: maps,
		Flags:  models.FlagConfig{Location: a.Config.Location(), UpdateOverdueDays: a.Config.UpdateOverdueDays},
		Values: values, CompletedOn: *completedOn, SameLead: sameLead, SameBoard: sameBoard}
	var res *planimport.Result
	if *dry {
		res, err = planimport.Preview(ctx, a.DB, data, in, a.Now())
		if err == nil {
			err = res.Err()
		}
	} else {
		res, err = planimport.Import(ctx, a.DB, nil, data, in, a.Now())
	}
	if res != nil && res.File != nil {
		describeImport(env.stdout, res)
	}
	var fe *planfile.Error
	if errors.As(err, &fe) {
		for _, p := range fe.Problems {
			fmt.Fprintf(env.stderr, "%s: %s\n", files[0], p)
		}
		if more := fe.Total - len(fe.Problems); more > 0 {
			fmt.Fprintf(env.stderr, "%s: … and %d more\n", files[0], more)
		}
		return fmt.Errorf("%d problem(s) in %s; nothing imported", fe.Total, files[0])
	}
	if err != nil {
		return err
	}
	if *dry {
		fmt.Fprintf(env.stdout, "Dry run: nothing stored. The plan would be /plans/%s.\n", res.Slug)
		return nil
	}
	fmt.Fprintf(env.stdout, "Imported %q as /plans/%s: %d actions, %d progress updates.\n",
		res.Plan.Name, res.Plan.Slug, len(res.File.Plan.Actions), res.Updates)
	return nil
}

// describeImport prints what the file was read as: the sheet and header row,
// the column mapping, and what the import makes.
func describeImport(w io.Writer, res *planimport.Result) {
	f := res.File
	where := f.Format
	if f.Sheet != "" {
		where += fmt.Sprintf(", sheet %q", f.Sheet)
	}
	fmt.Fprintf(w, "Read %s, header on row %d.\nColumns:\n", where, f.HeaderRow)
	for _, fl := range f.SortedFields() {
		fmt.Fprintf(w, "  %-16s <- %q\n", fl, f.Header(fl))
	}
	fmt.Fprintf(w, "%d areas, %d actions.\n", len(f.Plan.Areas), len(f.Plan.Actions))
	describeReading(w, res)
	if len(res.NewLeads) > 0 {
		fmt.Fprintf(w, "New leads (%d): %s\n", len(res.NewLeads), strings.Join(res.NewLeads, "; "))
	}
	if len(res.NewBoards) > 0 {
		fmt.Fprintf(w, "New boards (%d): %s\n", len(res.NewBoards), strings.Join(res.NewBoards, "; "))
	}
	describeNames(w, res)
}

// readLimited reads a file ("-" for standard input) up to planfile's bound.
func readLimited(env *cliEnv, name string) ([]byte, error) {
	var in io.Reader = env.stdin
	if name != "-" {
		f, err := os.Open(name)
		if err != nil {
			return nil, err
		}
		defer f.Close()
		in = f
	}
	data, err := io.ReadAll(io.LimitReader(in, planfile.MaxFileBytes+1))
	if err != nil {
		return nil, err
	}
	if len(data) > planfile.MaxFileBytes {
		return nil, fmt.Errorf("%s is larger than the %d MiB limit; nothing imported", name, planfile.MaxFileBytes>>20)
	}
	return data, nil
}

func runPlanExport(ctx context.Context, env *cliEnv, args []string) error {
	fs := newFlags(env, "plan export", "plan export --plan SLUG --format xlsx|csv --out FILE")
	slug := fs.String("plan", "", "the plan's slug, as in /plans/SLUG (required)")
	format := fs.String("format", "", "xlsx or csv (default: from --out's extension)")
	out := fs.String("out", "", `file to write, or "-" for standard output (required)`)
	if err := parse(fs, args); err != nil {
		return err
	}
	if *slug == "" || *out == "" {
		return usageError{"--plan and --out are required"}
	}
	f := strings.ToLower(*format)
	if f == "" {
		f = strings.ToLower(strings.TrimPrefix(filepath.Ext(*out), "."))
	}
	if f != planimport.ExportXLSX && f != planimport.ExportCSV {
		return usageError{"--format: choose xlsx or csv"}
	}
	a, err := openApp(ctx, env, nil)
	if err != nil {
		return err
	}
	defer a.Close()
	file, err := planimport.ExportFile(ctx, a.DB, *slug, f)
	if errors.Is(err, models.ErrNotFound) {
		return fmt.Errorf("no plan %q", *slug)
	}
	if err != nil {
		return err
	}
	if *out == "-" {
		_, err = env.stdout.Write(file.Data)
		return err
	}
	if err := os.WriteFile(*out, file.Data, 0o644); err != nil {
		return err
	}
	fmt.Fprintf(env.stderr, "wrote %s (%d bytes)\n", *out, len(file.Data))
	return nil
}
