package app_test

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"testing"
	"time"

	"sendboard/app/apptest"
	"sendboard/models"
	"sendboard/models/modeltest"
	"sendboard/models/round"
)

// TestLocalPasswordsOffForDomain: with passwords off for dorset.example, its
// people are pointed to the provider's button and cannot ask for a reset;
// the break-glass administrator still signs in with a password (and may
// reset it), and other domains are untouched.
func TestLocalPasswordsOffForDomain(t *testing.T) {
	t.Parallel()
	apptest.Each(t, func(t *testing.T, env *apptest.Env, d modeltest.DB) {
		startSSO(t, env)
		ctx := context.Background()
		for _, nu := range []models.NewUser{
			{Email: "someone@dorset.example", Name: "Someone Ł", Role: models.RoleLead},
			{Email: "breakglass@dorset.example", Name: "Break Glass ı", Role: models.RoleAdmin},
			{Email: "forum@parents.example", Name: "Forum ŵ", Role: models.RoleViewer},
		} {
			nu.Password = "correct horse battery staple"
			if _, err := models.CreateUser(ctx, d.DB, nu, time.Now()); err != nil {
				t.Fatal(err)
			}
		}
		login := func(email string) *http.Response {
			rec := env.PostForm(nil, "/login", url.Values{"email": {email}, "password": {"correct horse battery staple"}})
			return rec.Result()
		}
		rec := env.PostForm(nil, "/login", url.Values{"email": {"Someone@Dorset.example"}, "password": {"correct horse battery staple"}})
		if rec.Code != http.StatusForbidden || !strings.Contains(rec.Body.String(), "Passwords are turned off for addresses at dorset.example") ||
			!strings.Contains(rec.Body.String(), `href="#sso-dorset"`) || !strings.Contains(rec.Body.String(), `id="sso-dorset"`) {
			t.Errorf("password for dorset.example: %d %.600s", rec.Code, rec.Body)
		}
		if r := login("breakglass@dorset.example"); r.StatusCode != http.StatusSeeOther {
			t.Errorf("break-glass admin: %d", r.StatusCode)
		}
		if r := login("forum@parents.example"); r.StatusCode != http.StatusSeeOther {
			t.Errorf("another domain: %d", r.StatusCode)
		}
		rec = env.PostForm(nil, "/password/forgot", url.Values{"email": {"someone@dorset.example"}})
		if rec.Code != http.StatusForbidden || !strings.Contains(rec.Body.String(), "Passwords are turned off for addresses at dorset.example") {
			t.Errorf("reset for dorset.example: %d", rec.Code)
		}
		if rec = env.PostForm(nil, "/password/forgot", url.Values{"email": {"breakglass@dorset.example"}}); rec.Code != http.StatusOK {
			t.Errorf("reset for the break-glass admin: %d", rec.Code)
		}
		page := env.Get(nil, "/login").Body.String()
		if !strings.Contains(page, `href="/login/oidc/dorset"`) || !strings.Contains(page, "Sign in with your Dorset Council account") {
			t.Errorf("the sign-in page has no provider button")
		}
	})
}

// TestInvitationToAnSSODomain: adding someone at a domain whose passwords
// are off emails them the provider's button, not a password link; no link
// to set a password exists for them, and an administrator's reset is
// refused with the reason.
func TestInvitationToAnSSODomain(t *testing.T) {
	t.Parallel()
	apptest.Each(t, func(t *testing.T, env *apptest.Env, d modeltest.DB) {
		startSSO(t, env)
		admin := env.SignIn(t, models.RoleAdmin)
		rec := env.PostForm(admin, "/users", url.Values{"email": {"new.lead@dorset.example"}, "name": {"Łucja Yılmaz"}, "role": {"lead"}})
		if rec.Code != http.StatusCreated {
			t.Fatalf("add: %d %.600s", rec.Code, rec.Body)
		}
		if !strings.Contains(rec.Body.String(), "signs in with their organisation's account") || strings.Contains(rec.Body.String(), "choose a password") {
			t.Errorf("the users page does not say how they will sign in")
		}
		var m round.Mail
		if err := d.DB.Where("to_addr = ?", "new.lead@dorset.example").Take(&m).Error; err != nil {
			t.Fatal(err)
		}
		if m.Kind != round.MailSSOInvite || m.Subject != "You have been invited to sendboard" ||
			!strings.Contains(m.TextBody, "Sign in with your Dorset Council account:\n\n"+env.App.Config.Mail.BaseURL+"/login/oidc/dorset") ||
			strings.Contains(m.TextBody, "/password/") || strings.Contains(m.TextBody, "works once") || !strings.Contains(m.HTMLBody, "/login/oidc/dorset") {
			t.Errorf("the invitation: %s %q\n%s", m.Kind, m.Subject, m.TextBody)
		}
		var links int64
		d.DB.Model(&models.PasswordLink{}).Count(&links)
		if links != 0 {
			t.Errorf("%d password links made for someone with no password", links)
		}
		u, err := models.FindUserByEmail(t.Context(), d.DB, "new.lead@dorset.example")
		if err != nil {
			t.Fatal(err)
		}
		auditHas(t, d, u.Email, "invitation emailed: signs in with the organisation's account", admin.User.Name)
		reset := env.PostForm(admin, fmt.Sprintf("/users/%d/password", u.ID), nil)
		if reset.Code != http.StatusConflict || !strings.Contains(reset.Body.String(), "sign in with their organisation") {
			t.Errorf("an administrator's reset for an SSO domain: %d", reset.Code)
		}
	})
}

// TestUsersPageQueriesDoNotGrowWithPending: /users makes as many SQL
// statements with one account waiting for approval as with forty.
func TestUsersPageQueriesDoNotGrowWithPending(t *testing.T) {
	t.Parallel()
	apptest.Each(t, func(t *testing.T, env *apptest.Env, d modeltest.DB) {
		ctx := context.Background()
		admin := env.SignIn(t, models.RoleAdmin)
		counter := modeltest.CountQueries(d.DB)
		add := func(from, to int) {
			for i := from; i < to; i++ {
				if _, _, err := models.SSOSignIn(ctx, d.DB, models.SSOClaims{Provider: "dorset", DisplayName: "Dorset",
					Subject: "q-" + strconv.Itoa(i), Email: "q" + strconv.Itoa(i) + "@dorset.example", Name: "Łucja " + strconv.Itoa(i)}, time.Now()); err != nil {
					t.Fatal(err)
				}
			}
		}
		measure := func() int64 {
			env.Get(admin, "/users") // warm up: the session's last-seen write
			counter.Reset()
			if rec := env.Get(admin, "/users"); rec.Code != http.StatusOK {
				t.Fatalf("GET /users = %d", rec.Code)
			}
			return counter.N()
		}
		add(0, 1)
		one := measure()
		add(1, 12)
		forty := measure()
		t.Logf("%s GET /users: %d statements with 1 account waiting, %d with 12", d.Name, one, forty)
		if one != forty {
			t.Errorf("GET /users: %d statements with 1 waiting, %d with 12", one, forty)
		}
	})
}
