package app_test

import (
	"context"
	"net/http"
	"net/http/httptest"
	"net/url"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"sendboard/app"
	"sendboard/app/apptest"
	"sendboard/app/mail"
	"sendboard/app/mailtest"
	"sendboard/models"
	"sendboard/models/modeltest"
	"sendboard/models/round"
)

var answerLinkRe = regexp.MustCompile(regexp.QuoteMeta(testBaseURL) + `(/answer/sba_[A-Za-z0-9_-]+)\?a=([0-9A-Za-z.%]+)`)

// mailTo is the one message sent to email.
func mailTo(t *testing.T, msgs []mailtest.Message, email string) mailtest.Message {
	t.Helper()
	i := slices.IndexFunc(msgs, func(m mailtest.Message) bool { return slices.Contains(m.To, email) })
	if i < 0 {
		t.Fatalf("no email to %s (%d sent)", email, len(msgs))
	}
	return msgs[i]
}

// followLink GETs an emailed link anonymously and returns the limited
// session it started and where it sent the browser.
func followLink(t *testing.T, env *apptest.Env, u *models.User, path string) (*apptest.Client, string) {
	t.Helper()
	rec := env.Get(nil, path)
	if rec.Code != http.StatusSeeOther {
		t.Fatalf("GET %s: %d, want 303\n%s", path, rec.Code, snippet(rec.Body.String()))
	}
	for _, ck := range rec.Result().Cookies() {
		if ck.Name == app.SessionCookieName(env.App.Config.SecureCookies) && ck.Value != "" {
			return &apptest.Client{User: u, Session: ck.Value}, rec.Header().Get("Location")
		}
	}
	t.Fatalf("GET %s set no session cookie", path)
	return nil, ""
}

var versionRe = regexp.MustCompile(`name="version" value="(\d+)"`)

// recordProgress posts an update to the action page at path as c.
func recordProgress(t *testing.T, env *apptest.Env, c *apptest.Client, path, narrative string) *httptest.ResponseRecorder {
	t.Helper()
	page := env.Get(c, path)
	m := versionRe.FindStringSubmatch(page.Body.String())
	if page.Code != http.StatusOK || m == nil {
		t.Fatalf("GET %s: %d, no progress form\n%s", path, page.Code, snippet(page.Body.String()))
	}
	return env.PostForm(c, path+"/updates", url.Values{"narrative": {narrative}, "status": {"in_progress"}, "rag": {"amber"}, "version": {m[1]}})
}

// apiWithSession calls the API with c's session cookie and its CSRF token,
// as the site's own pages would.
func apiWithSession(env *apptest.Env, c *apptest.Client, method, path, body string) *httptest.ResponseRecorder {
	req := httptest.NewRequest(method, path, strings.NewReader(body))
	if body != "" {
		req.Header.Set("Content-Type", "application/json")
	}
	req.Header.Set("X-CSRF-Token", apptest.CSRF(c))
	return env.Do(c, req)
}

// TestAnswerLinkJourney: a round's request email carries a personal link;
// following it signs the lead into a session that can record progress on
// their own actions in the round and nothing else, until the round closes.
func TestAnswerLinkJourney(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	apptest.Each(t, func(t *testing.T, base *apptest.Env, d modeltest.DB) {
		env := newRoundEnv(t, base, time.Date(2026, 12, 1, 9, 0, 0, 0, time.UTC))
		leads, _ := boardLeads(t, d, "send-improvement-board")
		l1, l2 := twoLeads(leads)
		leadA := env.SignIn(t, models.RoleLead, l1)
		leadB := env.SignIn(t, models.RoleLead, l2)
		chair := env.SignInBoard(t, "SEND Improvement Board")
		rec := env.PostForm(chair, "/rounds", url.Values{"board": {"send-improvement-board"},
			"due-day": {"15"}, "due-month": {"12"}, "due-year": {"2026"},
			"meeting-day": {"22"}, "meeting-month": {"12"}, "meeting-year": {"2026"}})
		roundPath, _, _ := strings.Cut(rec.Header().Get("Location"), "?")
		if rec.Code != http.StatusSeeOther || !strings.HasPrefix(roundPath, "/rounds/") {
			t.Fatalf("open round: %d %s", rec.Code, snippet(rec.Body.String()))
		}
		if _, err := env.App.DeliverMail(ctx, env.now); err != nil {
			t.Fatal(err)
		}
		msgA := mailTo(t, env.SMTP.Messages(), leadA.User.Email)
		links := answerLinkRe.FindAllStringSubmatch(msgA.Text, -1)
		if len(links) != len(leads[l1]) {
			t.Fatalf("%d personal links in the email, want one per action (%d):\n%s", len(links), len(leads[l1]), msgA.Text)
		}
		first := links[0][0]
		if !strings.Contains(msgA.HTML, `href="`+first+`"`) {
			t.Errorf("the HTML part lacks the link %s", first)
		}
		if !strings.Contains(msgA.Text, "without a password") {
			t.Errorf("the email does not say what the link does:\n%s", msgA.Text)
		}
		token := strings.TrimPrefix(links[0][1], "/answer/")
		var stored int64
		d.DB.Model(&round.AnswerLink{}).Where("token_hash = ?", models.HashSecret(token)).Count(&stored)
		var plain int64
		d.DB.Model(&round.AnswerLink{}).Where("token_hash = ?", token).Count(&plain)
		if stored != 1 || plain != 0 {
			t.Fatalf("link stored by hash %d times, in plain %d times; want 1 and 0", stored, plain)
		}

		// The link: a limited session, straight to the action's form.
		number := leads[l1][0]
		limited, loc := followLink(t, env.Env, leadA.User, strings.TrimPrefix(first, testBaseURL))
		if loc != "/actions/"+number+"#record" {
			t.Fatalf("the link led to %q, want the form of %s", loc, number)
		}
		page := env.Get(limited, "/actions/"+number)
		if page.Code != http.StatusOK || !strings.Contains(page.Body.String(), `id="record"`) {
			t.Fatalf("own action with the limited session: %d", page.Code)
		}
		if want := "The SEND Improvement Board asks for your update by 15 December 2026 (meeting 22 December)"; !strings.Contains(page.Body.String(), want) {
			t.Errorf("the form lacks the round's inset %q", want)
		}
		// Following one of the email's links again in the same browser keeps its session.
		var sessions, again int64
		d.DB.Model(&models.Session{}).Where("user_id = ?", leadA.User.ID).Count(&sessions)
		last := links[len(links)-1]
		if rec := env.Get(limited, strings.TrimPrefix(last[0], testBaseURL)); rec.Code != http.StatusSeeOther ||
			rec.Header().Get("Location") != "/actions/"+leads[l1][len(links)-1]+"#record" {
			t.Errorf("a link again in the same browser: %d %q", rec.Code, rec.Header().Get("Location"))
		}
		d.DB.Model(&models.Session{}).Where("user_id = ?", leadA.User.ID).Count(&again)
		if again != sessions {
			t.Errorf("following a link again started another session (%d, then %d)", sessions, again)
		}
		if rec := recordProgress(t, env.Env, limited, "/actions/"+number, "Recorded from the email"); rec.Code != http.StatusSeeOther {
			t.Fatalf("record progress with the limited session: %d\n%s", rec.Code, snippet(rec.Body.String()))
		}
		var via int64
		d.DB.Model(&models.AuditEntry{}).Where("user_id = ? AND field = ? AND after_value = ?", leadA.User.ID, "via", models.ViaEmailedLink).Count(&via)
		if via != 1 {
			t.Errorf("%d audit entries say the update came via the emailed link, want 1", via)
		}
		if n := outboxCount(t, d, "1 = 1"); n == 0 {
			t.Fatal("no mail")
		}
		var answered int64
		d.DB.Model(&round.Action{}).Where("answered_by_id = ?", leadA.User.ID).Count(&answered)
		if answered != 1 {
			t.Errorf("the round shows %d actions answered by the lead, want 1", answered)
		}

		// Nothing else: another lead's action, the overview, admin pages, the API.
		other := leads[l2][0]
		for _, path := range []string{"/actions/" + other, "/", "/me", "/users", "/rounds", roundPath, "/account", "/outbox", "/plans"} {
			if rec := env.Get(limited, path); rec.Code != http.StatusForbidden {
				t.Errorf("GET %s with the limited session: %d, want 403", path, rec.Code)
			}
		}
		if rec := recordProgress(t, env.Env, leadB, "/actions/"+other, "B's own"); rec.Code != http.StatusSeeOther {
			t.Fatalf("lead B records their own: %d", rec.Code)
		}
		if rec := env.PostForm(limited, "/actions/"+other+"/updates", url.Values{"narrative": {"x"}, "status": {"in_progress"}, "rag": {"amber"}, "version": {"1"}}); rec.Code != http.StatusForbidden {
			t.Errorf("POST another lead's update with the limited session: %d, want 403", rec.Code)
		}
		if rec := env.PostForm(limited, "/account/tokens", url.Values{"name": {"x"}}); rec.Code != http.StatusForbidden {
			t.Errorf("create an API token with the limited session: %d, want 403", rec.Code)
		}
		if rec := apiWithSession(env.Env, limited, http.MethodGet, "/api/v1/actions", ""); rec.Code != http.StatusForbidden {
			t.Errorf("GET /api/v1/actions with the limited session: %d, want 403", rec.Code)
		}
		if rec := apiWithSession(env.Env, limited, http.MethodPost, "/api/v1/actions/"+number+"/updates",
			`{"narrative":"API","status":"in_progress","rag":"amber","version":1}`); rec.Code != http.StatusForbidden {
			t.Errorf("POST the API update with the limited session: %d, want 403", rec.Code)
		}
		// The sign-in page treats the limited session as signed out.
		if rec := env.Get(limited, "/login"); rec.Code != http.StatusOK || !strings.Contains(rec.Body.String(), `name="password"`) {
			t.Errorf("GET /login with the limited session: %d, want the sign-in form", rec.Code)
		}

		// A disabled account: its link and its session stop working.
		msgB := mailTo(t, env.SMTP.Messages(), leadB.User.Email)
		linkB := answerLinkRe.FindStringSubmatch(msgB.Text)
		limitedB, locB := followLink(t, env.Env, leadB.User, strings.TrimPrefix(linkB[0], testBaseURL))
		d.DB.Model(&models.User{}).Where("id = ?", leadB.User.ID).Update("disabled", true)
		if rec := env.Get(limitedB, strings.TrimSuffix(locB, "#record")); rec.Code != http.StatusSeeOther || !strings.HasPrefix(rec.Header().Get("Location"), "/login") {
			t.Errorf("disabled user's limited session: %d %q, want a redirect to sign in", rec.Code, rec.Header().Get("Location"))
		}
		if rec := env.Get(nil, strings.TrimPrefix(linkB[0], testBaseURL)); rec.Code != http.StatusForbidden {
			t.Errorf("disabled user's link: %d, want 403", rec.Code)
		}

		// Signing out ends the limited session.
		limited2, _ := followLink(t, env.Env, leadA.User, strings.TrimPrefix(first, testBaseURL))
		if rec := env.PostForm(limited2, "/logout", nil); rec.Code != http.StatusSeeOther {
			t.Fatalf("sign out: %d", rec.Code)
		}
		if rec := env.Get(limited2, "/actions/"+number); rec.Code != http.StatusSeeOther {
			t.Errorf("signed-out limited session: %d, want a redirect to sign in", rec.Code)
		}

		// Closing the round ends the link and the session.
		if rec := env.PostForm(chair, roundPath+"/close", nil); rec.Code != http.StatusSeeOther {
			t.Fatalf("close the round: %d %s", rec.Code, snippet(rec.Body.String()))
		}
		if rec := env.Get(limited, "/actions/"+number); rec.Code != http.StatusSeeOther || !strings.HasPrefix(rec.Header().Get("Location"), "/login") {
			t.Errorf("limited session after the round closed: %d %q, want a redirect to sign in", rec.Code, rec.Header().Get("Location"))
		}
		if rec := env.Get(nil, strings.TrimPrefix(first, testBaseURL)); rec.Code != http.StatusForbidden || !strings.Contains(rec.Body.String(), "no longer works") {
			t.Errorf("the link after the round closed: %d, want 403 saying it no longer works", rec.Code)
		}
		// Closed, the form no longer shows the round's inset.
		if rec := env.Get(leadA, "/actions/"+number); strings.Contains(rec.Body.String(), `id="p-asking"`) {
			t.Error("the inset is shown after the round closed")
		}
		if rec := env.Get(nil, "/answer/sba_not-a-real-token"); rec.Code != http.StatusForbidden {
			t.Errorf("an unknown token: %d, want 403", rec.Code)
		}
	})
}

// TestAnswerLinkExpiry: a link works until the end of the 14th day after
// the round's due date, even while the round stays open.
func TestAnswerLinkExpiry(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	apptest.Each(t, func(t *testing.T, base *apptest.Env, d modeltest.DB) {
		env := newRoundEnv(t, base, time.Date(2026, 12, 1, 9, 0, 0, 0, time.UTC))
		lead := env.SignIn(t, models.RoleLead, "DCO")
		admin := env.SignIn(t, models.RoleAdmin)
		if _, _, err := env.App.OpenRound(ctx, admin.User, round.Input{Board: "SEND Improvement Board", Due: "2026-12-15"}); err != nil {
			t.Fatal(err)
		}
		if _, err := env.App.DeliverMail(ctx, env.now); err != nil {
			t.Fatal(err)
		}
		m := answerLinkRe.FindStringSubmatch(mailTo(t, env.SMTP.Messages(), lead.User.Email).Text)
		if m == nil {
			t.Fatal("no personal link in the request")
		}
		path := strings.TrimPrefix(m[0], testBaseURL)
		env.now = time.Date(2026, 12, 29, 23, 0, 0, 0, time.UTC)
		limited, loc := followLink(t, env.Env, lead.User, path)
		if rec := env.Get(limited, strings.TrimSuffix(loc, "#record")); rec.Code != http.StatusOK {
			t.Fatalf("on the 14th day after the due date: %d, want the page", rec.Code)
		}
		env.now = time.Date(2026, 12, 30, 0, 0, 0, 0, time.UTC)
		if rec := env.Get(nil, path); rec.Code != http.StatusForbidden {
			t.Errorf("the link on the 15th day: %d, want 403", rec.Code)
		}
		if rec := env.Get(limited, strings.TrimSuffix(loc, "#record")); rec.Code != http.StatusSeeOther {
			t.Errorf("the session on the 15th day: %d, want a redirect to sign in", rec.Code)
		}
		// The daily housekeeping deletes the expired links.
		if n, err := round.PurgeExpiredAnswerLinks(ctx, d.DB, env.now); err != nil || n == 0 {
			t.Errorf("purged %d expired links, %v", n, err)
		}
		var left int64
		d.DB.Model(&round.AnswerLink{}).Count(&left)
		if left != 0 {
			t.Errorf("%d links left after the purge", left)
		}
	})
}

// TestEmailLinksOff: with SENDBOARD_EMAIL_LINKS=false the emails carry no
// personal link, only the action's form, and none is stored.
func TestEmailLinksOff(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	var mc mail.Config
	if err := mc.FromEnv(func(k string) string {
		if k == "SENDBOARD_EMAIL_LINKS" {
			return "false"
		}
		return ""
	}); err != nil || !mc.NoAnswerLinks {
		t.Fatalf("SENDBOARD_EMAIL_LINKS=false: %v, off=%v", err, mc.NoAnswerLinks)
	}
	if err := mc.FromEnv(func(k string) string {
		if k == "SENDBOARD_EMAIL_LINKS" {
			return "maybe"
		}
		return ""
	}); err == nil || !strings.Contains(err.Error(), "SENDBOARD_EMAIL_LINKS") {
		t.Errorf("a bad SENDBOARD_EMAIL_LINKS: %v", err)
	}
	apptest.Each(t, func(t *testing.T, base *apptest.Env, d modeltest.DB) {
		env := newRoundEnv(t, base, time.Date(2026, 12, 1, 9, 0, 0, 0, time.UTC))
		env.App.Config.Mail.NoAnswerLinks = true
		lead := env.SignIn(t, models.RoleLead, "DCO")
		admin := env.SignIn(t, models.RoleAdmin)
		if _, _, err := env.App.OpenRound(ctx, admin.User, round.Input{Board: "SEND Improvement Board", Due: "2026-12-15"}); err != nil {
			t.Fatal(err)
		}
		if _, err := env.App.DeliverMail(ctx, env.now); err != nil {
			t.Fatal(err)
		}
		msg := mailTo(t, env.SMTP.Messages(), lead.User.Email)
		if strings.Contains(msg.Text, "/answer/") || strings.Contains(msg.HTML, "/answer/") {
			t.Errorf("the email carries a personal link with links off:\n%s", msg.Text)
		}
		if !strings.Contains(msg.Text, testBaseURL+"/actions/1.2#record") || !strings.Contains(msg.Text, "sign in") {
			t.Errorf("the email does not link to the form and ask to sign in:\n%s", msg.Text)
		}
		var n int64
		d.DB.Model(&round.AnswerLink{}).Count(&n)
		if n != 0 {
			t.Errorf("%d links stored with links off", n)
		}
	})
}

// TestAnswerLinkRateLimited: after 30 wrong links from one address within
// 15 minutes even a right one is refused until the lock passes.
func TestAnswerLinkRateLimited(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	apptest.Each(t, func(t *testing.T, base *apptest.Env, d modeltest.DB) {
		env := newRoundEnv(t, base, time.Date(2026, 12, 1, 9, 0, 0, 0, time.UTC))
		lead := env.SignIn(t, models.RoleLead, "DCO")
		admin := env.SignIn(t, models.RoleAdmin)
		if _, _, err := env.App.OpenRound(ctx, admin.User, round.Input{Board: "SEND Improvement Board", Due: "2026-12-15"}); err != nil {
			t.Fatal(err)
		}
		if _, err := env.App.DeliverMail(ctx, env.now); err != nil {
			t.Fatal(err)
		}
		m := answerLinkRe.FindStringSubmatch(mailTo(t, env.SMTP.Messages(), lead.User.Email).Text)
		path := strings.TrimPrefix(m[0], testBaseURL)
		for i := range 30 {
			if rec := env.Get(nil, "/answer/sba_guess"+itoa(uint(i))); rec.Code != http.StatusForbidden {
				t.Fatalf("guess %d: %d, want 403", i+1, rec.Code)
			}
		}
		if rec := env.Get(nil, path); rec.Code != http.StatusTooManyRequests {
			t.Errorf("the right link after 30 guesses: %d, want 429", rec.Code)
		}
		env.now = env.now.Add(16 * time.Minute)
		followLink(t, env.Env, lead.User, path)
	})
}
