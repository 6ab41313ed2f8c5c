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
	"strings"
	"syscall"

	"sendboard/app"
	"sendboard/models/schema"
)

// version is set at build time with -ldflags "-X main.version=...".
var version = "dev"

// command is one command or subcommand. run gets the arguments after its
// name; subs are its subcommands, chosen by the next argument (run, when set,
// takes the arguments that name none of them).
type command struct {
	summary string
	run     func(ctx context.Context, env *cliEnv, args []string) error
	subs    map[string]command
}

// cliEnv is what every subcommand may use; tests swap the streams.
type cliEnv struct {
	stdin          io.Reader
	stdout, stderr io.Writer
	getenv         func(string) string
}

// commands is every command and subcommand, each run func in a file of its
// own; usage lists them by name and the --help test walks this table.
var commands = map[string]command{
	"benchmark": {summary: "import DfE benchmark files", subs: map[string]command{
		"import": {summary: "import DfE benchmark files: LAIT measures, dictionary, statistical neighbours, LA codes or explore-education-statistics CSV", run: runBenchmarkImport}}},
	"board": {summary: "list the governance boards (the names --board accepts)", run: runBoard, subs: map[string]command{
		"list": {summary: "list the governance boards and their slugs", run: runBoard}}},
	"jobs": {summary: "list the scheduled jobs and their recent runs, or run one now", subs: map[string]command{
		"list": {summary: "list the scheduled jobs and their recent runs", run: jobsList},
		"run":  {summary: "run a job now, under the same lock as the scheduler", run: jobsRun}}},
	"kpi": {summary: "import SENDIASS KPI figures", subs: map[string]command{
		"import": {summary: "import SENDIASS KPI figures from a CSV or JSON file", run: runKPIImport}}},
	"lead": {summary: "list the plan's lead roles (the names --lead accepts)", run: runLead, subs: map[string]command{
		"list": {summary: "list the lead roles with the other spellings accepted for each", run: runLead}}},
	"mail": {summary: "deliver the outbox now", subs: map[string]command{
		"send": {summary: "deliver the outbox now (the mail job, under its lock)", run: runMailSend}}},
	"meeting": {summary: "board meetings: open one, its agenda assembled from what is due", subs: map[string]command{
		"open": {summary: "open a meeting of a board on a day", run: meetingOpen}}},
	"migrate": {summary: "apply database migrations (safe to run again)", run: runMigrate},
	"oidc": {summary: "check the single sign-on file", subs: map[string]command{
		"check": {summary: "print every mistake in the single sign-on file (SENDBOARD_OIDC_CONFIG), or what it sets up", run: runOIDCCheck}}},
	"pack": {summary: "write a board's quarterly governance pack (PDF, XLSX or HTML) to a file", run: runPack},
	"plan": {summary: "import a plan from a spreadsheet or export one", subs: map[string]command{
		"import": {summary: "make a plan from an XLSX or CSV file", run: runPlanImport},
		"export": {summary: "write a plan as XLSX or CSV, in the layout import reads", run: runPlanExport}}},
	"round": {summary: "update rounds: open one and email the leads, or list them", subs: map[string]command{
		"open": {summary: "open an update round and queue the leads' emails", run: roundOpen},
		"list": {summary: "list update rounds and how many actions are answered", run: roundList}}},
	"seed":  {summary: "load the plan and SENDIASS figures from the source documents (safe to run again)", run: runSeed},
	"serve": {summary: "migrate, load seeds into an empty database, and serve the web app", run: runServe},
	"token": {summary: "create a personal API token for a user", run: runToken, subs: map[string]command{
		"create": {summary: "create a personal API token, printed once", run: runToken}}},
	"user": {summary: "manage accounts: add, list, set, set-password, disable", subs: map[string]command{
		"add":          {summary: "add an account", run: userAdd},
		"list":         {summary: "list the accounts with their status (active, disabled, pending), roles, lead roles and boards", run: userList},
		"set":          {summary: "change an account's name, role, lead roles, boards or whether it may sign in", run: userSet},
		"set-password": {summary: "set a new password (generated, or read from standard input); ends their sessions", run: userSetPassword},
		"disable":      {summary: "stop an account signing in, ending its sessions and tokens", run: userDisable}}},
	"version": {summary: "print the version", run: runVersion},
}

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	env := &cliEnv{stdin: os.Stdin, stdout: os.Stdout, stderr: os.Stderr, getenv: os.Getenv}
	os.Exit(run(ctx, env, os.Args[1:]))
}

// run dispatches to a subcommand and turns its error into one line and exit code 1.
func run(ctx context.Context, env *cliEnv, args []string) int {
	if len(args) == 0 || isHelp(args[0]) {
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
	if err := dispatch(ctx, env, args[0], cmd, args[1:]); err != nil {
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

// dispatch runs cmd, or the subcommand its first argument names; --help on a
// command with subcommands lists them.
func dispatch(ctx context.Context, env *cliEnv, name string, cmd command, args []string) error {
	if len(cmd.subs) == 0 {
		return cmd.run(ctx, env, args)
	}
	if len(args) > 0 {
		if sub, ok := cmd.subs[args[0]]; ok {
			return sub.run(ctx, env, args[1:])
		}
		if isHelp(args[0]) {
			subUsage(env.stdout, name, cmd)
			return nil
		}
	}
	if cmd.run != nil && (len(args) == 0 || strings.HasPrefix(args[0], "-")) {
		return cmd.run(ctx, env, args)
	}
	subUsage(env.stderr, name, cmd)
	if len(args) == 0 {
		return usageError{"a subcommand is required: " + strings.Join(sortedNames(cmd.subs), ", ")}
	}
	return usageError{fmt.Sprintf("unknown subcommand %q: use %s", args[0], strings.Join(sortedNames(cmd.subs), ", "))}
}

func isHelp(arg string) bool {
	return arg == "-h" || arg == "--help" || arg == "-help" || arg == "help"
}

func sortedNames(m map[string]command) []string {
	names := make([]string, 0, len(m))
	for n := range m {
		names = append(names, n)
	}
	sort.Strings(names)
	return names
}

// subUsage lists a command's subcommands.
func subUsage(w io.Writer, name string, cmd command) {
	fmt.Fprintf(w, "Usage: sendboard %s <subcommand> [flags]\n\nSubcommands:\n", name)
	for _, n := range sortedNames(cmd.subs) {
		fmt.Fprintf(w, "  %-13s %s\n", n, cmd.subs[n].summary)
	}
	fmt.Fprintf(w, "\nRun `sendboard %s <subcommand> --help` for its flags.\n", name)
}

// usageError is a mistake in the command line itself (exit code 2).
type usageError struct{ msg string }

func (e usageError) Error() string { return e.msg }

func usage(w io.Writer) {
	fmt.Fprintln(w, "Usage: sendboard <command> [flags]\n\nCommands:")
	for _, n := range sortedNames(commands) {
		fmt.Fprintf(w, "  %-10s %s\n", n, commands[n].summary)
	}
	fmt.Fprintln(w, "\nRun `sendboard <command> --help` for a command's flags.")
}

// newFlags makes a FlagSet whose --help prints the synopsis and every flag
// to stdout and whose errors are returned, not fatal.
func newFlags(env *cliEnv, name, synopsis string) *flag.FlagSet {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(env.stderr)
	fs.Usage = func() { printUsage(env.stdout, fs, synopsis) }
	return fs
}

// printUsage writes "Usage: sendboard SYNOPSIS" and each flag as it is typed
// (--name VALUE), its text taken as written: the flag package's own listing
// would turn a `quoted` word in the text into the value's name.
func printUsage(w io.Writer, fs *flag.FlagSet, synopsis string) {
	fmt.Fprintf(w, "Usage: sendboard %s\n", synopsis)
	first := true
	fs.VisitAll(func(f *flag.Flag) {
		if first {
			fmt.Fprintln(w, "\nFlags:")
			first = false
		}
		arg := " " + strings.ToUpper(f.Name)
		if b, ok := f.Value.(interface{ IsBoolFlag() bool }); ok && b.IsBoolFlag() {
			arg = ""
		}
		fmt.Fprintf(w, "  --%s%s\n      %s", f.Name, arg, f.Usage)
		switch f.DefValue {
		case "", "0", "false", "[]":
		default:
			fmt.Fprintf(w, " (default %s)", f.DefValue)
		}
		fmt.Fprintln(w)
	})
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

// parseArgs parses flags that may come before, between or after the
// positional arguments (FILE and the like), and returns those.
func parseArgs(fs *flag.FlagSet, args []string) ([]string, error) {
	var pos []string
	for {
		if err := fs.Parse(args); err != nil {
			if errors.Is(err, flag.ErrHelp) {
				return nil, err
			}
			return nil, usageError{err.Error()}
		}
		if fs.NArg() == 0 {
			return pos, nil
		}
		pos, args = append(pos, fs.Arg(0)), fs.Args()[1:]
	}
}

// openApp reads the configuration and opens a migrated database: the light
// start of every command that works on the plan. It creates nothing: run from
// the wrong folder, it says so in one line instead of starting an empty
// database beside the real one.
func openApp(ctx context.Context, env *cliEnv, apply func(*app.Config)) (*app.App, error) {
	cfg, err := config(env, apply)
	if err != nil {
		return nil, err
	}
	if cfg.DatabaseURL == "" {
		if _, err := os.Stat(cfg.SQLitePath); errors.Is(err, os.ErrNotExist) {
			return nil, noDatabase(cfg)
		}
	}
	a, err := app.Open(ctx, cfg, newLogger(env.stderr, cfg.LogLevel))
	if err != nil {
		return nil, err
	}
	ok, err := schema.UpToDate(ctx, a.DB)
	switch {
	case err != nil:
	case !ok && !a.DB.Migrator().HasTable("schema_migrations"):
		err = noDatabase(cfg)
	case !ok:
		err = errors.New("the database schema is out of date: run `sendboard migrate`")
	}
	if err == nil {
		err = a.AdoptBaseURL(ctx)
	}
	if err != nil {
		a.Close()
		return nil, err
	}
	return a, nil
}

// openToSetUp opens the database for migrate, seed and serve, which make it
// when there is none (saying so first, and where).
func openToSetUp(ctx context.Context, env *cliEnv, apply func(*app.Config)) (*app.App, error) {
	cfg, err := config(env, apply)
	if err != nil {
		return nil, err
	}
	if cfg.DatabaseURL == "" {
		warnNewSQLite(env, cfg.SQLitePath)
	}
	return app.Open(ctx, cfg, newLogger(env.stderr, cfg.LogLevel))
}

// config reads the environment, then the command's own flags (apply).
func config(env *cliEnv, apply func(*app.Config)) (app.Config, error) {
	cfg, err := app.Defaults().FromEnv(env.getenv)
	if err != nil {
		return cfg, err
	}
	if apply != nil {
		apply(&cfg)
		if err := cfg.Validate(); err != nil {
			return cfg, err
		}
	}
	return cfg, nil
}

// noDatabase says where the command looked and what to do.
func noDatabase(cfg app.Config) error {
	return fmt.Errorf("no sendboard database here (%s): run `sendboard migrate`, or set SENDBOARD_SQLITE / DATABASE_URL", cfg.DatabaseLocation())
}

func newLogger(w io.Writer, level string) *slog.Logger {
	var l slog.Level
	_ = l.UnmarshalText([]byte(level))
	return slog.New(slog.NewTextHandler(w, &slog.HandlerOptions{Level: l}))
}
