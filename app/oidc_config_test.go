package app_test

import (
	"strings"
	"testing"

	"sendboard/app"
)

// TestOIDCConfigProblems: every mistake in the single sign-on file is one
// line naming the file and the line, all at once; JSON reads as YAML does.
func TestOIDCConfigProblems(t *testing.T) {
	t.Parallel()
	bad := `providers:
  - name: Dorset Council
    display_name: ""
    issuer: http://login.example/ŵ
    client_id: sendboard
    client_secret: x
    client_secret_env: ALSO
    domains: [dorset.example, "not a domain ≥"]
    claims:
      roles: {sb-admin: emperor}
    colour: blue
local_passwords_off_domains: [nobody.example]
`
	_, err := app.ParseOIDCConfig("sso.yaml", []byte(bad), func(string) string { return "" })
	if err == nil || !strings.Contains(err.Error(), "sso.yaml:11: unknown setting colour") {
		t.Fatalf("unknown setting: %v", err)
	}
	bad = strings.Replace(bad, "    colour: blue\n", "", 1)
	_, err = app.ParseOIDCConfig("sso.yaml", []byte(bad), func(string) string { return "" })
	probs, ok := err.(app.OIDCConfigProblems)
	if !ok {
		t.Fatalf("want problems, got %v", err)
	}
	for _, want := range []string{
		"sso.yaml:2: provider \"Dorset Council\": name: use lower-case letters",
		"sso.yaml:3: provider \"Dorset Council\": display_name:",
		"sso.yaml:4: provider \"Dorset Council\": issuer: \"http://login.example/ŵ\": use https",
		"sso.yaml:7: provider \"Dorset Council\": give client_secret or client_secret_env, not both",
		"sso.yaml:8: provider \"Dorset Council\": domains: \"not a domain ≥\" is not an email domain",
		"sso.yaml:10: provider \"Dorset Council\": claims.roles: \"sb-admin\" maps to \"emperor\"",
		"sso.yaml:9: provider \"Dorset Council\": claims.role_claim: name the claim",
		"sso.yaml:11: local_passwords_off_domains: no provider signs in nobody.example",
		"break_glass_admin: name the administrator",
	} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("missing %q in:\n%s", want, err)
		}
	}
	if len(probs) != 9 {
		t.Errorf("%d problems, want 9:\n%s", len(probs), err)
	}

	good := `{"providers": [{"name": "icb", "display_name": "Sign in with your NHS Dorset account",
  "issuer": "https://login.microsoftonline.com/tid-ıcb/v2.0", "client_id": "c", "client_secret_env": "ICB_SECRET",
  "domains": ["@NHS.net"], "tenant": "tid-ıcb",
  "claims": {"role_claim": "groups", "roles": {"g-1": "lead", "g-2": "admin"}, "leads": {"g-1": "DCO"}}}],
 "local_passwords_off_domains": ["nhs.net"], "break_glass_admin": "Admin@Example.org"}`
	cfg, err := app.ParseOIDCConfig("sso.json", []byte(good), func(k string) string {
		if k == "ICB_SECRET" {
			return "Łsecret"
		}
		return ""
	})
	if err != nil {
		t.Fatal(err)
	}
	p := cfg.Provider("icb")
	if p == nil || p.ClientSecret != "Łsecret" || p.Domains[0] != "nhs.net" || cfg.BreakGlassAdmin != "admin@example.org" {
		t.Fatalf("read %+v", cfg)
	}
	if role, _, leads := p.Map([]string{"g-1", "g-2", "unknown"}); role != "admin" || len(leads) != 1 || leads[0] != "DCO" {
		t.Errorf("map: %s %v", role, leads)
	}
	if role, _, _ := p.Map(nil); role != "" {
		t.Errorf("no claims mapped to %q", role)
	}
	if cfg.PasswordAllowed("someone@nhs.net") || !cfg.PasswordAllowed("ADMIN@example.org") || !cfg.PasswordAllowed("x@parents.example") {
		t.Error("local passwords off by domain, break-glass kept")
	}
}
