// Package apptest boots the real application (real router, real database) for
// HTTP tests and signs in test users of each role.
package apptest

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/labstack/echo/v4"

	"sendboard/app"
	"sendboard/models"
	"sendboard/models/modeltest"
	"sendboard/seeds/seedtest"
)

// Env is a seeded application ready to take requests. Each has a database
// of its own, so the app package's tests all run in parallel.
type Env struct {
	App *app.App
	E   *echo.Echo
	DB  modeltest.DB
}

// The seeded fixtures tests start from (see seedtest).
var (
	Seeded               = seedtest.Seeded
	SeededWithBenchmarks = seedtest.SeededWithBenchmarks
	Synthetic            = seedtest.Synthetic
)

// SyntheticActions is how many actions the Synthetic fixture holds in all.
const SyntheticActions = seedtest.SyntheticActions

// Each runs fn, as parallel subtests, on the router over a copy of the
// seeded database on SQLite and, when configured, on PostgreSQL.
func Each(t *testing.T, fn func(t *testing.T, env *Env, d modeltest.DB)) {
	t.Helper()
	EachWith(t, Seeded, fn)
}

// EachWithBenchmarks is Each with DfE's benchmark figures seeded too.
func EachWithBenchmarks(t *testing.T, fn func(t *testing.T, env *Env, d modeltest.DB)) {
	t.Helper()
	EachWith(t, SeededWithBenchmarks, fn)
}

// EachWith is Each on copies of fixture f.
func EachWith(t *testing.T, f modeltest.Fixture, fn func(t *testing.T, env *Env, d modeltest.DB)) {
	t.Helper()
	modeltest.EachWith(t, f, func(t *testing.T, d modeltest.DB) { fn(t, Open(t, d), d) })
}

// SQLite is the router over a copy of the seeded database on SQLite, for
// tests whose subject does not depend on the database, such as what a page
// shows in a browser.
func SQLite(t testing.TB) *Env {
	t.Helper()
	return Open(t, modeltest.SQLiteWith(t, Seeded))
}

// Like is the router over a copy of fixture f on the same kind of database as
// d, for tests that compare two states of the data.
func Like(t testing.TB, d modeltest.DB, f modeltest.Fixture) *Env {
	t.Helper()
	if d.Name == "postgres" {
		return Open(t, modeltest.PostgresWith(t, f))
	}
	return Open(t, modeltest.SQLiteWith(t, f))
}

// Open builds the router on d as it is, without Chromium (see PrintPDF).
func Open(t testing.TB, d modeltest.DB) *Env {
	t.Helper()
	cfg := app.Defaults()
	cfg.NoJobs = true
	a := &app.App{Config: cfg, DB: d.DB, Log: slog.New(slog.NewTextHandler(io.Discard, nil)), Now: time.Now}
	e, err := a.Handler()
	if err != nil {
		t.Fatalf("handler: %v", err)
	}
	return &Env{App: a, E: e, DB: d}
}

// Serve runs the router on a real HTTP server, for a browser, until the test ends.
func (e *Env) Serve(t testing.TB) *httptest.Server {
	srv := httptest.NewServer(e.E)
	t.Cleanup(srv.Close)
	return srv
}

var userSeq atomic.Int64

// Client is a signed-in user: a session cookie for pages and a bearer token
// for the API.
type Client struct {
	User    *models.User
	Session string
	Token   string
	env     *Env
}

// SignIn creates a user with role (and lead roles, e.g. "DCO") and signs them in.
func (e *Env) SignIn(t testing.TB, role string, leads ...string) *Client {
	t.Helper()
	return e.signIn(t, models.NewUser{Role: role, Leads: leads})
}

// SignInBoard creates a board member sitting on the named boards and signs them in.
func (e *Env) SignInBoard(t testing.TB, boards ...string) *Client {
	t.Helper()
	return e.signIn(t, models.NewUser{Role: models.RoleBoard, Boards: boards})
}

func (e *Env) signIn(t testing.TB, nu models.NewUser) *Client {
	t.Helper()
	ctx := context.Background()
	n := userSeq.Add(1)
	nu.Email, nu.Name = fmt.Sprintf("%s%d@example.test", nu.Role, n), fmt.Sprintf("Test %s %d", nu.Role, n)
	nu.Password = "correct horse battery staple"
	u, err := models.CreateUser(ctx, e.DB.DB, nu, time.Now())
	if err != nil {
		t.Fatalf("create user: %v", err)
	}
	sess, err := models.CreateSession(ctx, e.DB.DB, u.ID, "127.0.0.1", time.Now(), time.Hour)
	if err != nil {
		t.Fatalf("session: %v", err)
	}
	tok, _, err := models.CreateToken(ctx, e.DB.DB, u.ID, "test")
	if err != nil {
		t.Fatalf("token: %v", err)
	}
	return &Client{User: u, Session: sess, Token: tok, env: e}
}

// PreSession is the pre-sign-in cookie value anonymous requests carry, so
// the sign-in form's CSRF token can be derived from it.
const PreSession = "apptest-pre-session-0123456789abcdefghijklmnop"

// CSRF is the token a form of c's session must carry (for nil, the
// pre-session's token).
func CSRF(c *Client) string {
	if c == nil || c.Session == "" {
		return app.PreSessionCSRF(PreSession)
	}
	return app.SessionCSRF(c.Session)
}

// Get requests path with the session cookie (or anonymously when c is nil).
func (e *Env) Get(c *Client, path string) *httptest.ResponseRecorder {
	req := httptest.NewRequest(http.MethodGet, path, nil)
	e.addCookies(req, c, true)
	return e.serve(req)
}

// PostForm submits a form with the session cookie and a valid CSRF token for
// that session.
func (e *Env) PostForm(c *Client, path string, form url.Values) *httptest.ResponseRecorder {
	f := url.Values{}
	for k, v := range form {
		f[k] = v
	}
	f.Set("_csrf", CSRF(c))
	return e.PostFormRaw(c, path, f, true)
}

// PostFormRaw submits a form as given; withCSRFCookie controls whether an
// anonymous request carries the pre-session cookie its token is bound to.
func (e *Env) PostFormRaw(c *Client, path string, form url.Values, withCSRFCookie bool) *httptest.ResponseRecorder {
	req := httptest.NewRequest(http.MethodPost, path, strings.NewReader(form.Encode()))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	e.addCookies(req, c, withCSRFCookie)
	return e.serve(req)
}

// Do serves req with c's session cookie (or the pre-session cookie when c is
// nil), for requests the helpers above do not build, such as uploads.
func (e *Env) Do(c *Client, req *http.Request) *httptest.ResponseRecorder {
	e.addCookies(req, c, true)
	return e.serve(req)
}

func (e *Env) addCookies(req *http.Request, c *Client, pre bool) {
	secure := e.App.Config.SecureCookies
	if c != nil && c.Session != "" {
		req.AddCookie(&http.Cookie{Name: app.SessionCookieName(secure), Value: c.Session})
	} else if pre {
		req.AddCookie(&http.Cookie{Name: app.PreSessionCookieName(secure), Value: PreSession})
	}
}

// API calls the JSON API with the client's bearer token (anonymously when c is nil).
func (e *Env) API(c *Client, method, path, jsonBody string) *httptest.ResponseRecorder {
	var body io.Reader
	if jsonBody != "" {
		body = strings.NewReader(jsonBody)
	}
	req := httptest.NewRequest(method, path, body)
	if jsonBody != "" {
		req.Header.Set("Content-Type", "application/json")
	}
	if c != nil {
		req.Header.Set("Authorization", "Bearer "+c.Token)
	}
	return e.serve(req)
}

func (e *Env) serve(req *http.Request) *httptest.ResponseRecorder {
	rec := httptest.NewRecorder()
	e.E.ServeHTTP(rec, req)
	return rec
}
