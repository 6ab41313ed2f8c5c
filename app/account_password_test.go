package app_test

import (
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"sendboard/app/apptest"
	"sendboard/models"
	"sendboard/models/modeltest"
)

// A signed-in user changes their own password on /account: the current one
// is required, the rules apply, and afterwards only this browser stays signed
// in and the API tokens are revoked.
func TestChangeYourPasswordOnAccount(t *testing.T) {
	t.Parallel()
	apptest.Each(t, func(t *testing.T, env *apptest.Env, d modeltest.DB) {
		u := env.SignIn(t, models.RoleViewer)
		other := env.SignIn(t, models.RoleViewer)
		if body := env.Get(u, "/account").Body.String(); !strings.Contains(body, "Change your password") || !strings.Contains(body, `action="/account/password"`) {
			t.Fatal("no change-password form on /account")
		}
		change := func(cur, next, confirm string) (int, string) {
			rec := env.PostForm(u, "/account/password", url.Values{"current_password": {cur}, "new_password": {next}, "confirm_password": {confirm}})
			return rec.Code, rec.Body.String()
		}
		for _, c := range []struct{ cur, next, confirm, field string }{
			{"not my password", "a brand new passphrase", "a brand new passphrase", "current_password"},
			{"correct horse battery staple", "111111111111", "111111111111", "new_password"},
			{"correct horse battery staple", "a brand new passphrase", "a different passphrase", "confirm_password"},
		} {
			if code, body := change(c.cur, c.next, c.confirm); code != http.StatusBadRequest || !strings.Contains(body, `id="pw-`+c.field+`-error"`) {
				t.Errorf("%+v: %d, want 400 on %s", c, code, c.field)
			}
		}
		rec := env.PostForm(u, "/account/password", url.Values{"current_password": {"correct horse battery staple"},
			"new_password": {"a brand new passphrase"}, "confirm_password": {"a brand new passphrase"}})
		ck := sessionCookie(rec)
		if rec.Code != http.StatusOK || ck == nil || ck.Value == u.Session || !strings.Contains(rec.Body.String(), "API tokens were revoked") {
			t.Fatalf("change: %d cookie %v", rec.Code, ck)
		}
		if env.Get(u, "/account").Code != http.StatusSeeOther {
			t.Fatal("the old session still works")
		}
		if env.Get(&apptest.Client{Session: ck.Value}, "/account").Code != http.StatusOK {
			t.Fatal("the new session does not work")
		}
		if env.API(u, "GET", "/api/v1/boards", "").Code != http.StatusUnauthorized {
			t.Fatal("the API token survived the change")
		}
		if env.API(other, "GET", "/api/v1/boards", "").Code != http.StatusOK {
			t.Fatal("another user's token was revoked")
		}
		if rec := login(env, u.User.Email, "a brand new passphrase"); rec.Code != http.StatusSeeOther {
			t.Fatalf("sign in with the new password: %d", rec.Code)
		}
	})
}

// The session cookie's expiry moves forward while the session is used.
func TestSessionCookieExpirySlides(t *testing.T) {
	t.Parallel()
	env := apptest.SQLite(t)
	u := env.SignIn(t, models.RoleViewer)
	later := time.Now().Add(40 * time.Minute)
	env.App.Now = func() time.Time { return later }
	ck := sessionCookie(env.Get(u, "/account"))
	if ck == nil || ck.Value != u.Session || ck.Expires.Before(later.Add(env.App.Config.SessionIdle-time.Minute)) {
		t.Fatalf("cookie %v: want the same session expiring %v after %v", ck, env.App.Config.SessionIdle, later)
	}
}
