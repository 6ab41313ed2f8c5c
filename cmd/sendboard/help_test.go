package main

import (
	"context"
	"os"
	"regexp"
	"strings"
	"testing"
)

// TestEveryCommandAnswersHelp walks the command table, so a command added to
// it cannot escape: every command and subcommand answers --help and -h with
// exit 0, its usage on stdout, nothing on stderr, every flag its synopsis
// names listed as typed, and no database opened or created.
func TestEveryCommandAnswersHelp(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	var rows [][]string
	for _, n := range sortedNames(commands) {
		rows = append(rows, []string{n})
		for _, s := range sortedNames(commands[n].subs) {
			rows = append(rows, []string{n, s})
		}
	}
	if len(rows) < 25 {
		t.Fatalf("only %d commands and subcommands in the table", len(rows))
	}
	flagLine := regexp.MustCompile(`^  --([a-z][a-z0-9-]*)( [A-Z][A-Z0-9-]*)?$`)
	named := regexp.MustCompile(`--([a-z][a-z0-9-]*)`)
	for _, row := range rows {
		name := strings.Join(row, " ")
		for _, h := range []string{"--help", "-h"} {
			c := newCLI(t)
			code := c.run(ctx, append(append([]string{}, row...), h)...)
			out := c.stdout.String()
			if code != 0 || !strings.HasPrefix(out, "Usage: sendboard "+name) || c.stderr.String() != "" {
				t.Errorf("%s %s: exit %d, stdout %q, stderr %q; want 0 and its usage", name, h, code, out, c.stderr)
				continue
			}
			lines := strings.Split(out, "\n")
			listed := map[string]bool{}
			for _, l := range lines {
				if !strings.HasPrefix(l, "  -") {
					continue
				}
				m := flagLine.FindStringSubmatch(l)
				if m == nil {
					t.Errorf("%s %s: flag line %q is not --name [VALUE]", name, h, l)
					continue
				}
				listed[m[1]] = true
			}
			for _, m := range named.FindAllStringSubmatch(lines[0], -1) {
				if !listed[m[1]] {
					t.Errorf("%s %s: the synopsis names --%s but the flags do not list it:\n%s", name, h, m[1], out)
				}
			}
			if _, err := os.Stat(c.vars["SENDBOARD_SQLITE"]); err == nil {
				t.Errorf("%s %s created a database", name, h)
			}
		}
	}
}

// A command with subcommands wants one it knows.
func TestSubcommandRequired(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	for _, n := range sortedNames(commands) {
		cmd := commands[n]
		if len(cmd.subs) == 0 {
			continue
		}
		c := newCLI(t)
		if code := c.run(ctx, n, "frobnicate"); code != 2 || !strings.Contains(c.stderr.String(), `unknown subcommand "frobnicate"`) {
			t.Errorf("%s frobnicate: exit %d, stderr %q", n, code, c.stderr)
		}
		if cmd.run != nil {
			continue
		}
		if code := c.run(ctx, n); code != 2 || !strings.Contains(c.stderr.String(), "a subcommand is required") {
			t.Errorf("%s alone: exit %d, stderr %q", n, code, c.stderr)
		}
	}
}
