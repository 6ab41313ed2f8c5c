package main

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// TestOIDCCheckAndServeRefuseABadFile: `oidc check` prints every mistake in
// the single sign-on file, one line each, and serve refuses to start on the
// same file; a good file is summarised.
func TestOIDCCheckAndServeRefuseABadFile(t *testing.T) {
	t.Parallel()
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	dir := t.TempDir()
	bad := filepath.Join(dir, "bad.yaml")
	if err := os.WriteFile(bad, []byte("providers:\n  - name: dorset\n    display_name: Sign in with your Dorset Council account ŵ\n    issuer: ftp://x\n    client_id: c\n    client_secret_env: NOT_SET\n    domains: [dorset.example]\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	c := newCLI(t)
	if code := c.run(ctx, "oidc", "check", bad); code != 1 ||
		!strings.Contains(c.stderr.String(), bad+":4: provider \"dorset\": issuer:") ||
		!strings.Contains(c.stderr.String(), bad+":6: provider \"dorset\": client_secret_env: the environment variable NOT_SET is not set") {
		t.Errorf("check bad: exit %d, stderr %q", code, c.stderr)
	}
	c = newCLI(t)
	c.vars["SENDBOARD_OIDC_CONFIG"] = bad
	if code := c.run(ctx, "serve", "--no-jobs", "--addr", "127.0.0.1:0"); code != 1 || !strings.Contains(c.stderr.String(), "2 mistake(s)") {
		t.Errorf("serve with a bad file: exit %d, stderr %q", code, c.stderr)
	}

	good := filepath.Join(dir, "good.yaml")
	if err := os.WriteFile(good, []byte("providers:\n  - name: dorset\n    display_name: Sign in with your Dorset Council account\n    issuer: https://login.microsoftonline.com/tid/v2.0\n    client_id: c\n    client_secret_env: SECRET\n    domains: [dorset.example]\nlocal_passwords_off_domains: [dorset.example]\nbreak_glass_admin: admin@example.org\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	c = newCLI(t)
	c.vars["SENDBOARD_OIDC_CONFIG"], c.vars["SECRET"] = good, "Łs"
	if code := c.run(ctx, "oidc", "check"); code != 0 || !strings.Contains(c.stdout.String(), "provider dorset:") ||
		!strings.Contains(c.stdout.String(), "break-glass admin admin@example.org") {
		t.Errorf("check good: exit %d, %q %q", code, c.stdout, c.stderr)
	}
}
