package main

import (
	"context"
	"flag"
	"fmt"
	"strings"

	"sendboard/models"
)

// userSet changes an account as an administrator would on its page: each flag
// given changes that field; --lead and --board replace the lists ("none"
// clears one). Every change is audited with its values before and after.
func userSet(ctx context.Context, env *cliEnv, args []string) error {
	fs := newFlags(env, "user set", "user set --email E [--name N] [--role viewer|lead|board|admin] [--lead ROLE]... [--board NAME]... [--enable|--disable]")
	email := fs.String("email", "", "the account's email (required)")
	name := fs.String("name", "", "new full name")
	role := fs.String("role", "", "new role: viewer, lead, board or admin")
	var leads, boards multiFlag
	fs.Var(&leads, "lead", "a lead role the user holds, e.g. \"DCO\" (repeatable; replaces their lead roles; \"none\" clears them; sendboard lead list shows them)")
	fs.Var(&boards, "board", "a governance board the user sits on (repeatable; replaces their boards; \"none\" clears them; sendboard board list shows them)")
	enable := fs.Bool("enable", false, "let a disabled account sign in again")
	disable := fs.Bool("disable", false, "stop the account signing in, ending its sessions and tokens")
	if err := parse(fs, args); err != nil {
		return err
	}
	if strings.TrimSpace(*email) == "" {
		return usageError{"--email is required"}
	}
	if *enable && *disable {
		return usageError{"give --enable or --disable, not both"}
	}
	ch := models.UserChange{}
	fs.Visit(func(f *flag.Flag) {
		switch f.Name {
		case "name":
			ch.Name = name
		case "role":
			ch.Role = role
		case "lead":
			ch.Leads = listOrNone(leads)
		case "board":
			ch.Boards = listOrNone(boards)
		case "enable", "disable":
			d := *disable
			ch.Disabled = &d
		}
	})
	if ch == (models.UserChange{}) {
		return usageError{"nothing to change: give --name, --role, --lead, --board, --enable or --disable"}
	}
	a, err := openApp(ctx, env, nil)
	if err != nil {
		return err
	}
	defer a.Close()
	u, audit, err := models.UpdateUser(ctx, a.DB, nil, *email, ch, a.Now())
	if err != nil {
		return noAccount(*email, flatten(err))
	}
	if len(audit) == 0 {
		fmt.Fprintf(env.stdout, "no change to %s\n", u.Email)
		return nil
	}
	for _, e := range audit {
		fmt.Fprintf(env.stdout, "%s: %s: %s → %s\n", u.Email, e.Field, orNone(e.BeforeValue), orNone(e.AfterValue))
	}
	return nil
}

// listOrNone reads a repeated flag, where "none" alone means an empty list.
func listOrNone(m multiFlag) *[]string {
	out := []string{}
	for _, v := range m {
		if !strings.EqualFold(strings.TrimSpace(v), "none") {
			out = append(out, v)
		}
	}
	return &out
}

func orNone(s string) string {
	if s == "" {
		return "(none)"
	}
	return s
}

// flatten words every problem of a form's worth of errors on one line.
func flatten(err error) error {
	fe, ok := models.AsFieldErrors(err)
	if !ok || len(fe) < 2 {
		return err
	}
	parts := make([]string, len(fe))
	for i, e := range fe {
		parts[i] = e.Error()
	}
	return fmt.Errorf("%s", strings.Join(parts, "; "))
}
