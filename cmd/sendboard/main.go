// Command sendboard runs the SEND improvement plan tracker: `sendboard serve`
// serves it, and the other subcommands migrate, seed and run jobs.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"os"
	"os/signal"
	"sort"
	"syscall"

	"sendboard/app"
)

// version is set at build time with -ldflags "-X main.version=...".
var version = "dev"

// command is one subcommand; run gets the arguments after its name.
type command struct {
	summary string
	run     func(ctx context.Context, env *cliEnv, args []string) error
}

// cliEnv is what every subcommand may use; tests swap the streams.
type cliEnv struct {
	stdin          io.Reader
	stdout, stderr io.Writer
	getenv         func(string) string
}

// commands is every subcommand, each run func in a file of its own; usage
// lists them by name.
var commands = map[string]command{
	"benchmark": {"import DfE benchmark files: LAIT measures, dictionary, statistical neighbours, LA codes or explore-education-statistics CSV (benchmark import FILE...)", runBenchmark},
	"board":     {"list the governance boards (the names --board accepts)", runBoard},
	"jobs":      {"list the scheduled jobs and their recent runs, or run one now (jobs list | jobs run NAME)", runJobs},
	"kpi":       {"import SENDIASS KPI figures from a CSV or JSON file (kpi import FILE)", runKPI},
	"lead":      {"list the plan's lead roles (the names --lead accepts)", runLead},
	"mail":      {"deliver the outbox now (mail send)", runMail},
	"migrate":   {"apply database migrations (safe to run again)", runMigrate},
	"pack":      {"write a board's quarterly governance pack (PDF, XLSX or HTML) to a file", runPack},
	"plan":      {"import a plan from a spreadsheet (plan import FILE ...) or export one (plan export ...)", runPlan},
	"round":     {"update rounds: open one and email the leads, or list them (round open | round list)", runRound},
	"seed":      {"load the plan and SENDIASS figures from the source documents (safe to run again)", runSeed},
	"serve":     {"migrate, load seeds into an empty database, and serve the web app", runServe},
	"token":     {"create a personal API token for a user", runToken},
	"user":      {"manage accounts: add, list, set, set-password, disable", runUser},
	"version":   {"print the version", runVersion},
}

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	env := &cliEnv{stdin: os.Stdin, stdout: os.Stdout, stderr: os.Stderr, getenv: os.Getenv}
	os.Exit(run(ctx, env, os.Args[1:]))
}

// run dispatches to a subcommand and turns its error into one line and exit code 1.
func run(ctx context.Context, env *cliEnv, args []string) int {
	if len(args) == 0 || args[0] == "-h" || args[0] == "--help" || args[0] == "help" {
		usage(env.stdout)
		if len(args) == 0 {
			return 2
		}
		return 0
	}
	cmd, ok := commands[args[0]]
	if !ok {
		fmt.Fprintf(env.stderr, "sendboard: unknown command %q\n", args[0])
		usage(env.stderr)
		return 2
	}
	if err := cmd.run(ctx, env, args[1:]); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return 0
		}
		var ue usageError
		if errors.As(err, &ue) {
			fmt.Fprintf(env.stderr, "sendboard %s: %s\n", args[0], ue.msg)
			return 2
		}
		fmt.Fprintf(env.stderr, "sendboard %s: %v\n", args[0], err)
		return 1
	}
	return 0
}

// usageError is a mistake in the command line itself (exit code 2).
type usageError struct{ msg string }

func (e usageError) Error() string { return e.msg }

func usage(w io.Writer) {
	fmt.Fprintln(w, "Usage: sendboard <command> [flags]\n\nCommands:")
	names := make([]string, 0, len(commands))
	for n := range commands {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, n := range names {
		fmt.Fprintf(w, "  %-10s %s\n", n, commands[n].summary)
	}
	fmt.Fprintln(w, "\nRun `sendboard <command> --help` for a command's flags.")
}

// newFlags makes a FlagSet whose --help prints to stdout and whose errors are
// returned, not fatal.
func newFlags(env *cliEnv, name, synopsis string) *flag.FlagSet {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(env.stderr)
	fs.Usage = func() {
		fmt.Fprintf(env.stdout, "Usage: sendboard %s\n\n", synopsis)
		fs.SetOutput(env.stdout)
		fs.PrintDefaults()
		fs.SetOutput(env.stderr)
	}
	return fs
}

// parse parses flags, mapping flag errors to usage errors.
func parse(fs *flag.FlagSet, args []string) error {
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return err
		}
		return usageError{err.Error()}
	}
	if fs.NArg() > 0 {
		return usageError{fmt.Sprintf("unexpected argument %q", fs.Arg(0))}
	}
	return nil
}

// openApp reads the configuration and opens the database: the light start
// every command but serve needs.
func openApp(ctx context.Context, env *cliEnv, apply func(*app.Config)) (*app.App, error) {
	cfg, err := app.Defaults().FromEnv(env.getenv)
	if err != nil {
		return nil, err
	}
	if apply != nil {
		apply(&cfg)
		if err := cfg.Validate(); err != nil {
			return nil, err
		}
	}
	if cfg.DatabaseURL == "" {
		warnNewSQLite(env, cfg.SQLitePath)
	}
	return app.Open(ctx, cfg, newLogger(env.stderr, cfg.LogLevel))
}

func newLogger(w io.Writer, level string) *slog.Logger {
	var l slog.Level
	_ = l.UnmarshalText([]byte(level))
	return slog.New(slog.NewTextHandler(w, &slog.HandlerOptions{Level: l}))
}
