package app

import (
	"errors"
	"fmt"
	"net"
	"net/mail"
	"net/url"
	"os"
	"regexp"
	"slices"
	"strings"
	"unicode/utf8"

	"go.yaml.in/yaml/v3"

	"sendboard/models"
)

// OIDCConfig is the single sign-on set up in the file SENDBOARD_OIDC_CONFIG
// names (YAML or JSON).
type OIDCConfig struct {
	Providers []OIDCProvider
	// LocalPasswordsOff lists the email domains whose people must use a
	// provider: the password form refuses them.
	LocalPasswordsOff []string
	// BreakGlassAdmin is the one email whose local password always works, so
	// an administrator can sign in while a provider is down.
	BreakGlassAdmin string
}

// OIDCProvider is one OpenID Connect provider, such as a council's Entra ID tenant.
type OIDCProvider struct {
	Name         string // in URLs: /login/oidc/{name}
	DisplayName  string // the button: "Sign in with your Dorset Council account"
	Issuer       string
	ClientID     string
	ClientSecret string
	Domains      []string // the email domains it may sign in
	Tenant       string   // when set, the tid claim must equal it (Entra ID)
	RoleClaim    string   // the claim holding role or group values, e.g. roles or groups
	Roles        map[string]string
	Boards       map[string]string
	Leads        map[string]string
}

// Provider returns the provider named name, or nil.
func (c *OIDCConfig) Provider(name string) *OIDCProvider {
	if c == nil {
		return nil
	}
	for i := range c.Providers {
		if c.Providers[i].Name == name {
			return &c.Providers[i]
		}
	}
	return nil
}

// PasswordAllowed reports whether email may sign in with a local password.
func (c *OIDCConfig) PasswordAllowed(email string) bool {
	if c == nil {
		return true
	}
	email = models.NormalizeEmail(email)
	if c.BreakGlassAdmin != "" && email == c.BreakGlassAdmin {
		return true
	}
	_, domain, _ := strings.Cut(email, "@")
	return !slices.Contains(c.LocalPasswordsOff, domain)
}

// ProviderForEmail is the first provider that may sign email in, or nil.
func (c *OIDCConfig) ProviderForEmail(email string) *OIDCProvider {
	if c == nil {
		return nil
	}
	_, domain, _ := strings.Cut(models.NormalizeEmail(email), "@")
	for i := range c.Providers {
		if slices.Contains(c.Providers[i].Domains, domain) {
			return &c.Providers[i]
		}
	}
	return nil
}

// Map turns the values of the role claim into a role (the highest any value
// gives; "" when none maps), board names and lead role names.
func (p *OIDCProvider) Map(values []string) (role string, boards, leads []string) {
	best := -1
	for _, v := range values {
		if r, ok := p.Roles[v]; ok {
			best = max(best, slices.Index(models.Roles, r))
		}
		if b, ok := p.Boards[v]; ok && !slices.Contains(boards, b) {
			boards = append(boards, b)
		}
		if l, ok := p.Leads[v]; ok && !slices.Contains(leads, l) {
			leads = append(leads, l)
		}
	}
	if best >= 0 {
		role = models.Roles[best]
	}
	slices.Sort(boards)
	slices.Sort(leads)
	return role, boards, leads
}

// The file's shape; yaml reads JSON too.
type oidcFile struct {
	Providers         []oidcFileProvider `yaml:"providers"`
	LocalPasswordsOff []string           `yaml:"local_passwords_off_domains"`
	BreakGlassAdmin   string             `yaml:"break_glass_admin"`
}

type oidcFileProvider struct {
	Name            string         `yaml:"name"`
	DisplayName     string         `yaml:"display_name"`
	Issuer          string         `yaml:"issuer"`
	ClientID        string         `yaml:"client_id"`
	ClientSecret    string         `yaml:"client_secret"`
	ClientSecretEnv string         `yaml:"client_secret_env"`
	Domains         []string       `yaml:"domains"`
	Tenant          string         `yaml:"tenant"`
	Claims          oidcFileClaims `yaml:"claims"`
}

type oidcFileClaims struct {
	RoleClaim string            `yaml:"role_claim"`
	Roles     map[string]string `yaml:"roles"`
	Boards    map[string]string `yaml:"boards"`
	Leads     map[string]string `yaml:"leads"`
}

// OIDCConfigProblems is every mistake found in the file, one line each.
type OIDCConfigProblems []string

func (p OIDCConfigProblems) Error() string { return strings.Join(p, "\n") }

var (
	providerNameRE = regexp.MustCompile(`^[a-z0-9][a-z0-9-]{0,39}$`)
	inTypeRE       = regexp.MustCompile(` in type [\w.]+$`)
	domainRE       = regexp.MustCompile(`^([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$`)
)

// LoadOIDCConfig reads and checks the file at path, taking secrets named by
// client_secret_env from getenv. Every mistake is reported, one line each
// with the file and line, as OIDCConfigProblems.
func LoadOIDCConfig(path string, getenv func(string) string) (*OIDCConfig, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, OIDCConfigProblems{fmt.Sprintf("%s: cannot read: %v", path, errors.Unwrap(err))}
	}
	return ParseOIDCConfig(path, b, getenv)
}

// ParseOIDCConfig checks the file's content b; name is how it is named in problems.
func ParseOIDCConfig(name string, b []byte, getenv func(string) string) (*OIDCConfig, error) {
	var probs OIDCConfigProblems
	at := func(line int, format string, args ...any) {
		probs = append(probs, fmt.Sprintf("%s:%d: %s", name, line, fmt.Sprintf(format, args...)))
	}
	var root yaml.Node
	if err := yaml.Unmarshal(b, &root); err != nil {
		return nil, OIDCConfigProblems{fmt.Sprintf("%s: not YAML or JSON: %v", name, strings.TrimPrefix(err.Error(), "yaml: "))}
	}
	if len(root.Content) == 0 || root.Content[0].Kind != yaml.MappingNode {
		return nil, OIDCConfigProblems{name + ":1: expected a mapping with providers: (a list), local_passwords_off_domains and break_glass_admin"}
	}
	doc := root.Content[0]
	var f oidcFile
	dec := yaml.NewDecoder(strings.NewReader(string(b)))
	dec.KnownFields(true)
	if err := dec.Decode(&f); err != nil {
		var te *yaml.TypeError
		if errors.As(err, &te) {
			for _, e := range te.Errors {
				// "line 7: field secret not found in type app.oidcFileProvider"
				e = inTypeRE.ReplaceAllString(e, "")
				e = strings.Replace(e, "field ", "unknown setting ", 1)
				if l, rest, ok := strings.Cut(strings.TrimPrefix(e, "line "), ": "); ok {
					probs = append(probs, fmt.Sprintf("%s:%s: %s", name, l, rest))
					continue
				}
				probs = append(probs, name+": "+e)
			}
			return nil, probs
		}
		return nil, OIDCConfigProblems{fmt.Sprintf("%s: %v", name, strings.TrimPrefix(err.Error(), "yaml: "))}
	}
	out := &OIDCConfig{}
	provNodes := valueNode(doc, "providers")
	if len(f.Providers) == 0 {
		at(lineOf(doc, "providers", doc.Line), "providers: list at least one provider")
	}
	seen := map[string]bool{}
	for i, fp := range f.Providers {
		pn := doc
		if provNodes != nil && i < len(provNodes.Content) {
			pn = provNodes.Content[i]
		}
		field := func(key string) int { return lineOf(pn, key, pn.Line) }
		label := fmt.Sprintf("providers[%d]", i)
		if fp.Name != "" {
			label = fmt.Sprintf("provider %q", fp.Name)
		}
		p := OIDCProvider{Name: fp.Name, DisplayName: strings.TrimSpace(fp.DisplayName), Issuer: strings.TrimSpace(fp.Issuer),
			ClientID: strings.TrimSpace(fp.ClientID), Tenant: strings.TrimSpace(fp.Tenant), RoleClaim: strings.TrimSpace(fp.Claims.RoleClaim),
			Roles: fp.Claims.Roles, Boards: fp.Claims.Boards, Leads: fp.Claims.Leads}
		switch {
		case fp.Name == "":
			at(field("name"), "%s: name: give the provider a short id for its URLs, e.g. dorset", label)
		case !providerNameRE.MatchString(fp.Name):
			at(field("name"), "%s: name: use lower-case letters, digits and hyphens (at most 40), e.g. dorset-council", label)
		case seen[fp.Name]:
			at(field("name"), "%s: name: another provider already has this name", label)
		}
		seen[fp.Name] = true
		if p.DisplayName == "" {
			at(field("display_name"), "%s: display_name: give the button's words, e.g. \"Sign in with your Dorset Council account\"", label)
		} else if utf8.RuneCountInString(p.DisplayName) > 100 {
			at(field("display_name"), "%s: display_name: at most 100 characters", label)
		}
		if msg := checkIssuer(p.Issuer); msg != "" {
			at(field("issuer"), "%s: issuer: %s", label, msg)
		}
		if p.ClientID == "" {
			at(field("client_id"), "%s: client_id: give the client (application) id registered with the provider", label)
		}
		switch {
		case fp.ClientSecret != "" && fp.ClientSecretEnv != "":
			at(field("client_secret_env"), "%s: give client_secret or client_secret_env, not both", label)
		case fp.ClientSecretEnv != "":
			if p.ClientSecret = getenv(fp.ClientSecretEnv); p.ClientSecret == "" {
				at(field("client_secret_env"), "%s: client_secret_env: the environment variable %s is not set", label, fp.ClientSecretEnv)
			}
		case fp.ClientSecret != "":
			p.ClientSecret = fp.ClientSecret
		default:
			at(field("client_id"), "%s: give client_secret_env (the environment variable holding the client secret) or client_secret", label)
		}
		if len(fp.Domains) == 0 {
			at(field("domains"), "%s: domains: list the email domains this provider may sign in, e.g. [dorsetcouncil.gov.uk]", label)
		}
		for _, d := range fp.Domains {
			d = strings.ToLower(strings.TrimSpace(strings.TrimPrefix(strings.TrimSpace(d), "@")))
			if !domainRE.MatchString(d) {
				at(field("domains"), "%s: domains: %q is not an email domain such as dorsetcouncil.gov.uk", label, d)
				continue
			}
			p.Domains = append(p.Domains, d)
		}
		cl := valueNode(pn, "claims")
		claimLine := func(key string) int {
			if cl == nil {
				return field("claims")
			}
			return lineOf(cl, key, field("claims"))
		}
		for v, r := range p.Roles {
			if !slices.Contains(models.Roles, r) {
				at(claimLine("roles"), "%s: claims.roles: %q maps to %q, which is not a role; use one of %s", label, v, r, strings.Join(models.Roles, ", "))
			}
		}
		for v, n := range p.Boards {
			if strings.TrimSpace(n) == "" {
				at(claimLine("boards"), "%s: claims.boards: %q maps to no board name", label, v)
			}
		}
		for v, n := range p.Leads {
			if strings.TrimSpace(n) == "" {
				at(claimLine("leads"), "%s: claims.leads: %q maps to no lead role name", label, v)
			}
		}
		if p.RoleClaim == "" && len(p.Roles)+len(p.Boards)+len(p.Leads) > 0 {
			at(claimLine("role_claim"), "%s: claims.role_claim: name the claim holding the values mapped, e.g. roles or groups", label)
		}
		out.Providers = append(out.Providers, p)
	}
	for _, d := range f.LocalPasswordsOff {
		d = strings.ToLower(strings.TrimSpace(strings.TrimPrefix(strings.TrimSpace(d), "@")))
		if !domainRE.MatchString(d) {
			at(lineOf(doc, "local_passwords_off_domains", doc.Line), "local_passwords_off_domains: %q is not an email domain such as dorsetcouncil.gov.uk", d)
			continue
		}
		if !slices.ContainsFunc(out.Providers, func(p OIDCProvider) bool { return slices.Contains(p.Domains, d) }) {
			at(lineOf(doc, "local_passwords_off_domains", doc.Line), "local_passwords_off_domains: no provider signs in %s, so its people could not sign in at all", d)
		}
		out.LocalPasswordsOff = append(out.LocalPasswordsOff, d)
	}
	if f.BreakGlassAdmin != "" {
		e := models.NormalizeEmail(f.BreakGlassAdmin)
		if _, err := mail.ParseAddress(e); err != nil || !strings.Contains(e, "@") {
			at(lineOf(doc, "break_glass_admin", doc.Line), "break_glass_admin: %q is not an email address", f.BreakGlassAdmin)
		}
		out.BreakGlassAdmin = e
	} else if len(out.LocalPasswordsOff) > 0 {
		at(lineOf(doc, "local_passwords_off_domains", doc.Line), "break_glass_admin: name the administrator whose local password always works, for when a provider is down")
	}
	if len(probs) > 0 {
		return nil, probs
	}
	return out, nil
}

// checkIssuer explains what is wrong with an issuer URL, or returns "".
// Plain http is only for a provider on this machine (tests, a local Dex).
func checkIssuer(s string) string {
	if s == "" {
		return "give the provider's issuer URL, e.g. https://login.microsoftonline.com/{tenant id}/v2.0"
	}
	u, err := url.Parse(s)
	if err != nil || u.Host == "" || (u.Scheme != "https" && u.Scheme != "http") || u.RawQuery != "" || u.Fragment != "" {
		return fmt.Sprintf("%q is not an https URL", s)
	}
	if u.Scheme == "http" {
		host := u.Hostname()
		if ip := net.ParseIP(host); host != "localhost" && (ip == nil || !ip.IsLoopback()) {
			return fmt.Sprintf("%q: use https (plain http only for a provider on this machine)", s)
		}
	}
	return ""
}

// valueNode is the value of key in mapping m, or nil.
func valueNode(m *yaml.Node, key string) *yaml.Node {
	if m == nil || m.Kind != yaml.MappingNode {
		return nil
	}
	for i := 0; i+1 < len(m.Content); i += 2 {
		if m.Content[i].Value == key {
			return m.Content[i+1]
		}
	}
	return nil
}

// lineOf is the line of key in mapping m, else def.
func lineOf(m *yaml.Node, key string, def int) int {
	if m == nil || m.Kind != yaml.MappingNode {
		return def
	}
	for i := 0; i+1 < len(m.Content); i += 2 {
		if m.Content[i].Value == key {
			return m.Content[i].Line
		}
	}
	return def
}
