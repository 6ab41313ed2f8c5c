package app_test

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"net/url"
	"regexp"
	"strings"
	"testing"
	"time"

	"sendboard/app"
	"sendboard/app/apptest"
	"sendboard/app/mailtest"
	"sendboard/models"
	"sendboard/models/modeltest"
	"sendboard/models/round"
)

// testBase is the base URL the emailed links must use.
const testBase = "https://sendboard.example.org"

var passwordLinkRE = regexp.MustCompile(regexp.QuoteMeta(testBase) + `/password/([A-Za-z0-9_-]{20,})`)

// mailedApp points env's mail at a real SMTP server started for the test
// (or, with no server, leaves mail waiting in the outbox) and pins its clock
// to *now. The waits the app asks for are recorded, not slept.
func mailedApp(t *testing.T, env *apptest.Env, srv *mailtest.Server, now *time.Time) *[]time.Duration {
	t.Helper()
	env.App.Config.Mail.BaseURL = testBase
	if srv != nil {
		env.App.Config.Mail.SMTPURL = srv.URL()
	}
	env.App.Now = func() time.Time { return *now }
	var waits []time.Duration
	env.App.Sleep = func(_ context.Context, d time.Duration) { waits = append(waits, d) }
	return &waits
}

// deliveredLink sends the outbox and returns the password link in the one
// message to addr among those new since seen.
func deliveredLink(t *testing.T, env *apptest.Env, srv *mailtest.Server, now time.Time, seen int, addr, subject string) string {
	t.Helper()
	if _, err := env.App.DeliverMail(t.Context(), now); err != nil {
		t.Fatalf("deliver: %v", err)
	}
	msgs := srv.Messages()[seen:]
	if len(msgs) != 1 || len(msgs[0].To) != 1 || msgs[0].To[0] != addr || msgs[0].Subject() != subject {
		t.Fatalf("want one message %q to %s, got %d: %+v", subject, addr, len(msgs), msgs)
	}
	m := passwordLinkRE.FindStringSubmatch(msgs[0].Text)
	if m == nil || !strings.Contains(msgs[0].HTML, m[0]) {
		t.Fatalf("no %s/password/… link in both parts:\n%s", testBase, msgs[0].Text)
	}
	return m[1]
}

// sessionOf is the session cookie a response set, as a client.
func sessionOf(t *testing.T, rec *httptest.ResponseRecorder) *apptest.Client {
	t.Helper()
	for _, ck := range rec.Result().Cookies() {
		if ck.Name == app.SessionCookieName(false) && ck.Value != "" {
			return &apptest.Client{Session: ck.Value}
		}
	}
	t.Fatalf("no session cookie set: %v", rec.Header()["Set-Cookie"])
	return nil
}

func auditHas(t *testing.T, d modeltest.DB, email, after, author string) {
	t.Helper()
	entries, err := models.UserAudit(t.Context(), d.DB, email)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		if e.Field == "password" && e.AfterValue == after && e.AuthorName == author {
			return
		}
	}
	t.Errorf("the account's history lacks %q by %s: %+v", after, author, entries)
}

// TestInvitationJourney: an admin adds an account on the users page with no
// password; the invitation arrives by real SMTP with a link on the base URL;
// following it sets the password and signs the lead in on "My actions"; the
// link then no longer works; every step is in the account's history.
func TestInvitationJourney(t *testing.T) {
	t.Parallel()
	apptest.Each(t, func(t *testing.T, env *apptest.Env, d modeltest.DB) {
		srv := mailtest.Start(t)
		now := time.Date(2026, 12, 1, 9, 0, 0, 0, time.UTC)
		mailedApp(t, env, srv, &now)
		admin := env.SignIn(t, models.RoleAdmin)

		if page := env.Get(admin, "/users").Body.String(); strings.Contains(page, `name="password"`) || !strings.Contains(page, "invitation") {
			t.Fatal("the users page still asks for or shows a password")
		}
		rec := env.PostForm(admin, "/users", url.Values{"email": {"Newlead@Example.test"}, "name": {"Nia Lead"}, "role": {"lead"}, "lead": {"DCO"}})
		if rec.Code != http.StatusCreated || !strings.Contains(rec.Body.String(), "An invitation to choose a password is on its way to newlead@example.test") {
			t.Fatalf("add: %d %s", rec.Code, snippet(rec.Body.String()))
		}
		token := deliveredLink(t, env, srv, now, 0, "newlead@example.test", "You have been invited to sendboard")

		var stored []models.PasswordLink
		if err := d.DB.Find(&stored).Error; err != nil {
			t.Fatal(err)
		}
		if len(stored) != 1 || stored[0].TokenHash != models.HashSecret(token) || stored[0].Purpose != models.LinkInvite ||
			!stored[0].ExpiresAt.Equal(now.Add(7*24*time.Hour)) {
			t.Fatalf("stored links: %+v", stored)
		}

		now = now.Add(6 * 24 * time.Hour) // still within the week
		page := env.Get(nil, "/password/"+token)
		if page.Code != http.StatusOK || !strings.Contains(page.Body.String(), "Choose your password") ||
			page.Header().Get("Referrer-Policy") != "no-referrer" || page.Header().Get("Cache-Control") != "no-store" {
			t.Fatalf("link page: %d %v %s", page.Code, page.Header(), snippet(page.Body.String()))
		}
		for field, form := range map[string]url.Values{
			"new-password":     {"password": {"short"}, "confirm": {"short"}},
			"confirm-password": {"password": {"a long new passphrase"}, "confirm": {"a different passphrase"}},
		} {
			bad := env.PostForm(nil, "/password/"+token, form)
			if bad.Code != http.StatusBadRequest || !strings.Contains(bad.Body.String(), `href="#`+field+`"`) ||
				!strings.Contains(bad.Body.String(), "<title>Error: ") || strings.Contains(bad.Body.String(), "passphrase") {
				t.Errorf("%s: %d %s", field, bad.Code, snippet(bad.Body.String()))
			}
		}
		if rec := env.PostFormRaw(nil, "/password/"+token, url.Values{"password": {"a long new passphrase"}, "confirm": {"a long new passphrase"}}, true); rec.Code != http.StatusForbidden {
			t.Errorf("without a CSRF token: %d", rec.Code)
		}

		done := env.PostForm(nil, "/password/"+token, url.Values{"password": {"a long new passphrase"}, "confirm": {"a long new passphrase"}})
		if done.Code != http.StatusSeeOther || done.Header().Get("Location") != "/me" {
			t.Fatalf("set password: %d %q %s", done.Code, done.Header().Get("Location"), snippet(done.Body.String()))
		}
		me := env.Get(sessionOf(t, done), "/me")
		if me.Code != http.StatusOK || !strings.Contains(me.Body.String(), "My actions") || !strings.Contains(me.Body.String(), `href="/" id="me-overview"`) {
			t.Fatalf("signed in on My actions: %d %s", me.Code, snippet(me.Body.String()))
		}
		if _, err := models.CheckPassword(t.Context(), d.DB, "newlead@example.test", "a long new passphrase"); err != nil {
			t.Errorf("the chosen password does not sign in: %v", err)
		}

		again := env.PostForm(nil, "/password/"+token, url.Values{"password": {"another passphrase here"}, "confirm": {"another passphrase here"}})
		if again.Code != http.StatusGone || !strings.Contains(again.Body.String(), "This link no longer works") {
			t.Errorf("second use: %d %s", again.Code, snippet(again.Body.String()))
		}
		if page := env.Get(nil, "/password/"+token); page.Code != http.StatusGone {
			t.Errorf("used link opened: %d", page.Code)
		}
		auditHas(t, d, "newlead@example.test", "invitation emailed", admin.User.Name)
		auditHas(t, d, "newlead@example.test", "set from the invitation link", "Nia Lead")
	})
}

// TestInvitationExpiresAndIsSentAgain: without SMTP the page says the
// invitation waits in the outbox; a week and a second later the link is
// dead; sending it again from the account's page kills every earlier link,
// and the new one works.
func TestInvitationExpiresAndIsSentAgain(t *testing.T) {
	t.Parallel()
	apptest.Each(t, func(t *testing.T, env *apptest.Env, d modeltest.DB) {
		now := time.Date(2026, 12, 1, 9, 0, 0, 0, time.UTC)
		mailedApp(t, env, nil, &now)
		admin := env.SignIn(t, models.RoleAdmin)
		rec := env.PostForm(admin, "/users", url.Values{"email": {"late@example.test"}, "name": {"Lee Late"}, "role": {"viewer"}})
		if rec.Code != http.StatusCreated || !strings.Contains(rec.Body.String(), "waits in the outbox") {
			t.Fatalf("add without SMTP: %d %s", rec.Code, snippet(rec.Body.String()))
		}
		first := outboxLink(t, d, "late@example.test")

		now = now.Add(7*24*time.Hour + time.Second)
		if page := env.Get(nil, "/password/"+first); page.Code != http.StatusGone {
			t.Fatalf("an expired invitation opened: %d", page.Code)
		}
		// The admin signs in again on the later day.
		sess, err := models.CreateSession(t.Context(), d.DB, admin.User.ID, "127.0.0.1", now, time.Hour)
		if err != nil {
			t.Fatal(err)
		}
		admin.Session = sess
		u, err := models.FindUserByEmail(t.Context(), d.DB, "late@example.test")
		if err != nil {
			t.Fatal(err)
		}
		path := fmt.Sprintf("/users/%d", u.ID)
		if !strings.Contains(env.Get(admin, path).Body.String(), `action="`+path+`/invite"`) {
			t.Fatal("the account's page offers no way to send the invitation again")
		}
		resend := env.PostForm(admin, path+"/invite", nil)
		if resend.Code != http.StatusSeeOther || resend.Header().Get("Location") != path+"?saved=queued" {
			t.Fatalf("resend: %d %q", resend.Code, resend.Header().Get("Location"))
		}
		if !strings.Contains(env.Get(admin, resend.Header().Get("Location")).Body.String(), "waits in the outbox") {
			t.Error("after sending again, the page does not say the invitation waits in the outbox")
		}
		second := outboxLink(t, d, "late@example.test")
		third := second
		if env.PostForm(admin, path+"/invite", nil); true {
			third = outboxLink(t, d, "late@example.test")
		}
		if second == first || third == second {
			t.Fatal("sending again reused a token")
		}
		if page := env.Get(nil, "/password/"+second); page.Code != http.StatusGone {
			t.Errorf("an earlier invitation still opens after a newer one was sent: %d", page.Code)
		}
		done := env.PostForm(nil, "/password/"+third, url.Values{"password": {"a long new passphrase"}, "confirm": {"a long new passphrase"}})
		if done.Code != http.StatusSeeOther || done.Header().Get("Location") != "/" {
			t.Fatalf("the newest invitation: %d %q", done.Code, done.Header().Get("Location"))
		}
	})
}

// outboxLink is the password link in the newest outbox mail to addr.
func outboxLink(t *testing.T, d modeltest.DB, addr string) string {
	t.Helper()
	var m round.Mail
	if err := d.DB.Where("to_addr = ?", addr).Order("id DESC").Take(&m).Error; err != nil {
		t.Fatalf("no mail to %s: %v", addr, err)
	}
	if m.Kind != round.MailInvite && m.Kind != round.MailReset && m.Kind != round.MailAdminReset {
		t.Fatalf("the newest mail to %s is a %q", addr, m.Kind)
	}
	link := passwordLinkRE.FindStringSubmatch(m.TextBody)
	if link == nil {
		t.Fatalf("no link in %q", m.TextBody)
	}
	return link[1]
}

// TestPasswordReset: "Forgotten your password?" answers the same for an
// unknown address and emails only a known one; the link works for an hour,
// once; using it ends the user's sessions and revokes their API tokens.
func TestPasswordReset(t *testing.T) {
	t.Parallel()
	apptest.Each(t, func(t *testing.T, env *apptest.Env, d modeltest.DB) {
		srv := mailtest.Start(t)
		now := time.Date(2026, 12, 1, 9, 0, 0, 0, time.UTC)
		waits := mailedApp(t, env, srv, &now)
		lee := env.SignIn(t, models.RoleLead, "DCO")
		if !strings.Contains(env.Get(nil, "/login").Body.String(), `href="/password/forgot"`) {
			t.Fatal("the sign-in page does not offer a reset")
		}
		form := env.Get(nil, "/password/forgot")
		if form.Code != http.StatusOK || form.Header().Get("Cache-Control") != "no-store" || !strings.Contains(form.Body.String(), `name="_csrf"`) {
			t.Fatalf("forgot form: %d %v", form.Code, form.Header())
		}
		if rec := env.PostForm(nil, "/password/forgot", url.Values{"email": {"not an address"}}); rec.Code != http.StatusBadRequest ||
			!strings.Contains(rec.Body.String(), `href="#email"`) || !strings.Contains(rec.Body.String(), `value="not an address"`) {
			t.Errorf("a malformed address: %d %s", rec.Code, snippet(rec.Body.String()))
		}

		known := env.PostForm(nil, "/password/forgot", url.Values{"email": {lee.User.Email}})
		unknown := env.PostForm(nil, "/password/forgot", url.Values{"email": {"nobody@example.test"}})
		if known.Code != http.StatusOK || unknown.Code != known.Code ||
			strings.ReplaceAll(known.Body.String(), lee.User.Email, "X") != strings.ReplaceAll(unknown.Body.String(), "nobody@example.test", "X") {
			t.Fatalf("the answers differ: %d / %d\n%s\n%s", known.Code, unknown.Code, snippet(known.Body.String()), snippet(unknown.Body.String()))
		}
		// Both answers wait out the same floor, so their timing does not tell either.
		if len(*waits) != 2 || (*waits)[0] <= 0 || (*waits)[1] <= 0 || (*waits)[0] > 250*time.Millisecond || (*waits)[1] > 250*time.Millisecond {
			t.Errorf("waits before answering: %v, want two up to the 250ms floor", *waits)
		}
		token := deliveredLink(t, env, srv, now, 0, lee.User.Email, "Reset your sendboard password")
		if n := len(srv.Messages()); n != 1 {
			t.Fatalf("%d messages sent, want only the known address's", n)
		}

		now = now.Add(59 * time.Minute)
		done := env.PostForm(nil, "/password/"+token, url.Values{"password": {"a brand new passphrase"}, "confirm": {"a brand new passphrase"}})
		if done.Code != http.StatusSeeOther || done.Header().Get("Location") != "/me" {
			t.Fatalf("reset: %d %q %s", done.Code, done.Header().Get("Location"), snippet(done.Body.String()))
		}
		if rec := env.Get(lee, "/"); rec.Code != http.StatusSeeOther || !strings.HasPrefix(rec.Header().Get("Location"), "/login") {
			t.Errorf("the old session still works after the reset: %d", rec.Code)
		}
		if rec := env.API(lee, "GET", "/api/v1/actions", ""); rec.Code != http.StatusUnauthorized {
			t.Errorf("the API token still works after the reset: %d", rec.Code)
		}
		if rec := env.Get(sessionOf(t, done), "/me"); rec.Code != http.StatusOK {
			t.Errorf("the new session: %d", rec.Code)
		}
		if rec := env.PostForm(nil, "/password/"+token, url.Values{"password": {"yet another passphrase"}, "confirm": {"yet another passphrase"}}); rec.Code != http.StatusGone {
			t.Errorf("the reset link worked twice: %d", rec.Code)
		}
		auditHas(t, d, lee.User.Email, "reset link emailed", lee.User.Name)
		auditHas(t, d, lee.User.Email, "set from the reset link; sessions ended", lee.User.Name)

		// A second reset link dies after its hour.
		env.PostForm(nil, "/password/forgot", url.Values{"email": {lee.User.Email}})
		late := deliveredLink(t, env, srv, now, 1, lee.User.Email, "Reset your sendboard password")
		now = now.Add(time.Hour)
		if rec := env.Get(nil, "/password/"+late); rec.Code != http.StatusGone {
			t.Errorf("a reset link opened after its hour: %d", rec.Code)
		}
	})
}

// TestPasswordResetIsRateLimited: three asks per address in the window, then
// a refusal that reads the same for an unknown address; twenty per network
// address across different addresses.
func TestPasswordResetIsRateLimited(t *testing.T) {
	t.Parallel()
	apptest.Each(t, func(t *testing.T, env *apptest.Env, d modeltest.DB) {
		now := time.Date(2026, 12, 1, 9, 0, 0, 0, time.UTC)
		mailedApp(t, env, nil, &now)
		lee := env.SignIn(t, models.RoleLead, "DCO")
		for _, email := range []string{lee.User.Email, "nobody@example.test"} {
			for i := 1; i <= 4; i++ {
				rec := env.PostForm(nil, "/password/forgot", url.Values{"email": {email}})
				if want := map[bool]int{true: http.StatusOK, false: http.StatusTooManyRequests}[i <= 3]; rec.Code != want {
					t.Fatalf("%s ask %d: %d, want %d", email, i, rec.Code, want)
				}
				if i == 4 && !strings.Contains(rec.Body.String(), "Too many requests to reset a password. Try again in 60 minutes.") {
					t.Errorf("refusal: %s", snippet(rec.Body.String()))
				}
			}
		}
		var queued int64
		d.DB.Model(&round.Mail{}).Where("to_addr = ?", lee.User.Email).Count(&queued)
		if queued != 3 {
			t.Errorf("%d reset emails queued for the limited address, want 3", queued)
		}
		// 6 asks counted so far against this network address (an address's
		// refusals are not); 14 more reach its limit.
		for i := range 15 {
			rec := env.PostForm(nil, "/password/forgot", url.Values{"email": {fmt.Sprintf("n%d@example.test", i)}})
			if want := map[bool]int{true: http.StatusOK, false: http.StatusTooManyRequests}[i < 14]; rec.Code != want {
				t.Fatalf("network ask %d: %d, want %d", i+7, rec.Code, want)
			}
		}
		now = now.Add(61 * time.Minute)
		if rec := env.PostForm(nil, "/password/forgot", url.Values{"email": {lee.User.Email}}); rec.Code != http.StatusOK {
			t.Errorf("after the lock: %d", rec.Code)
		}
	})
}

// TestDisabledAccountGetsNoWorkingLink: disabling an account kills the link
// already emailed to it, a reset asked for it answers as for anyone but
// queues nothing, and its page offers no invitation.
func TestDisabledAccountGetsNoWorkingLink(t *testing.T) {
	t.Parallel()
	apptest.Each(t, func(t *testing.T, env *apptest.Env, d modeltest.DB) {
		now := time.Date(2026, 12, 1, 9, 0, 0, 0, time.UTC)
		mailedApp(t, env, nil, &now)
		admin := env.SignIn(t, models.RoleAdmin)
		lee := env.SignIn(t, models.RoleLead, "DCO")
		if rec := env.PostForm(nil, "/password/forgot", url.Values{"email": {lee.User.Email}}); rec.Code != http.StatusOK {
			t.Fatalf("forgot: %d", rec.Code)
		}
		token := outboxLink(t, d, lee.User.Email)
		path := fmt.Sprintf("/users/%d", lee.User.ID)
		if rec := env.PostForm(admin, path+"/disable", nil); rec.Code != http.StatusSeeOther {
			t.Fatalf("disable: %d", rec.Code)
		}
		if rec := env.Get(nil, "/password/"+token); rec.Code != http.StatusGone {
			t.Errorf("a disabled account's link opened: %d", rec.Code)
		}
		if rec := env.PostForm(nil, "/password/"+token, url.Values{"password": {"a long new passphrase"}, "confirm": {"a long new passphrase"}}); rec.Code != http.StatusGone {
			t.Errorf("a disabled account's link set a password: %d", rec.Code)
		}
		rec := env.PostForm(nil, "/password/forgot", url.Values{"email": {lee.User.Email}})
		var n int64
		d.DB.Model(&round.Mail{}).Where("to_addr = ?", lee.User.Email).Count(&n)
		if rec.Code != http.StatusOK || !strings.Contains(rec.Body.String(), "Check your email") || n != 1 {
			t.Errorf("a reset for a disabled account: %d, %d emails queued in all, want the usual answer and still 1", rec.Code, n)
		}
		if strings.Contains(env.Get(admin, path).Body.String(), path+"/invite") {
			t.Error("a disabled account's page offers to send an invitation")
		}
		if rec := env.PostForm(admin, path+"/invite", nil); rec.Code != http.StatusConflict {
			t.Errorf("inviting a disabled account: %d, want 409", rec.Code)
		}
	})
}
