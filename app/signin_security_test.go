package app_test

import (
	"context"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/labstack/echo/v4"

	"sendboard/app"
	"sendboard/app/apptest"
	"sendboard/models"
	"sendboard/models/modeltest"
	packs "sendboard/models/pack"
)

// Concurrent wrong passwords are counted before the hash is checked, so no
// more than the limit are ever checked and the right password afterwards is
// refused while the account is locked.
func TestConcurrentWrongPasswordsCheckAtMostTheLimit(t *testing.T) {
	t.Parallel()
	apptest.Each(t, func(t *testing.T, env *apptest.Env, d modeltest.DB) {
		env.App.Sleep = func(context.Context, time.Duration) {}
		u := env.SignIn(t, models.RoleViewer)
		codes := make([]int, 30)
		var wg sync.WaitGroup
		for i := range codes {
			wg.Add(1)
			go func() {
				defer wg.Done()
				codes[i] = login(env, u.User.Email, "wrong guess number "+itoa(uint(i))).Code
			}()
		}
		wg.Wait()
		checked, refused := 0, 0
		for _, c := range codes {
			switch c {
			case http.StatusUnauthorized: // the hash was checked and did not match
				checked++
			case http.StatusTooManyRequests:
				refused++
			default:
				t.Fatalf("unexpected status %d", c)
			}
		}
		if checked == 0 || checked > models.AccountThrottle.Limit || checked+refused != 30 {
			t.Fatalf("%d checked, %d refused; want at most %d checked, the rest 429", checked, refused, models.AccountThrottle.Limit)
		}
		if rec := login(env, u.User.Email, "correct horse battery staple"); rec.Code != http.StatusTooManyRequests {
			t.Fatalf("the right password while locked: got %d, want 429", rec.Code)
		}
	})
}

// The per-address limit keys on the direct peer unless the peer is a trusted
// proxy; a client cannot pick its own address with X-Forwarded-For.
func TestClientAddressIgnoresForwardingHeadersFromUntrustedPeers(t *testing.T) {
	t.Parallel()
	seen := func(trusted string, peer, xff string) string {
		cfg := app.Defaults()
		if trusted != "" {
			nets, err := app.ParseTrustedProxies(trusted)
			if err != nil {
				t.Fatal(err)
			}
			cfg.TrustedProxies = nets
		}
		a := &app.App{Config: cfg, Log: slog.New(slog.DiscardHandler), Now: time.Now}
		e, err := a.Handler()
		if err != nil {
			t.Fatal(err)
		}
		var got string
		e.GET("/ip-probe", func(c echo.Context) error { got = c.RealIP(); return nil })
		req := httptest.NewRequest("GET", "/ip-probe", nil)
		req.RemoteAddr = peer + ":5000"
		req.Header.Set("X-Forwarded-For", xff)
		req.Header.Set("X-Real-IP", xff)
		e.ServeHTTP(httptest.NewRecorder(), req)
		return got
	}
	if got := seen("", "203.0.113.9", "198.51.100.1"); got != "203.0.113.9" {
		t.Fatalf("no trusted proxies: client address %s, want the peer", got)
	}
	if got := seen("", "127.0.0.1", "198.51.100.1"); got != "127.0.0.1" {
		t.Fatalf("no trusted proxies, loopback peer: client address %s, want the peer", got)
	}
	if got := seen("10.0.0.0/8", "10.1.2.3", "198.51.100.1"); got != "198.51.100.1" {
		t.Fatalf("trusted proxy: client address %s, want the forwarded one", got)
	}
	if got := seen("10.0.0.0/8", "203.0.113.9", "198.51.100.1"); got != "203.0.113.9" {
		t.Fatalf("untrusted peer claiming a forward: client address %s, want the peer", got)
	}
	if _, err := app.ParseTrustedProxies("10.0.0.0/33"); err == nil || !strings.Contains(err.Error(), "SENDBOARD_TRUSTED_PROXIES") {
		t.Fatalf("bad CIDR: %v", err)
	}
	cfg, err := app.Defaults().FromEnv(func(k string) string {
		return map[string]string{"SENDBOARD_TRUSTED_PROXIES": "10.0.0.0/8, 192.0.2.7"}[k]
	})
	if err != nil || len(cfg.TrustedProxies) != 2 {
		t.Fatalf("from env: %v %v", cfg.TrustedProxies, err)
	}
}

// next after sign-in only ever points at a clean path on this site.
func TestSignInRedirectStaysOnSite(t *testing.T) {
	t.Parallel()
	env := apptest.SQLite(t)
	u := env.SignIn(t, models.RoleViewer)
	for next, want := range map[string]string{
		"/%09/evil.example":           "/",
		"/\t/evil.example":            "/",
		"//evil.example":              "/",
		"/\\evil.example":             "/",
		"https://evil.example/":       "/",
		"/%5Cevil.example":            "/",
		"/%2F%2Fevil.example":         "/evil.example",
		"/kpis/../boards/x":           "/boards/x",
		"/?status=in_progress&rag=g":  "/?status=in_progress&rag=g",
		"javascript:alert(1)":         "/",
		"/actions/1.2?x=%0d%0aSet-Ck": "/actions/1.2?x=%0d%0aSet-Ck",
	} {
		form := url.Values{"email": {u.User.Email}, "password": {"correct horse battery staple"}, "next": {next}}
		rec := env.PostForm(nil, "/login", form)
		if rec.Code != http.StatusSeeOther || rec.Header().Get("Location") != want {
			t.Errorf("next=%q: %d Location %q, want %q", next, rec.Code, rec.Header().Get("Location"), want)
		}
	}
	// The sign-in page keeps the whole address it was sent from.
	rec := env.Get(nil, "/?status=in_progress&rag=green")
	loc, _ := url.Parse(rec.Header().Get("Location"))
	if loc.Path != "/login" || loc.Query().Get("next") != "/?status=in_progress&rag=green" {
		t.Fatalf("redirect to sign-in: %q", rec.Header().Get("Location"))
	}
}

// A CSRF token works only for the session it was made for, only from the
// form field or header, and a pre-sign-in token stops at sign-in.
func TestCSRFTokenIsBoundToTheSession(t *testing.T) {
	t.Parallel()
	apptest.Each(t, func(t *testing.T, env *apptest.Env, d modeltest.DB) {
		u := env.SignIn(t, models.RoleViewer)
		other := env.SignIn(t, models.RoleViewer)
		post := func(path, field, header string, cookies ...*http.Cookie) int {
			form := url.Values{"name": {"script"}}
			if field != "" {
				form.Set("_csrf", field)
			}
			req := httptest.NewRequest("POST", path, strings.NewReader(form.Encode()))
			req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
			if header != "" {
				req.Header.Set("X-CSRF-Token", header)
			}
			req.AddCookie(&http.Cookie{Name: "sb_session", Value: u.Session})
			for _, c := range cookies {
				req.AddCookie(c)
			}
			rec := httptest.NewRecorder()
			env.E.ServeHTTP(rec, req)
			return rec.Code
		}
		// The old double submit: any value the attacker chose, in cookie and field.
		if c := post("/account/tokens", "attacker-chosen-value-0123456789", "", &http.Cookie{Name: "sb_csrf", Value: "attacker-chosen-value-0123456789"}); c != http.StatusForbidden {
			t.Fatalf("attacker-chosen double-submit token: %d, want 403", c)
		}
		if c := post("/account/tokens", apptest.CSRF(other), ""); c != http.StatusForbidden {
			t.Fatalf("another session's token: %d, want 403", c)
		}
		if c := post("/account/tokens?_csrf="+url.QueryEscape(apptest.CSRF(u)), "", ""); c != http.StatusForbidden {
			t.Fatalf("token in the query string: %d, want 403", c)
		}
		if c := post("/account/tokens", "", apptest.CSRF(u)); c != http.StatusCreated {
			t.Fatalf("token in X-CSRF-Token: %d, want 201", c)
		}
		if c := post("/account/tokens", apptest.CSRF(u), ""); c != http.StatusCreated {
			t.Fatalf("token in _csrf: %d, want 201", c)
		}

		// Sign in through the form as a browser would: the page issues a
		// pre-session cookie, its token signs in, then is worthless.
		page := freshGet(env, "/login")
		var pre *http.Cookie
		for _, c := range page.Result().Cookies() {
			if c.Name == "sb_pre" {
				pre = c
			}
		}
		if pre == nil || !pre.HttpOnly || !strings.Contains(page.Body.String(), app.PreSessionCSRF(pre.Value)) {
			t.Fatalf("the sign-in page issues no pre-session cookie bound to its token")
		}
		preTok := app.PreSessionCSRF(pre.Value)
		form := url.Values{"email": {u.User.Email}, "password": {"correct horse battery staple"}, "_csrf": {preTok}}
		req := httptest.NewRequest("POST", "/login", strings.NewReader(form.Encode()))
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
		req.AddCookie(&http.Cookie{Name: "sb_pre", Value: pre.Value})
		rec := httptest.NewRecorder()
		env.E.ServeHTTP(rec, req)
		sess := sessionCookie(rec)
		if rec.Code != http.StatusSeeOther || sess == nil {
			t.Fatalf("sign in with the pre-session token: %d", rec.Code)
		}
		cleared := false
		for _, c := range rec.Result().Cookies() {
			cleared = cleared || (c.Name == "sb_pre" && c.MaxAge < 0)
		}
		if !cleared {
			t.Fatal("sign-in did not end the pre-session")
		}
		signedIn := &apptest.Client{Session: sess.Value}
		if rec := env.PostFormRaw(signedIn, "/logout", url.Values{"_csrf": {preTok}}, true); rec.Code != http.StatusForbidden {
			t.Fatalf("the pre-sign-in token after sign-in: %d, want 403", rec.Code)
		}
		if rec := env.PostForm(signedIn, "/logout", url.Values{}); rec.Code != http.StatusSeeOther {
			t.Fatalf("the session's own token: %d", rec.Code)
		}
	})
}

// Everything behind sign-in is no-store, pack downloads and API included;
// secure deployments add HSTS and __Host- cookies.
func TestPrivateResponsesAreNotCached(t *testing.T) {
	t.Parallel()
	apptest.Each(t, func(t *testing.T, env *apptest.Env, d modeltest.DB) {
		board := env.SignInBoard(t, "SEND Improvement Board")
		rec := env.API(board, "POST", "/api/v1/packs", `{"board":"send-improvement-board","quarter":"2024-25 Q4"}`)
		if rec.Code != http.StatusCreated && rec.Code != http.StatusOK {
			t.Fatalf("make a pack: %d %s", rec.Code, snippet(rec.Body.String()))
		}
		var sp packs.Stored
		if err := d.DB.Order("id DESC").Take(&sp).Error; err != nil {
			t.Fatal(err)
		}
		for _, r := range []*httptest.ResponseRecorder{
			env.Get(board, "/"), env.Get(board, "/account"), env.Get(board, "/kpis"), env.Get(nil, "/login"),
			env.Get(board, "/packs/"+itoa(sp.ID)+"/html"), env.API(board, "GET", "/api/v1/actions", ""),
			env.API(board, "GET", "/api/v1/packs/"+itoa(sp.ID)+"/html", ""), rec,
		} {
			if got := r.Header().Get("Cache-Control"); got != "no-store" {
				t.Errorf("Cache-Control %q (status %d), want no-store", got, r.Code)
			}
		}
		if env.Get(board, "/").Header().Get("Strict-Transport-Security") != "" {
			t.Error("HSTS sent without secure cookies")
		}
		env.App.Config.SecureCookies = true
		sec := freshGet(env, "/login")
		if !strings.Contains(sec.Header().Get("Strict-Transport-Security"), "max-age=") {
			t.Error("no HSTS with secure cookies")
		}
		ck := sec.Result().Cookies()
		if len(ck) == 0 || ck[0].Name != "__Host-sb_pre" || !ck[0].Secure || ck[0].Path != "/" || ck[0].Domain != "" {
			t.Fatalf("secure pre-session cookie %+v, want __Host-sb_pre, Secure, Path=/", ck)
		}
		if env.Get(board, "/").Code != http.StatusOK {
			t.Fatal("the secure session cookie is not read")
		}
	})
}

// freshGet requests path as a browser with no cookies at all.
func freshGet(env *apptest.Env, path string) *httptest.ResponseRecorder {
	rec := httptest.NewRecorder()
	env.E.ServeHTTP(rec, httptest.NewRequest("GET", path, nil))
	return rec
}

// A session-authenticated API write needs the session's token in
// X-CSRF-Token; a bearer token needs none.
func TestSessionAPIWritesNeedTheSessionToken(t *testing.T) {
	t.Parallel()
	env := apptest.SQLite(t)
	lead := env.SignIn(t, models.RoleLead, "DCO")
	post := func(header string) int {
		req := httptest.NewRequest("POST", "/api/v1/actions/1.2/updates",
			strings.NewReader(`{"narrative":"Via the session","status":"in_progress","rag":"amber","version":1}`))
		req.Header.Set("Content-Type", "application/json")
		if header != "" {
			req.Header.Set("X-CSRF-Token", header)
		}
		req.AddCookie(&http.Cookie{Name: "sb_session", Value: lead.Session})
		rec := httptest.NewRecorder()
		env.E.ServeHTTP(rec, req)
		return rec.Code
	}
	if c := post(""); c != http.StatusForbidden {
		t.Fatalf("no header: %d, want 403", c)
	}
	if c := post(app.PreSessionCSRF(apptest.PreSession)); c != http.StatusForbidden {
		t.Fatalf("a pre-session token: %d, want 403", c)
	}
	if c := post(apptest.CSRF(lead)); c != http.StatusCreated {
		t.Fatalf("the session's token: %d, want 201", c)
	}
}
