package app_test

import (
	"bytes"
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"
	"time"

	"sendboard/app/apptest"
	"sendboard/models"
	"sendboard/models/modeltest"
)

func login(env *apptest.Env, email, password string, cookies ...*http.Cookie) *httptest.ResponseRecorder {
	tok := apptest.CSRF(nil)
	for _, c := range cookies {
		if c.Name == "sb_session" { // a signed-in browser's forms carry its session's token
			tok = apptest.CSRF(&apptest.Client{Session: c.Value})
		}
	}
	form := url.Values{"email": {email}, "password": {password}, "_csrf": {tok}, "next": {"/kpis"}}
	req := httptest.NewRequest("POST", "/login", strings.NewReader(form.Encode()))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.AddCookie(&http.Cookie{Name: "sb_pre", Value: apptest.PreSession})
	for _, c := range cookies {
		req.AddCookie(c)
	}
	rec := httptest.NewRecorder()
	env.E.ServeHTTP(rec, req)
	return rec
}

func sessionCookie(rec *httptest.ResponseRecorder) *http.Cookie {
	for _, c := range rec.Result().Cookies() {
		if c.Name == "sb_session" {
			return c
		}
	}
	return nil
}

func TestSignInOutAndSessions(t *testing.T) {
	t.Parallel()
	apptest.Each(t, func(t *testing.T, env *apptest.Env, d modeltest.DB) {
		env.App.Now = time.Now
		u := env.SignIn(t, models.RoleViewer)
		old := &http.Cookie{Name: "sb_session", Value: u.Session}
		rec := login(env, strings.ToUpper(u.User.Email), "correct horse battery staple", old)
		if rec.Code != http.StatusSeeOther || rec.Header().Get("Location") != "/kpis" {
			t.Fatalf("sign in: %d %s", rec.Code, rec.Header().Get("Location"))
		}
		ck := sessionCookie(rec)
		if ck == nil || !ck.HttpOnly || ck.SameSite != http.SameSiteLaxMode || ck.Value == u.Session {
			t.Fatalf("session cookie %+v: want a fresh HttpOnly SameSite=Lax id", ck)
		}
		var stored int64
		d.DB.Model(&models.Session{}).Where("token_hash = ?", ck.Value).Count(&stored)
		if stored != 0 {
			t.Fatal("the session token is stored in clear")
		}
		if env.Get(&apptest.Client{Session: u.Session}, "/").Code != http.StatusSeeOther {
			t.Fatal("the session from before sign-in still works")
		}
		if env.Get(&apptest.Client{Session: ck.Value}, "/").Code != http.StatusOK {
			t.Fatal("the new session does not work")
		}
		out := env.PostForm(&apptest.Client{Session: ck.Value}, "/logout", url.Values{})
		if out.Code != http.StatusSeeOther || env.Get(&apptest.Client{Session: ck.Value}, "/").Code != http.StatusSeeOther {
			t.Fatal("sign out did not end the session")
		}
	})
}

func TestFailedSignInsAreSlowedThenRefusedWithoutRevealingTheEmail(t *testing.T) {
	t.Parallel()
	env := apptest.SQLite(t)
	var delays []time.Duration
	env.App.Sleep = func(_ context.Context, d time.Duration) { delays = append(delays, d) }
	u := env.SignIn(t, models.RoleViewer)
	wrong := login(env, u.User.Email, "not the password", nil...)
	ghost := login(env, "nobody@example.test", "not the password")
	if wrong.Code != http.StatusUnauthorized || ghost.Code != http.StatusUnauthorized {
		t.Fatalf("codes %d %d, want 401", wrong.Code, ghost.Code)
	}
	msg := func(b string) string { i := strings.Index(b, "govuk-error-summary__list"); return b[i : i+120] }
	if msg(wrong.Body.String()) != msg(ghost.Body.String()) {
		t.Fatal("the message differs between a wrong password and an unknown email")
	}
	for i := 0; i < 4; i++ {
		login(env, u.User.Email, "still wrong")
	}
	locked := login(env, u.User.Email, "correct horse battery staple")
	if locked.Code != http.StatusTooManyRequests || !strings.Contains(locked.Body.String(), "Too many failed attempts") {
		t.Fatalf("after 5 failures the right password: got %d, want 429", locked.Code)
	}
	// Each failure beyond the first on the account or the address adds half a second.
	want := []time.Duration{500 * time.Millisecond, time.Second, 1500 * time.Millisecond, 2 * time.Second}
	if fmt.Sprint(delays) != fmt.Sprint(want) {
		t.Fatalf("sign-in delays %v, want %v", delays, want)
	}
	env.App.Now = func() time.Time { return time.Now().Add(16 * time.Minute) }
	if rec := login(env, u.User.Email, "correct horse battery staple"); rec.Code != http.StatusSeeOther {
		t.Fatalf("after the lock expired: got %d", rec.Code)
	}
}

func TestBootstrapCreatesOneAdminOnce(t *testing.T) {
	t.Parallel()
	env := apptest.SQLite(t)
	var out bytes.Buffer
	if err := env.App.Bootstrap(context.Background(), &out); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(out.String(), "password:") {
		t.Fatalf("no password printed: %q", out.String())
	}
	pw := strings.TrimSpace(strings.SplitN(strings.Split(out.String(), "password: ")[1], "\n", 2)[0])
	if len(pw) < models.MinPasswordLength {
		t.Fatalf("generated password %q is too short", pw)
	}
	if rec := login(env, "admin@sendboard.local", pw); rec.Code != http.StatusSeeOther {
		t.Fatalf("cannot sign in with the printed password: %d", rec.Code)
	}
	out.Reset()
	env.App.Bootstrap(context.Background(), &out)
	if out.Len() != 0 {
		t.Fatal("a second start printed a password again")
	}
}

func TestAPITokensAreHashedAndRevocable(t *testing.T) {
	t.Parallel()
	apptest.Each(t, func(t *testing.T, env *apptest.Env, d modeltest.DB) {
		u := env.SignIn(t, models.RoleViewer)
		rec := env.PostForm(u, "/account/tokens", url.Values{"name": {"report script"}})
		body := rec.Body.String()
		i := strings.Index(body, models.TokenPrefix)
		if rec.Code != http.StatusCreated || i < 0 {
			t.Fatalf("create token: %d", rec.Code)
		}
		tok := body[i : i+len(models.TokenPrefix)+43]
		c := &apptest.Client{Token: tok}
		if env.API(c, "GET", "/api/v1/boards", "").Code != http.StatusOK {
			t.Fatal("the new token does not work")
		}
		var tk models.APIToken
		d.DB.Where("name = ?", "report script").Take(&tk)
		if tk.TokenHash == tok || tk.TokenHash != models.HashSecret(tok) {
			t.Fatal("the token is not stored hashed")
		}
		if strings.Contains(env.Get(u, "/account").Body.String(), tok) {
			t.Fatal("the token is shown again after creation")
		}
		env.PostForm(u, "/account/tokens/"+itoa(tk.ID)+"/revoke", url.Values{})
		if env.API(c, "GET", "/api/v1/boards", "").Code != http.StatusUnauthorized {
			t.Fatal("a revoked token still works")
		}
		var live models.APIToken
		d.DB.Where("user_id = ? AND revoked_at IS NULL", u.User.ID).Take(&live)
		other := env.SignIn(t, models.RoleAdmin)
		if rec := env.PostForm(other, "/account/tokens/"+itoa(live.ID)+"/revoke", url.Values{}); rec.Code != http.StatusNotFound {
			t.Fatalf("revoking another user's token: got %d, want 404", rec.Code)
		}
		if env.API(u, "GET", "/api/v1/boards", "").Code != http.StatusOK {
			t.Fatal("another user revoked this user's token")
		}
	})
}
