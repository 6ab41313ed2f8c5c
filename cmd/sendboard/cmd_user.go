package main

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"strings"

	"sendboard/models"
)

// multiFlag collects a repeated flag such as --lead.
type multiFlag []string

func (m *multiFlag) String() string     { return strings.Join(*m, ", ") }
func (m *multiFlag) Set(v string) error { *m = append(*m, v); return nil }

// readPassword takes the first line of stdin, or generates one (printed once).
func readPassword(env *cliEnv, fromStdin bool) (pw string, generated bool, err error) {
	if !fromStdin {
		return models.RandomPassword(), true, nil
	}
	line, err := bufio.NewReader(env.stdin).ReadString('\n')
	if err != nil && line == "" {
		return "", false, fmt.Errorf("reading the password from standard input: %w", err)
	}
	return strings.TrimRight(line, "\r\n"), false, nil
}

func userAdd(ctx context.Context, env *cliEnv, args []string) error {
	fs := newFlags(env, "user add", "user add --email E --name N --role viewer|lead|board|admin [--lead ROLE]... [--board NAME]... [--password-stdin | --invite]")
	email := fs.String("email", "", "sign-in email (required)")
	name := fs.String("name", "", "full name (required)")
	role := fs.String("role", "", "viewer, lead, board or admin (required)")
	var leads multiFlag
	fs.Var(&leads, "lead", "a lead role from the plan this user holds, e.g. \"DCO\" (repeatable)")
	var boards multiFlag
	fs.Var(&boards, "board", "a governance board this board member sits on, e.g. \"SEND Improvement Board\" (repeatable)")
	stdin := fs.Bool("password-stdin", false, "read the password from standard input instead of generating one")
	invite := fs.Bool("invite", false, "email them an invitation to choose their own password (no password is shown)")
	if err := parse(fs, args); err != nil {
		return err
	}
	if *role == models.RoleBoard && len(boards) == 0 {
		return usageError{"a board member sits on at least one board: give --board NAME"}
	}
	if *invite {
		if *stdin {
			return usageError{"give --invite or --password-stdin, not both: an invited user chooses their own password"}
		}
		return userInvite(ctx, env, models.NewUser{Email: *email, Name: *name, Role: *role, Leads: leads, Boards: boards})
	}
	pw, generated, err := readPassword(env, *stdin)
	if err != nil {
		return err
	}
	a, err := openApp(ctx, env, nil)
	if err != nil {
		return err
	}
	defer a.Close()
	u, err := models.CreateUser(ctx, a.DB, models.NewUser{Email: *email, Name: *name, Role: *role, Password: pw, Leads: leads, Boards: boards}, a.Now())
	if err != nil {
		return err
	}
	fmt.Fprintf(env.stdout, "created %s (%s)\n", u.Email, u.Role)
	if generated {
		fmt.Fprintf(env.stdout, "password (shown only once): %s\n", pw)
	}
	return nil
}

// userInvite creates the account and queues its invitation in the outbox,
// which the mail job (or "sendboard mail send") delivers. It reads the single
// sign-on file as serve does: where local passwords are off, the invitation
// is the provider's sign-in button, as from the users page.
func userInvite(ctx context.Context, env *cliEnv, nu models.NewUser) error {
	sso, err := loadOIDC(env, env.getenv("SENDBOARD_OIDC_CONFIG"))
	if err != nil {
		return err
	}
	a, err := openApp(ctx, env, nil)
	if err != nil {
		return err
	}
	defer a.Close()
	a.UseOIDC(sso)
	u, err := a.InviteUser(ctx, nil, nu)
	if err != nil {
		return err
	}
	fmt.Fprintf(env.stdout, "created %s (%s)\n", u.Email, u.Role)
	if p := a.OIDC.ProviderForEmail(u.Email); p != nil && !a.OIDC.PasswordAllowed(u.Email) {
		fmt.Fprintf(env.stdout, "they sign in with their organisation's account, so there is no password: invitation with the button %q queued in the outbox, linking to %s\n",
			p.DisplayName, a.Config.BaseURL())
	} else {
		fmt.Fprintf(env.stdout, "invitation queued in the outbox, linking to %s; it works once, for 7 days\n", a.Config.BaseURL())
	}
	if !a.Config.Mail.Configured() {
		fmt.Fprintln(env.stdout, "email is not set up (SENDBOARD_SMTP_URL), so it waits in the outbox until it is")
	}
	return nil
}

func userList(ctx context.Context, env *cliEnv, args []string) error {
	fs := newFlags(env, "user list", "user list [--status active|disabled|pending]")
	status := fs.String("status", "", "only the accounts with this status: active, disabled, or pending (a first single sign-on waiting for approval)")
	if err := parse(fs, args); err != nil {
		return err
	}
	a, err := openApp(ctx, env, nil)
	if err != nil {
		return err
	}
	defer a.Close()
	us, err := models.ListAccounts(ctx, a.DB, *status)
	if err != nil {
		return err
	}
	for _, u := range us {
		var leads []string
		for _, l := range u.Leads {
			leads = append(leads, l.Name)
		}
		role := u.Role
		if u.Pending {
			role = "-" // none until an administrator approves
		}
		fmt.Fprintf(env.stdout, "%-40s %-7s %-8s %s%s%s\n", u.Email, role, u.Status(), u.Name, leadSuffix(leads), boardSuffix(u.BoardNames()))
	}
	return nil
}

func leadSuffix(leads []string) string {
	if len(leads) == 0 {
		return ""
	}
	return " — leads: " + strings.Join(leads, "; ")
}

func boardSuffix(boards []string) string {
	if len(boards) == 0 {
		return ""
	}
	return " — boards: " + strings.Join(boards, "; ")
}

func userSetPassword(ctx context.Context, env *cliEnv, args []string) error {
	fs := newFlags(env, "user set-password", "user set-password --email E [--password-stdin]")
	email := fs.String("email", "", "the account's email (required)")
	stdin := fs.Bool("password-stdin", false, "read the new password from standard input instead of generating one")
	if err := parse(fs, args); err != nil {
		return err
	}
	pw, generated, err := readPassword(env, *stdin)
	if err != nil {
		return err
	}
	a, err := openApp(ctx, env, nil)
	if err != nil {
		return err
	}
	defer a.Close()
	if err := models.SetPassword(ctx, a.DB, *email, pw, a.Now()); err != nil {
		return noAccount(*email, err)
	}
	if err := models.AuditUser(ctx, a.DB, nil, *email, "password", "", "set; sessions ended", a.Now()); err != nil {
		return err
	}
	fmt.Fprintf(env.stdout, "password changed for %s; their sessions were ended and their API tokens revoked\n", models.NormalizeEmail(*email))
	if generated {
		fmt.Fprintf(env.stdout, "password (shown only once): %s\n", pw)
	}
	return nil
}

func userDisable(ctx context.Context, env *cliEnv, args []string) error {
	fs := newFlags(env, "user disable", "user disable --email E")
	email := fs.String("email", "", "the account's email (required)")
	if err := parse(fs, args); err != nil {
		return err
	}
	a, err := openApp(ctx, env, nil)
	if err != nil {
		return err
	}
	defer a.Close()
	disabled := true
	if _, _, err := models.UpdateUser(ctx, a.DB, nil, *email, models.UserChange{Disabled: &disabled}, a.Now()); err != nil {
		return noAccount(*email, err)
	}
	fmt.Fprintf(env.stdout, "disabled %s; their sessions and tokens were ended\n", models.NormalizeEmail(*email))
	return nil
}

func runToken(ctx context.Context, env *cliEnv, args []string) error {
	fs := newFlags(env, "token create", "token create --email E --name NAME")
	email := fs.String("email", "", "the account the token acts as (required)")
	name := fs.String("name", "", "what the token is for, e.g. \"reporting script\" (required)")
	if err := parse(fs, args); err != nil {
		return err
	}
	a, err := openApp(ctx, env, nil)
	if err != nil {
		return err
	}
	defer a.Close()
	u, err := models.FindUserByEmail(ctx, a.DB, *email)
	if err != nil {
		return noAccount(*email, err)
	}
	tok, _, err := models.CreateToken(ctx, a.DB, u.ID, *name)
	if err != nil {
		return err
	}
	fmt.Fprintf(env.stderr, "token for %s (shown only once; send it as \"Authorization: Bearer <token>\"):\n", u.Email)
	fmt.Fprintln(env.stdout, tok)
	return nil
}

// noAccount words ErrNotFound for an email the user typed.
func noAccount(email string, err error) error {
	if errors.Is(err, models.ErrNotFound) {
		return fmt.Errorf("no account with email %q", email)
	}
	return err
}
