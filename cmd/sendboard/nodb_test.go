package main

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"sendboard/models/modeltest"
)

// setUpCommands may make a database; version and oidc (which checks a
// provider file) need none.
var setUpCommands = map[string]bool{"migrate": true, "seed": true, "serve": true, "version": true, "oidc": true}

// invocations runs every other command and subcommand of the table far
// enough to need the database; in is a file to import.
func invocations(t *testing.T, in, out string) map[string][]string {
	byName := map[string][]string{
		"benchmark import":  {in},
		"board":             nil,
		"board list":        nil,
		"jobs list":         nil,
		"jobs run":          {"flag-overdue"},
		"kpi import":        {in},
		"lead":              nil,
		"lead list":         nil,
		"mail send":         nil,
		"meeting open":      {"--board", "SEND Improvement Board", "--date", "2025-01-22"},
		"pack":              {"--board", "all", "--quarter", "2024-25 Q4", "--out", out + ".html"},
		"plan import":       {in, "--name", "P", "--type", "pap"},
		"plan export":       {"--plan", "p", "--out", out + ".csv"},
		"round open":        {"--due", "2025-01-31", "--owner", "chair@example.test"},
		"round list":        nil,
		"token":             {"--email", "a@example.test", "--name", "script"},
		"token create":      {"--email", "a@example.test", "--name", "script"},
		"user add":          {"--email", "a@example.test", "--name", "A", "--role", "viewer"},
		"user list":         nil,
		"user set":          {"--email", "a@example.test", "--name", "B"},
		"user set-password": {"--email", "a@example.test"},
		"user disable":      {"--email", "a@example.test"},
	}
	runs := map[string][]string{}
	for _, n := range sortedNames(commands) {
		if setUpCommands[n] {
			continue
		}
		cmd := commands[n]
		names := []string{}
		if cmd.run != nil {
			names = append(names, n)
		}
		for _, s := range sortedNames(cmd.subs) {
			names = append(names, n+" "+s)
		}
		for _, name := range names {
			extra, ok := byName[name]
			if !ok {
				t.Errorf("no invocation of %q: add one so the check covers it", name)
				continue
			}
			runs[name] = append(strings.Fields(name), extra...)
		}
	}
	return runs
}

// TestNoDatabaseIsOneLine: a command other than migrate, seed and serve run
// where there is no database, or an unmigrated one, says so in one line,
// exits 1 and creates nothing.
func TestNoDatabaseIsOneLine(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	dir := t.TempDir()
	in := filepath.Join(dir, "input.csv")
	if err := os.WriteFile(in, []byte("kpi,period,value,commentary\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	for name, args := range invocations(t, in, filepath.Join(dir, "out")) {
		c := newCLI(t)
		c.vars["SENDBOARD_SQLITE"] = filepath.Join(dir, "sendboard.db")
		code := c.run(ctx, args...)
		errOut := c.stderr.String()
		want := "no sendboard database here (" + filepath.Join(dir, "sendboard.db") + "): run `sendboard migrate`, or set SENDBOARD_SQLITE / DATABASE_URL\n"
		if code != 1 || errOut != "sendboard "+strings.Fields(name)[0]+": "+want {
			t.Errorf("%s without a database: exit %d, stderr %q", name, code, errOut)
		}
		entries, _ := os.ReadDir(dir)
		if len(entries) != 1 {
			var names []string
			for _, e := range entries {
				names = append(names, e.Name())
			}
			t.Fatalf("%s without a database left files behind: %v", name, names)
		}
	}
}

// An unmigrated database (an empty SQLite file, an empty PostgreSQL
// database) is no sendboard database either, and stays unmigrated.
func TestUnmigratedDatabaseIsOneLine(t *testing.T) {
	t.Parallel()
	modeltest.EachEmpty(t, func(t *testing.T, d modeltest.DB) {
		ctx := context.Background()
		for _, args := range [][]string{{"user", "list"}, {"jobs", "run", "flag-overdue"}, {"board", "list"}} {
			c := newCLI(t)
			if d.Name == "postgres" {
				c.vars["DATABASE_URL"] = d.DSN
			} else {
				c.vars["SENDBOARD_SQLITE"] = d.DSN
			}
			code := c.run(ctx, args...)
			errOut := c.stderr.String()
			if code != 1 || strings.Count(errOut, "\n") != 1 || !strings.Contains(errOut, ": no sendboard database here (") ||
				!strings.Contains(errOut, "run `sendboard migrate`") {
				t.Errorf("%v on an unmigrated %s database: exit %d, stderr %q", args, d.Name, code, errOut)
			}
		}
		if d.DB.Migrator().HasTable("schema_migrations") || d.DB.Migrator().HasTable("users") {
			t.Error("the commands created tables")
		}
	})
}
