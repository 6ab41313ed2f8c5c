package app_test

import (
	"context"
	"io"
	"net/http"
	"net/http/cookiejar"
	"net/url"
	"strings"
	"testing"
	"time"

	"sendboard/app"
	"sendboard/app/apptest"
	"sendboard/app/oidctest"
	"sendboard/models"
	"sendboard/models/modeltest"
	"sendboard/models/round"
)

const ssoSecret = "s3cret-Łódź-ŵ≥→"

// ssoConfig is the single sign-on file the tests use: one provider for
// dorset.example (tenant-dorset), whose people may not use local passwords
// except the break-glass administrator.
const ssoConfig = `providers:
  - name: dorset
    display_name: Sign in with your Dorset Council account
    issuer: ISSUER
    client_id: sendboard-ı
    client_secret_env: TEST_SSO_SECRET
    domains: [dorset.example]
    tenant: tenant-dorset
    claims:
      role_claim: roles
      roles: {sb-admin: admin, sb-board: board, sb-lead: lead, sb-viewer: viewer}
      boards: {grp-sib: SEND Improvement Board}
      leads: {grp-dco: DCO}
local_passwords_off_domains: [dorset.example]
break_glass_admin: breakglass@dorset.example
`

// ssoPeople are who the test provider can sign in.
func ssoPeople() []oidctest.Person {
	dorset := func(sub, user string, roles ...string) oidctest.Person {
		r := make([]any, len(roles))
		for i, v := range roles {
			r[i] = v
		}
		return oidctest.Person{Subject: sub, Username: user, Password: "pw-" + user, Email: user + "@dorset.example",
			EmailVerified: true, Name: "Łucja Dıvıs-Ŵyn " + user, Claims: map[string]any{"tid": "tenant-dorset", "roles": r}}
	}
	unverified := dorset("sub-unverified", "unverified", "sb-lead")
	unverified.EmailVerified = false
	outsider := dorset("sub-outsider", "outsider", "sb-lead")
	outsider.Email = "outsider@elsewhere.example"
	foreign := dorset("sub-foreign", "foreign", "sb-lead")
	foreign.Claims["tid"] = "tenant-other"
	return []oidctest.Person{
		dorset("sub-ada", "ada", "sb-board", "grp-sib", "grp-dco"),
		dorset("sub-lead", "lead", "sb-lead", "grp-dco"),
		dorset("sub-nobody", "nobody"),
		dorset("sub-existing", "existing"),
		unverified, outsider, foreign,
	}
}

// ssoRig is the app served on a real HTTP server with a real OpenID
// provider beside it.
type ssoRig struct {
	env *apptest.Env
	app string // the app's base URL
	op  *oidctest.Provider
}

func startSSO(t *testing.T, env *apptest.Env) *ssoRig {
	t.Helper()
	srv := env.Serve(t)
	env.App.Config.Mail.BaseURL = srv.URL
	op, err := oidctest.Start(oidctest.Options{ClientID: "sendboard-ı", ClientSecret: ssoSecret,
		RedirectURIs: []string{srv.URL + "/login/oidc/dorset/callback"}, People: ssoPeople()})
	if err != nil {
		t.Fatalf("start provider: %v", err)
	}
	t.Cleanup(op.Close)
	cfg, err := app.ParseOIDCConfig("test.yaml", []byte(strings.Replace(ssoConfig, "ISSUER", op.Issuer, 1)),
		func(k string) string {
			if k == "TEST_SSO_SECRET" {
				return ssoSecret
			}
			return ""
		})
	if err != nil {
		t.Fatalf("config: %v", err)
	}
	env.App.UseOIDC(cfg)
	return &ssoRig{env: env, app: srv.URL, op: op}
}

// browser is a cookie jar following redirects, remembering where it went.
type ssoBrowser struct {
	*http.Client
	visited []string
}

func (r *ssoRig) browser() *ssoBrowser {
	jar, _ := cookiejar.New(nil)
	b := &ssoBrowser{}
	b.Client = &http.Client{Jar: jar, Timeout: 30 * time.Second, CheckRedirect: func(req *http.Request, via []*http.Request) error {
		b.visited = append(b.visited, req.URL.String())
		return nil
	}}
	return b
}

// ssoResult is where a sign-in ended.
type ssoResult struct {
	status   int
	path     string // the final page's path on the app
	body     string
	callback string // the app's callback URL the provider sent the browser to
	start    string // the provider's authorization URL sendboard sent it to
}

// signIn presses the provider's button, signs in at the provider's page as
// username and follows every redirect back.
func (r *ssoRig) signIn(t *testing.T, b *ssoBrowser, username string) ssoResult {
	t.Helper()
	b.visited = nil
	resp, err := b.Get(r.app + "/login/oidc/dorset")
	if err != nil {
		t.Fatalf("start: %v", err)
	}
	page := readAll(t, resp)
	id := resp.Request.URL.Query().Get("authRequestID")
	if resp.StatusCode != http.StatusOK || id == "" {
		t.Fatalf("start: %d at %s: %.300s", resp.StatusCode, resp.Request.URL, page)
	}
	var res ssoResult
	for _, v := range b.visited {
		if strings.HasPrefix(v, r.op.Issuer+"/authorize?") {
			res.start = v
		}
	}
	resp, err = b.PostForm(r.op.Issuer+"/login", url.Values{"id": {id}, "username": {username}, "password": {"pw-" + username}})
	if err != nil {
		t.Fatalf("provider sign-in: %v", err)
	}
	res.body = readAll(t, resp)
	res.status, res.path = resp.StatusCode, resp.Request.URL.Path
	for _, v := range b.visited {
		if strings.HasPrefix(v, r.app+"/login/oidc/dorset/callback") {
			res.callback = v
		}
	}
	return res
}

func readAll(t *testing.T, resp *http.Response) string {
	t.Helper()
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatalf("read: %v", err)
	}
	return string(b)
}

// hasSession reports whether the browser holds a sendboard session.
func (r *ssoRig) hasSession(b *ssoBrowser) bool {
	u, _ := url.Parse(r.app)
	for _, c := range b.Jar.Cookies(u) {
		if c.Name == app.SessionCookieName(false) && c.Value != "" {
			return true
		}
	}
	return false
}

func (r *ssoRig) refused(t *testing.T, res ssoResult, b *ssoBrowser, want string) {
	t.Helper()
	if res.status != http.StatusForbidden || !strings.Contains(res.body, want) || r.hasSession(b) {
		t.Errorf("want a refusal saying %q and no session; got %d at %s, session %v: %.400s", want, res.status, res.path, r.hasSession(b), res.body)
	}
}

// TestSSOSignIn: pressing the provider's button, signing in at the provider
// and coming back signs a new person in with the role, board and lead role
// their claims give, lands a lead on My actions, survives the provider
// rotating its key, links an existing account by
// its verified email, and signing out offers the provider's sign-out.
func TestSSOSignIn(t *testing.T) {
	t.Parallel()
	apptest.Each(t, func(t *testing.T, env *apptest.Env, d modeltest.DB) {
		r := startSSO(t, env)
		ctx := context.Background()

		b := r.browser()
		res := r.signIn(t, b, "ada")
		if res.status != http.StatusOK || res.path != "/me" || !r.hasSession(b) {
			t.Fatalf("ada: %d at %s: %.300s", res.status, res.path, res.body)
		}
		start, _ := url.Parse(res.start)
		q := start.Query()
		if q.Get("code_challenge_method") != "S256" || q.Get("code_challenge") == "" || q.Get("nonce") == "" || q.Get("state") == "" {
			t.Errorf("the authorization request lacks PKCE, state or nonce: %s", res.start)
		}
		ada, err := models.FindUserByEmail(ctx, d.DB, "ada@dorset.example")
		if err != nil {
			t.Fatal(err)
		}
		if ada.Role != models.RoleBoard || ada.Pending || len(ada.Boards) != 1 || ada.Boards[0].Name != "SEND Improvement Board" ||
			len(ada.Leads) != 1 || ada.Leads[0].Name != "DCO" || ada.Name != "Łucja Dıvıs-Ŵyn ada" {
			t.Errorf("ada's account: %+v", ada)
		}
		var n int64
		d.DB.Model(&models.Identity{}).Where("provider = ? AND subject = ? AND user_id = ?", "dorset", "sub-ada", ada.ID).Count(&n)
		if n != 1 {
			t.Errorf("identities linking ada: %d", n)
		}

		// The provider rotates its signing key: the new key is fetched.
		if err := r.op.RotateKey(); err != nil {
			t.Fatal(err)
		}
		if res = r.signIn(t, r.browser(), "ada"); res.status != http.StatusOK || res.path != "/me" {
			t.Fatalf("after the provider rotated its key: %d at %s: %.300s", res.status, res.path, res.body)
		}

		// The provider drops her board role: the next sign-in applies it.
		r.op.SetPerson(oidctest.Person{Subject: "sub-ada", Username: "ada", Password: "pw-ada", Email: "ada@dorset.example",
			EmailVerified: true, Name: "Ada", Claims: map[string]any{"tid": "tenant-dorset", "roles": []any{"sb-viewer"}}})
		res = r.signIn(t, r.browser(), "ada")
		if res.status != http.StatusOK || res.path != "/" {
			t.Fatalf("ada again: %d at %s", res.status, res.path)
		}
		if ada, _ = models.FindUserByEmail(ctx, d.DB, "ada@dorset.example"); ada.Role != models.RoleViewer || len(ada.Boards) != 0 {
			t.Errorf("after the provider dropped her role: %s, boards %v", ada.Role, ada.Boards)
		}

		// An account that exists already is linked, keeping its role when
		// no claim gives one.
		if _, err := models.CreateUser(ctx, d.DB, models.NewUser{Email: "existing@dorset.example", Name: "Existing Ŵ",
			Role: models.RoleLead, Password: "correct horse battery staple", Leads: []string{"DCO"}}, time.Now()); err != nil {
			t.Fatal(err)
		}
		res = r.signIn(t, r.browser(), "existing")
		if res.status != http.StatusOK || res.path != "/me" {
			t.Fatalf("existing: %d at %s: %.300s", res.status, res.path, res.body)
		}
		audit, _ := models.UserAudit(ctx, d.DB, "existing@dorset.example")
		if len(audit) == 0 || !strings.Contains(audit[0].AfterValue, "linked to sign-in with Dorset Council account") {
			t.Errorf("link not audited: %+v", audit)
		}

		// Signing out ends the session and offers the provider's sign-out.
		lead := r.browser()
		if res = r.signIn(t, lead, "lead"); res.path != "/me" {
			t.Fatalf("lead: %d at %s", res.status, res.path)
		}
		me, err := lead.Get(r.app + "/me")
		if err != nil {
			t.Fatal(err)
		}
		page := readAll(t, me)
		csrf := between(page, `name="_csrf" value="`, `"`)
		out, err := lead.PostForm(r.app+"/logout", url.Values{"_csrf": {csrf}})
		if err != nil {
			t.Fatal(err)
		}
		page = readAll(t, out)
		if out.Request.URL.Path != "/login" || !strings.Contains(page, "Sign out of your Dorset Council account too") ||
			!strings.Contains(page, r.op.Issuer+"/end_session?") || r.hasSession(lead) {
			t.Errorf("after sign-out: %s, session %v: %.600s", out.Request.URL, r.hasSession(lead), page)
		}
		if again, _ := lead.Get(r.app + "/me"); again.Request.URL.Path != "/login" {
			t.Errorf("after sign-out /me answered at %s", again.Request.URL)
		}
	})
}

func between(s, from, to string) string {
	_, rest, ok := strings.Cut(s, from)
	if !ok {
		return ""
	}
	v, _, _ := strings.Cut(rest, to)
	return v
}

// TestSSORefusals: each way a sign-in can be wrong is refused without a
// session: a token for another audience, an expired token, a code used
// twice, a nonce not ours, an unverified email, a domain the provider may
// not sign in, a tenant not configured, a disabled account.
func TestSSORefusals(t *testing.T) {
	t.Parallel()
	apptest.Each(t, func(t *testing.T, env *apptest.Env, d modeltest.DB) {
		r := startSSO(t, env)

		r.op.SetAudience([]string{"someone-else"})
		b := r.browser()
		r.refused(t, r.signIn(t, b, "lead"), b, "could not be checked")
		r.op.SetAudience(nil)

		r.op.SetIDTokenLifetime(-time.Minute)
		b = r.browser()
		r.refused(t, r.signIn(t, b, "lead"), b, "could not be checked")
		r.op.SetIDTokenLifetime(5 * time.Minute)

		r.op.SetNonce("not-the-nonce-we-sent")
		b = r.browser()
		r.refused(t, r.signIn(t, b, "lead"), b, "could not be checked")
		r.op.SetNonce("")

		// A code used twice: the callback again is refused (its state is
		// spent), and so is the code under a fresh state (the provider
		// spent it).
		b = r.browser()
		res := r.signIn(t, b, "lead")
		if res.status != http.StatusOK || res.callback == "" {
			t.Fatalf("lead: %d at %s", res.status, res.path)
		}
		replay := r.browser()
		resp, err := replay.Get(res.callback)
		if err != nil {
			t.Fatal(err)
		}
		r.refused(t, ssoResult{status: resp.StatusCode, body: readAll(t, resp), path: resp.Request.URL.Path}, replay, "expired or was already used")
		fresh := r.browser()
		resp, err = fresh.Get(r.app + "/login/oidc/dorset")
		if err != nil {
			t.Fatal(err)
		}
		readAll(t, resp)
		var state string
		for _, v := range fresh.visited {
			if u, _ := url.Parse(v); strings.HasPrefix(v, r.op.Issuer+"/authorize?") {
				state = u.Query().Get("state")
			}
		}
		old, _ := url.Parse(res.callback)
		resp, err = fresh.Get(r.app + "/login/oidc/dorset/callback?" + url.Values{"code": {old.Query().Get("code")}, "state": {state}}.Encode())
		if err != nil {
			t.Fatal(err)
		}
		r.refused(t, ssoResult{status: resp.StatusCode, body: readAll(t, resp), path: resp.Request.URL.Path}, fresh, "could not be completed")

		b = r.browser()
		r.refused(t, r.signIn(t, b, "unverified"), b, "did not confirm your email address")
		// Entra ID says the same with xms_edov (the domain's owner verified it).
		entra := ssoPeople()[4]
		entra.Subject, entra.Username, entra.Password, entra.Email = "sub-entra", "entra", "pw-entra", "entra@dorset.example"
		entra.Claims = map[string]any{"tid": "tenant-dorset", "roles": []any{"sb-viewer"}, "xms_edov": true}
		r.op.SetPerson(entra)
		if res := r.signIn(t, r.browser(), "entra"); res.status != http.StatusOK {
			t.Errorf("unverified email but xms_edov true: %d at %s", res.status, res.path)
		}
		b = r.browser()
		r.refused(t, r.signIn(t, b, "outsider"), b, "cannot sign in addresses at elsewhere.example")
		b = r.browser()
		r.refused(t, r.signIn(t, b, "foreign"), b, "not in the organisation")

		ctx := context.Background()
		yes := true
		if _, _, err := models.UpdateUser(ctx, d.DB, nil, "lead@dorset.example", models.UserChange{Disabled: &yes}, time.Now()); err != nil {
			t.Fatal(err)
		}
		b = r.browser()
		r.refused(t, r.signIn(t, b, "lead"), b, "Your sendboard account is disabled")
		for _, who := range []string{"unverified", "outsider", "foreign"} {
			if _, err := models.FindUserByEmail(ctx, d.DB, who+"@dorset.example"); err == nil {
				t.Errorf("a refused sign-in made an account for %s", who)
			}
		}
	})
}

// TestSSOPendingApproval: someone no claim gives a role to waits; the
// administrators are emailed and see them on /users; approved, they sign in;
// refused, they are disabled.
func TestSSOPendingApproval(t *testing.T) {
	t.Parallel()
	apptest.Each(t, func(t *testing.T, env *apptest.Env, d modeltest.DB) {
		r := startSSO(t, env)
		ctx := context.Background()
		admin := env.SignIn(t, models.RoleAdmin)

		b := r.browser()
		res := r.signIn(t, b, "nobody")
		if res.status != http.StatusForbidden || !strings.Contains(res.body, "Your account waits for approval") || r.hasSession(b) {
			t.Fatalf("nobody: %d at %s: %.300s", res.status, res.path, res.body)
		}
		u, err := models.FindUserByEmail(ctx, d.DB, "nobody@dorset.example")
		if err != nil || !u.Pending {
			t.Fatalf("nobody's account: %+v, %v", u, err)
		}
		var mails int64
		d.DB.Model(&round.Mail{}).Where("kind = ? AND to_addr = ?", round.MailPending, admin.User.Email).Count(&mails)
		if mails != 1 {
			t.Errorf("mails to the admin about the pending account: %d", mails)
		}
		// Waiting again neither signs in nor emails again.
		b = r.browser()
		if res = r.signIn(t, b, "nobody"); res.status != http.StatusForbidden {
			t.Errorf("nobody again: %d", res.status)
		}
		d.DB.Model(&round.Mail{}).Where("kind = ?", round.MailPending).Count(&mails)
		page := env.Get(admin, "/users")
		if !strings.Contains(page.Body.String(), `id="pending"`) || !strings.Contains(page.Body.String(), "nobody@dorset.example") {
			t.Errorf("/users does not show the pending account")
		}
		if rec := env.PostForm(admin, "/users/"+itoa(u.ID)+"/approve", url.Values{"role": {"emperor"}}); rec.Code != http.StatusBadRequest {
			t.Errorf("approve as emperor: %d", rec.Code)
		}
		if rec := env.PostForm(admin, "/users/"+itoa(u.ID)+"/approve", url.Values{"role": {"lead"}}); rec.Code != http.StatusSeeOther {
			t.Fatalf("approve: %d %s", rec.Code, rec.Body)
		}
		if rec := env.PostForm(admin, "/users/"+itoa(u.ID)+"/approve", url.Values{"role": {"admin"}}); rec.Code != http.StatusConflict {
			t.Errorf("approving twice: %d", rec.Code)
		}
		b = r.browser()
		if res = r.signIn(t, b, "nobody"); res.status != http.StatusOK || !r.hasSession(b) {
			t.Fatalf("approved: %d at %s: %.300s", res.status, res.path, res.body)
		}
		if u, _ = models.FindUserByEmail(ctx, d.DB, "nobody@dorset.example"); u.Role != models.RoleLead || u.Pending {
			t.Errorf("approved account: %s pending %v", u.Role, u.Pending)
		}

		// Refused: disabled, and signing in again is refused.
		r.op.SetPerson(oidctest.Person{Subject: "sub-later", Username: "later", Password: "pw-later", Email: "later@dorset.example",
			EmailVerified: true, Name: "Later", Claims: map[string]any{"tid": "tenant-dorset"}})
		r.signIn(t, r.browser(), "later")
		later, err := models.FindUserByEmail(ctx, d.DB, "later@dorset.example")
		if err != nil {
			t.Fatal(err)
		}
		if rec := env.PostForm(admin, "/users/"+itoa(later.ID)+"/refuse", nil); rec.Code != http.StatusSeeOther {
			t.Fatalf("refuse: %d", rec.Code)
		}
		b = r.browser()
		r.refused(t, r.signIn(t, b, "later"), b, "disabled")
	})
}
