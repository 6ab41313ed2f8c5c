// Package oidctest runs a real OpenID Connect provider (zitadel's op package)
// on a local test server, with the smallest storage it needs: one client, a
// few people with passwords, and a login page. Tests sign in through it
// exactly as a browser would; nothing of the token checks is imitated.
package oidctest

import (
	"crypto/rand"
	"crypto/rsa"
	"html/template"
	"net/http"
	"net/http/httptest"
	"net/url"
	"time"

	"github.com/zitadel/oidc/v3/pkg/op"
)

// Person is someone the provider can sign in.
type Person struct {
	Subject       string
	Username      string // what they type at the provider's login page
	Password      string
	Email         string
	EmailVerified bool
	Name          string
	Claims        map[string]any // extra ID token claims: roles, groups, tid
}

// Provider is a running OpenID provider.
type Provider struct {
	Server       *httptest.Server
	Issuer       string
	ClientID     string
	ClientSecret string
	store        *storage
}

// Options shape the provider's one client.
type Options struct {
	ClientID, ClientSecret string
	RedirectURIs           []string
	People                 []Person
}

// Start runs a provider until the test ends (call Close).
func Start(opt Options) (*Provider, error) {
	key, err := newKey()
	if err != nil {
		return nil, err
	}
	st := &storage{
		requests: map[string]*authRequest{}, codes: map[string]string{}, tokens: map[string]string{},
		people: map[string]*Person{}, keys: []*signingKey{key},
		client: &client{id: opt.ClientID, secret: opt.ClientSecret, redirects: opt.RedirectURIs, idLifetime: 5 * time.Minute},
	}
	for i := range opt.People {
		p := opt.People[i]
		st.people[p.Subject] = &p
	}
	mux := http.NewServeMux()
	srv := httptest.NewServer(mux)
	var cryptoKey [32]byte
	if _, err := rand.Read(cryptoKey[:]); err != nil {
		srv.Close()
		return nil, err
	}
	prov, err := op.NewProvider(&op.Config{CryptoKey: cryptoKey, CodeMethodS256: true, AuthMethodPost: true,
		DefaultLogoutRedirectURI: "/signed-out"}, st, op.StaticIssuer(srv.URL), op.WithAllowInsecure())
	if err != nil {
		srv.Close()
		return nil, err
	}
	p := &Provider{Server: srv, Issuer: srv.URL, ClientID: opt.ClientID, ClientSecret: opt.ClientSecret, store: st}
	mux.HandleFunc("/login", p.login)
	mux.HandleFunc("/signed-out", func(w http.ResponseWriter, _ *http.Request) { _, _ = w.Write([]byte("signed out")) })
	mux.Handle("/", p.reissue(prov))
	return p, nil
}

// Close stops the provider.
func (p *Provider) Close() { p.Server.Close() }

// SetPerson adds or replaces someone.
func (p *Provider) SetPerson(person Person) {
	p.store.mu.Lock()
	defer p.store.mu.Unlock()
	p.store.people[person.Subject] = &person
}

// SetAudience makes the provider's token endpoint answer with ID tokens
// naming these audiences instead (nil: the client), still signed with its
// key: what a token meant for another application looks like.
func (p *Provider) SetAudience(aud []string) {
	p.store.mu.Lock()
	defer p.store.mu.Unlock()
	p.store.audience = aud
}

// SetNonce makes the ID tokens carry this nonce instead of the one asked for ("": the one asked for).
func (p *Provider) SetNonce(n string) {
	p.store.mu.Lock()
	defer p.store.mu.Unlock()
	p.store.nonce = n
}

// SetIDTokenLifetime changes how long ID tokens are valid.
func (p *Provider) SetIDTokenLifetime(d time.Duration) {
	p.store.mu.Lock()
	defer p.store.mu.Unlock()
	p.store.client.idLifetime = d
}

// RotateKey signs from now on with a new key, still publishing the old one.
func (p *Provider) RotateKey() error {
	k, err := newKey()
	if err != nil {
		return err
	}
	p.store.mu.Lock()
	defer p.store.mu.Unlock()
	p.store.keys = append([]*signingKey{k}, p.store.keys...)
	return nil
}

var loginPage = template.Must(template.New("login").Parse(`<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>Test provider: sign in</title></head>
<body><main><h1>Test provider</h1>{{if .Error}}<p role="alert">{{.Error}}</p>{{end}}
<form method="post" action="/login">
<input type="hidden" name="id" value="{{.ID}}">
<p><label for="username">Username</label> <input id="username" name="username" autocomplete="username"></p>
<p><label for="password">Password</label> <input id="password" name="password" type="password"></p>
<p><button type="submit" id="provider-sign-in">Sign in</button></p>
</form></main></body></html>`))

// login is the provider's own sign-in page, where the client sends people.
func (p *Provider) login(w http.ResponseWriter, r *http.Request) {
	if r.Method == http.MethodGet {
		_ = loginPage.Execute(w, map[string]string{"ID": r.URL.Query().Get("authRequestID")})
		return
	}
	id := r.PostFormValue("id")
	if err := p.store.checkLogin(id, r.PostFormValue("username"), r.PostFormValue("password")); err != nil {
		w.WriteHeader(http.StatusUnauthorized)
		_ = loginPage.Execute(w, map[string]string{"ID": id, "Error": err.Error()})
		return
	}
	http.Redirect(w, r, p.Issuer+"/authorize/callback?id="+url.QueryEscape(id), http.StatusFound)
}

func newKey() (*signingKey, error) {
	k, err := rsa.GenerateKey(rand.Reader, 2048)
	if err != nil {
		return nil, err
	}
	return &signingKey{id: randomID(), key: k}, nil
}
