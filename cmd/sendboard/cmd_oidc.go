package main

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"sendboard/app"
)

// loadOIDC reads the single sign-on file SENDBOARD_OIDC_CONFIG names, or
// returns nil when it names none.
func loadOIDC(env *cliEnv, path string) (*app.OIDCConfig, error) {
	if path == "" {
		return nil, nil
	}
	cfg, err := app.LoadOIDCConfig(path, env.getenv)
	var probs app.OIDCConfigProblems
	if errors.As(err, &probs) {
		return nil, fmt.Errorf("single sign-on file: %d mistake(s):\n%s", len(probs), err)
	}
	return cfg, err
}

// runOIDCCheck prints every mistake in the single sign-on file, or a summary
// of what it sets up; serve refuses to start on the same mistakes.
func runOIDCCheck(_ context.Context, env *cliEnv, args []string) error {
	fs := newFlags(env, "oidc check", "oidc check [file] (default $SENDBOARD_OIDC_CONFIG)")
	pos, err := parseArgs(fs, args)
	if err != nil {
		return err
	}
	path := env.getenv("SENDBOARD_OIDC_CONFIG")
	if len(pos) > 0 {
		path = pos[0]
	}
	if path == "" {
		return usageError{"name the file, or set SENDBOARD_OIDC_CONFIG"}
	}
	cfg, err := loadOIDC(env, path)
	if err != nil {
		return err
	}
	for _, p := range cfg.Providers {
		fmt.Fprintf(env.stdout, "provider %s: %q, issuer %s, domains %s\n", p.Name, p.DisplayName, p.Issuer, strings.Join(p.Domains, ", "))
	}
	if len(cfg.LocalPasswordsOff) > 0 {
		fmt.Fprintf(env.stdout, "local passwords off for %s; break-glass admin %s\n", strings.Join(cfg.LocalPasswordsOff, ", "), cfg.BreakGlassAdmin)
	}
	fmt.Fprintln(env.stdout, "ok")
	return nil
}
