package app

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/coreos/go-oidc/v3/oidc"
	"github.com/labstack/echo/v4"
	"golang.org/x/oauth2"

	"sendboard/models"
)

// ssoClient is a provider discovered: its endpoints, the verifier of its ID
// tokens (against its published keys, fetched again when a token names a key
// not seen, so rotated keys are picked up) and the OAuth 2 client.
type ssoClient struct {
	p          *OIDCProvider
	verifier   *oidc.IDTokenVerifier
	oauth      oauth2.Config
	endSession string
}

// ssoClients holds each provider once discovered; a provider that could not
// be reached is tried again on the next sign-in rather than remembered.
type ssoClients struct {
	mu      sync.Mutex
	clients map[string]*ssoClient
}

// ssoHTTP is the client used to talk to providers: bounded, never the default.
var ssoHTTP = &http.Client{Timeout: 15 * time.Second}

// UseOIDC turns single sign-on on with cfg (nil turns it off).
func (a *App) UseOIDC(cfg *OIDCConfig) {
	a.sso.mu.Lock()
	defer a.sso.mu.Unlock()
	a.OIDC, a.sso.clients = cfg, nil
}

func (a *App) ssoClient(ctx context.Context, p *OIDCProvider) (*ssoClient, error) {
	a.sso.mu.Lock()
	defer a.sso.mu.Unlock()
	if cl := a.sso.clients[p.Name]; cl != nil {
		return cl, nil
	}
	dctx, cancel := context.WithTimeout(oidc.ClientContext(context.WithoutCancel(ctx), ssoHTTP), 15*time.Second)
	defer cancel()
	prov, err := oidc.NewProvider(dctx, p.Issuer)
	if err != nil {
		return nil, err
	}
	var meta struct {
		EndSession string `json:"end_session_endpoint"`
	}
	if err := prov.Claims(&meta); err != nil {
		return nil, err
	}
	cl := &ssoClient{p: p, endSession: meta.EndSession,
		verifier: prov.Verifier(&oidc.Config{ClientID: p.ClientID, Now: func() time.Time { return a.Now() }}),
		oauth: oauth2.Config{ClientID: p.ClientID, ClientSecret: p.ClientSecret, Endpoint: prov.Endpoint(),
			RedirectURL: a.Config.BaseURL() + "/login/oidc/" + p.Name + "/callback",
			Scopes:      []string{oidc.ScopeOpenID, "email", "profile"}}}
	if a.sso.clients == nil {
		a.sso.clients = map[string]*ssoClient{}
	}
	a.sso.clients[p.Name] = cl
	return cl, nil
}

// ssoStart sends the browser to the provider with a fresh state, nonce and
// PKCE challenge, bound to its pre-session cookie.
func (a *App) ssoStart(c echo.Context) error {
	ctx := c.Request().Context()
	p := a.OIDC.Provider(c.Param("provider"))
	if p == nil {
		return models.ErrNotFound
	}
	cl, err := a.ssoClient(ctx, p)
	if err != nil {
		a.Log.Warn("single sign-on provider unreachable", "provider", p.Name, "err", err)
		return a.ssoRefuse(c, http.StatusServiceUnavailable, p,
			fmt.Sprintf("%s is not available at the moment. Try again in a few minutes.", ssoName(p)))
	}
	preName := PreSessionCookieName(a.Config.SecureCookies)
	pre := ""
	if ck, err := c.Cookie(preName); err == nil && len(ck.Value) >= 32 && len(ck.Value) <= 64 {
		pre = ck.Value
	} else {
		pre, _ = models.NewSecret("")
		setCookie(c, a.cookie(c, preName, pre, 0))
	}
	verifier := oauth2.GenerateVerifier()
	next := safeNext(c.QueryParam("next"))
	state, nonce, err := models.StartOIDCLogin(ctx, a.DB, p.Name, pre, verifier, next, a.Now())
	if errors.Is(err, models.ErrTooManyOIDCLogins) {
		a.Log.Warn("single sign-on: too many sign-ins waiting", "provider", p.Name)
		return a.ssoRefuse(c, http.StatusServiceUnavailable, p, "Too many people are signing in at once. Try again in a few minutes.")
	}
	if err != nil {
		return err
	}
	return c.Redirect(http.StatusSeeOther, cl.oauth.AuthCodeURL(state, oidc.Nonce(nonce), oauth2.S256ChallengeOption(verifier)))
}

// ssoClaims are the ID token's claims sendboard reads.
type ssoClaims struct {
	Email         string `json:"email"`
	EmailVerified any    `json:"email_verified"` // a boolean; some providers send "true"
	// DomainVerified is Entra ID's optional claim xms_edov: the email's
	// domain is verified by the tenant that owns it. Entra ID sends no
	// email_verified, so this is how it says the same.
	DomainVerified any    `json:"xms_edov"`
	Name           string `json:"name"`
	Tenant         string `json:"tid"`
}

// ssoCallback finishes a sign-in: the state must be one this browser started
// and not used; the code is exchanged with the PKCE verifier; the ID token's
// issuer, audience, signature, expiry and nonce are checked; then the email
// must be verified, in a domain the provider may sign in, and the tenant the
// configured one.
func (a *App) ssoCallback(c echo.Context) error {
	ctx := c.Request().Context()
	p := a.OIDC.Provider(c.Param("provider"))
	if p == nil {
		return models.ErrNotFound
	}
	refuse := func(reason, msg string) error {
		a.Log.Warn("single sign-on refused", "provider", p.Name, "reason", reason, "ip", c.RealIP())
		return a.ssoRefuse(c, http.StatusForbidden, p, msg)
	}
	pre := ""
	if ck, err := c.Cookie(PreSessionCookieName(a.Config.SecureCookies)); err == nil {
		pre = ck.Value
	}
	login, err := models.TakeOIDCLogin(ctx, a.DB, p.Name, c.QueryParam("state"), pre, a.Now())
	if errors.Is(err, models.ErrOIDCLoginDead) {
		return refuse("unknown, used or expired state", "This sign-in has expired or was already used. Start again.")
	}
	if err != nil {
		return err
	}
	if e := c.QueryParam("error"); e != "" {
		return refuse("provider error "+e, fmt.Sprintf("%s did not sign you in (%s). Start again, or ask an administrator.", ssoName(p), trimTo(e, 60)))
	}
	cl, err := a.ssoClient(ctx, p)
	if err != nil {
		return a.ssoRefuse(c, http.StatusServiceUnavailable, p, fmt.Sprintf("%s is not available at the moment. Try again in a few minutes.", ssoName(p)))
	}
	hctx := oidc.ClientContext(ctx, ssoHTTP)
	tok, err := cl.oauth.Exchange(hctx, c.QueryParam("code"), oauth2.VerifierOption(login.Verifier))
	if err != nil {
		return refuse("code exchange: "+err.Error(), "The sign-in could not be completed. Start again.")
	}
	raw, _ := tok.Extra("id_token").(string)
	if raw == "" {
		return refuse("no id_token", "The sign-in could not be completed. Start again.")
	}
	idt, err := cl.verifier.Verify(hctx, raw)
	if err != nil {
		return refuse("id token: "+err.Error(), "The sign-in could not be checked. Start again.")
	}
	if !login.NonceMatches(idt.Nonce) {
		return refuse("nonce mismatch", "The sign-in could not be checked. Start again.")
	}
	var claims ssoClaims
	all := map[string]any{}
	if err := idt.Claims(&claims); err != nil {
		return refuse("claims: "+err.Error(), "The sign-in could not be checked. Start again.")
	}
	if err := idt.Claims(&all); err != nil {
		return refuse("claims: "+err.Error(), "The sign-in could not be checked. Start again.")
	}
	email := models.NormalizeEmail(claims.Email)
	if email == "" || !claimTrue(claims.EmailVerified) && !claimTrue(claims.DomainVerified) {
		return refuse("email not verified", fmt.Sprintf("%s did not confirm your email address, so sendboard cannot tell who you are. Ask your IT service desk to verify it.", ssoName(p)))
	}
	_, domain, _ := strings.Cut(email, "@")
	if !slices.Contains(p.Domains, domain) {
		return refuse("domain "+domain, fmt.Sprintf("%s cannot sign in addresses at %s. Use the sign-in for your own organisation.", ssoName(p), domain))
	}
	if p.Tenant != "" && claims.Tenant != p.Tenant {
		return refuse("tenant "+claims.Tenant, fmt.Sprintf("Your account is not in the organisation %s signs in. Use the sign-in for your own organisation.", ssoName(p)))
	}
	role, boards, leads := p.Map(claimStrings(all[p.RoleClaim]))
	u, out, err := models.SSOSignIn(ctx, a.DB, models.SSOClaims{Provider: p.Name, DisplayName: ssoName(p), Subject: idt.Subject,
		Email: email, Name: claims.Name, Role: role, Boards: boards, Leads: leads}, a.Now())
	if errors.Is(err, models.ErrAccountDisabled) {
		return refuse("account disabled", "Your sendboard account is disabled. Ask an administrator.")
	}
	if err != nil {
		return err
	}
	if out.Created && out.Pending {
		if err := a.notifyPending(ctx, u, ssoName(p)); err != nil {
			a.Log.Error("could not queue the pending-account email", "err", err)
		}
	}
	if out.Pending {
		a.Log.Info("single sign-on: account waits for approval", "user", u.Email)
		v := a.view(c, "Your account waits for approval", "")
		v.Data = u
		return c.Render(http.StatusForbidden, "sso_pending", v)
	}
	if _, err := a.startSessionVia(c, u, p.Name); err != nil {
		return err
	}
	a.Log.Info("signed in", "user", u.Email, "provider", p.Name)
	return c.Redirect(http.StatusSeeOther, landing(u, login.NextPath))
}

// ssoRefuse shows the sign-in page with why the provider's sign-in failed.
func (a *App) ssoRefuse(c echo.Context, status int, p *OIDCProvider, msg string) error {
	v := a.view(c, "Sign in", "")
	v.Data = loginData{Next: "/", Error: msg, ErrorAnchor: "sso-" + p.Name, SSO: a.ssoButtons("/")}
	return c.Render(status, "login", v)
}

func ssoName(p *OIDCProvider) string {
	return strings.TrimPrefix(strings.TrimPrefix(p.DisplayName, "Sign in with "), "your ")
}

// ssoButton is one provider's button on the sign-in page.
type ssoButton struct {
	Name, Label, Href string
}

func (a *App) ssoButtons(next string) []ssoButton {
	if a.OIDC == nil {
		return nil
	}
	var out []ssoButton
	for _, p := range a.OIDC.Providers {
		href := "/login/oidc/" + p.Name
		if next = safeNext(next); next != "/" {
			href += "?next=" + url.QueryEscape(next)
		}
		out = append(out, ssoButton{Name: p.Name, Label: p.DisplayName, Href: href})
	}
	return out
}

// ssoSignOutLink is the provider's own sign-out for a session that signed in
// with it, when the provider advertises one; "" otherwise.
func (a *App) ssoSignOutLink(ctx context.Context, name string) (label, href string) {
	p := a.OIDC.Provider(name)
	if p == nil {
		return "", ""
	}
	cl, err := a.ssoClient(ctx, p)
	if err != nil || cl.endSession == "" {
		return "", ""
	}
	u, err := url.Parse(cl.endSession)
	if err != nil {
		return "", ""
	}
	q := u.Query()
	q.Set("client_id", p.ClientID)
	q.Set("post_logout_redirect_uri", a.Config.BaseURL()+"/login")
	u.RawQuery = q.Encode()
	return ssoName(p), u.String()
}

func claimTrue(v any) bool {
	switch x := v.(type) {
	case bool:
		return x
	case string:
		return strings.EqualFold(x, "true")
	}
	return false
}

// claimStrings reads a role or group claim: a list of strings or one string.
func claimStrings(v any) []string {
	switch x := v.(type) {
	case string:
		return []string{x}
	case []any:
		var out []string
		for _, e := range x {
			if s, ok := e.(string); ok && len(out) < 1000 {
				out = append(out, s)
			}
		}
		return out
	}
	return nil
}

func trimTo(s string, n int) string {
	if len(s) > n {
		return s[:n]
	}
	return s
}
