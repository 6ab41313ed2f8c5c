package app_test

import (
	"net/http"
	"net/url"
	"strings"
	"testing"

	"sendboard/app/apptest"
	"sendboard/models"
	"sendboard/models/modeltest"
)

// writeRoute is one write route and which callers may use it.
type writeRoute struct {
	method, path string // concrete path
	pattern      string // as registered with Echo
	form         url.Values
	json         string
	allowed      map[string]bool // caller name -> allowed
}

// callers of the matrix: each role, plus a lead who does not lead action 1.2
// and a board member of a board that does not govern it ("board" sits on the
// SEND Improvement Board, which governs 1.2).
var callers = []string{"viewer", "lead-of-1.2", "other-lead", "board", "board-elsewhere", "admin"}

func allow(names ...string) map[string]bool {
	m := map[string]bool{}
	for _, n := range names {
		m[n] = true
	}
	return m
}

func writeRoutes() []writeRoute {
	progress := url.Values{"narrative": {"Matrix check"}, "status": {"in_progress"}, "rag": {"amber"}, "version": {"1"}}
	return []writeRoute{
		{method: "POST", path: "/actions/1.2/updates", pattern: "/actions/:number/updates", form: progress, allowed: allow("lead-of-1.2", "admin")},
		{method: "POST", path: "/actions/1.2/comments", pattern: "/actions/:number/comments", form: url.Values{"body": {"A comment"}}, allowed: allow("board", "admin")},
		{method: "POST", path: "/actions/1.2/signoff", pattern: "/actions/:number/signoff", form: url.Values{"version": {"1"}}, allowed: allow("board", "admin")},
		{method: "POST", path: "/actions/1.2/edit", pattern: "/actions/:number/edit", form: url.Values{"action": {"x"}, "version": {"1"}}, allowed: allow("admin")},
		{method: "POST", path: "/users", pattern: "/users", form: url.Values{"email": {"new@example.test"}, "name": {"New"}, "role": {"viewer"}}, allowed: allow("admin")},
		{method: "POST", path: "/users/999999", pattern: "/users/:id", form: url.Values{"name": {"X"}, "role": {"viewer"}}, allowed: allow("admin")},
		{method: "POST", path: "/users/999999/disable", pattern: "/users/:id/disable", form: url.Values{}, allowed: allow("admin")},
		{method: "POST", path: "/users/999999/enable", pattern: "/users/:id/enable", form: url.Values{}, allowed: allow("admin")},
		{method: "POST", path: "/users/999999/password", pattern: "/users/:id/password", form: url.Values{}, allowed: allow("admin")},
		{method: "POST", path: "/account/password", pattern: "/account/password", form: url.Values{"current_password": {"not it at all"}, "new_password": {"a new long passphrase"}, "confirm_password": {"a new long passphrase"}}, allowed: allow(callers...)},
		{method: "POST", path: "/account/tokens", pattern: "/account/tokens", form: url.Values{"name": {"script"}}, allowed: allow(callers...)},
		{method: "POST", path: "/account/tokens/999999/revoke", pattern: "/account/tokens/:id/revoke", form: url.Values{}, allowed: allow(callers...)},
		{method: "POST", path: "/api/v1/actions/1.2/updates", pattern: "/api/v1/actions/:number/updates",
			json: `{"narrative":"Matrix","status":"in_progress","rag":"amber","version":1}`, allowed: allow("lead-of-1.2", "admin")},
		{method: "POST", path: "/api/v1/actions/1.2/signoff", pattern: "/api/v1/actions/:number/signoff",
			json: `{"meeting_date":"2025-01-22","minute":"7.3"}`, allowed: allow("board", "admin")},
	}
}

// extraWriteRoutes are checked by their own packages' tests; listed here so the
// completeness check below knows about them.
var extraWriteRoutes = map[string]bool{"POST /login": true, "POST /logout": true}

// TestEveryWriteRouteIsInTheMatrix fails when a write route is added without an
// authorisation expectation.
func TestEveryWriteRouteIsInTheMatrix(t *testing.T) {
	env := apptest.New(t, modeltest.SQLite(t))
	known := map[string]bool{}
	for _, r := range writeRoutes() {
		known[r.method+" "+r.pattern] = true
	}
	for _, r := range append(extraMatrixRoutes(), planMatrixRoutes()...) {
		known[r.method+" "+r.pattern] = true
	}
	for _, r := range env.E.Routes() {
		if r.Method == http.MethodGet || r.Method == http.MethodHead || r.Method == "echo_route_not_found" {
			continue
		}
		key := r.Method + " " + r.Path
		if !known[key] && !extraWriteRoutes[key] {
			t.Errorf("write route %s has no row in the authorisation matrix", key)
		}
	}
}

func TestAuthorisationMatrix(t *testing.T) {
	modeltest.Each(t, func(t *testing.T, d modeltest.DB) {
		env := apptest.NewWithBenchmarks(t, d)
		clients := map[string]*apptest.Client{
			"viewer":          env.SignIn(t, models.RoleViewer),
			"lead-of-1.2":     env.SignIn(t, models.RoleLead, "DCO"),
			"other-lead":      env.SignIn(t, models.RoleLead, "SEND Quality Assurance Officer"),
			"board":           env.SignInBoard(t, "SEND Improvement Board"),
			"board-elsewhere": env.SignInBoard(t, "SEND Health Forum"),
			"admin":           env.SignIn(t, models.RoleAdmin),
		}
		for _, r := range append(append(writeRoutes(), extraMatrixRoutes()...), planMatrixRoutes()...) {
			for _, name := range callers {
				rec := send(env, clients[name], r)
				denied := rec.Code == http.StatusForbidden
				if r.allowed[name] && (denied || rec.Code == http.StatusUnauthorized || rec.Code >= 500) {
					t.Errorf("%s %s as %s: got %d, want allowed\n%s", r.method, r.path, name, rec.Code, snippet(rec.Body.String()))
				}
				if !r.allowed[name] && !denied {
					t.Errorf("%s %s as %s: got %d, want 403", r.method, r.path, name, rec.Code)
				}
			}
			anon := send(env, nil, r)
			if r.json != "" {
				if anon.Code != http.StatusUnauthorized {
					t.Errorf("%s %s anonymous: got %d, want 401", r.method, r.path, anon.Code)
				}
			} else if anon.Code != http.StatusSeeOther || !strings.HasPrefix(anon.Header().Get("Location"), "/login") {
				t.Errorf("%s %s anonymous: got %d %q, want a redirect to /login", r.method, r.path, anon.Code, anon.Header().Get("Location"))
			}
		}
	})
}

func send(env *apptest.Env, c *apptest.Client, r writeRoute) *httpResult {
	if r.json != "" {
		return (*httpResult)(env.API(c, r.method, r.path, r.json))
	}
	return (*httpResult)(env.PostForm(c, r.path, r.form))
}

func TestFormWithoutCSRFTokenIsRefused(t *testing.T) {
	modeltest.Each(t, func(t *testing.T, d modeltest.DB) {
		env := apptest.New(t, d)
		lead := env.SignIn(t, models.RoleLead, "DCO")
		form := url.Values{"narrative": {"Forged"}, "status": {"in_progress"}, "rag": {"green"}, "version": {"1"}}
		rec := env.PostFormRaw(lead, "/actions/1.2/updates", form, true) // cookie but no field
		if rec.Code != http.StatusForbidden {
			t.Fatalf("no _csrf field: got %d, want 403", rec.Code)
		}
		form.Set("_csrf", "some-other-token")
		if rec := env.PostFormRaw(lead, "/actions/1.2/updates", form, true); rec.Code != http.StatusForbidden {
			t.Fatalf("wrong _csrf: got %d, want 403", rec.Code)
		}
		var n int64
		d.DB.Model(&models.ProgressUpdate{}).Where("narrative = ?", "Forged").Count(&n)
		if n != 0 {
			t.Fatalf("a forged form saved %d updates", n)
		}
	})
}
