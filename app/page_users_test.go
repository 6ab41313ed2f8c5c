package app_test

import (
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"sendboard/app/apptest"
	"sendboard/models"
	"sendboard/models/modeltest"
)

// TestAdminChangesAnAccount edits an account on its page: checkboxes rather
// than a multi-select, every problem at once, each change audited and shown,
// disable and enable, and a password reset that signs the user out.
func TestAdminChangesAnAccount(t *testing.T) {
	t.Parallel()
	apptest.Each(t, func(t *testing.T, env *apptest.Env, d modeltest.DB) {
		admin := env.SignIn(t, models.RoleAdmin)
		lee := env.SignIn(t, models.RoleLead, "DCO")
		path := fmt.Sprintf("/users/%d", lee.User.ID)

		list := env.Get(admin, "/users").Body.String()
		if !strings.Contains(list, `href="`+path+`"`) || strings.Contains(list, "multiple") || !strings.Contains(list, `type="checkbox" value="DCO"`) {
			t.Fatal("the users page does not link to the account or still uses a multi-select")
		}
		page := env.Get(admin, path)
		if page.Code != http.StatusOK || !strings.Contains(page.Body.String(), `name="lead" type="checkbox" value="DCO" checked`) ||
			!strings.Contains(page.Body.String(), `name="board" type="checkbox" value="send-improvement-board"`) || page.Header().Get("Cache-Control") != "no-store" {
			t.Fatalf("edit page: %d %s", page.Code, snippet(page.Body.String()))
		}

		bad := env.PostForm(admin, path, url.Values{"name": {""}, "role": {"board"}, "lead": {"Chief Wizard"}})
		body := bad.Body.String()
		if bad.Code != http.StatusBadRequest || !strings.Contains(body, "<title>Error: ") || !strings.Contains(body, `href="#u-name"`) ||
			!strings.Contains(body, `href="#u-lead"`) || !strings.Contains(body, `href="#u-board"`) {
			t.Fatalf("every problem at once: %d %s", bad.Code, snippet(body))
		}

		rec := env.PostForm(admin, path, url.Values{"name": {"Lee Smith"}, "role": {"board"}, "lead": {"DCO", "SEND Adviser"},
			"board": {"send-health-forum"}})
		if rec.Code != http.StatusSeeOther {
			t.Fatalf("save: %d %s", rec.Code, snippet(rec.Body.String()))
		}
		page = env.Get(admin, rec.Header().Get("Location"))
		body = page.Body.String()
		for _, want := range []string{"The account has been changed", "Lee Smith", "lead roles", "DCO; SEND Adviser", "SEND Health Forum", admin.User.Name} {
			if !strings.Contains(body, want) {
				t.Errorf("after saving, the page lacks %q", want)
			}
		}
		// The change applies at once: Lee, now a member of the SEND Health
		// Forum, may comment on 3.8, which it governs.
		if rec := env.PostForm(lee, "/actions/3.8/comments", url.Values{"body": {"Seen"}}); rec.Code != http.StatusSeeOther {
			t.Errorf("a new member's comment: %d", rec.Code)
		}

		if rec := env.PostForm(admin, path+"/disable", nil); rec.Code != http.StatusSeeOther {
			t.Fatalf("disable: %d", rec.Code)
		}
		if rec := env.Get(lee, "/"); rec.Code != http.StatusSeeOther {
			t.Errorf("a disabled user's session still opens pages: %d", rec.Code)
		}
		if rec := env.API(lee, "GET", "/api/v1/actions", ""); rec.Code != http.StatusUnauthorized {
			t.Errorf("a disabled user's token still works: %d", rec.Code)
		}
		if rec := env.PostForm(admin, path+"/enable", nil); rec.Code != http.StatusSeeOther {
			t.Fatalf("enable: %d", rec.Code)
		}
		env.App.Config.Mail.BaseURL = testBase
		reset := env.PostForm(admin, path+"/password", nil)
		if reset.Code != http.StatusSeeOther || reset.Header().Get("Location") != path+"?saved=reset-queued" {
			t.Fatalf("reset: %d %q", reset.Code, reset.Header().Get("Location"))
		}
		if page := env.Get(admin, reset.Header().Get("Location")).Body.String(); !strings.Contains(page, "waits in the outbox") || strings.Contains(page, "u-new-password") {
			t.Errorf("after the reset the page says: %s", snippet(page))
		}
		if _, err := models.CheckPassword(t.Context(), d.DB, lee.User.Email, "correct horse battery staple"); err == nil {
			t.Error("the old password still signs in after an administrator's reset")
		}
		if rec := env.Get(lee, "/"); rec.Code != http.StatusSeeOther {
			t.Errorf("a session outlived the reset: %d", rec.Code)
		}
		token := outboxLink(t, d, lee.User.Email)
		set := env.PostForm(nil, "/password/"+token, url.Values{"password": {"Łódź → ŵ a new passphrase"}, "confirm": {"Łódź → ŵ a new passphrase"}})
		if set.Code != http.StatusSeeOther {
			t.Fatalf("setting the password from the emailed link: %d %s", set.Code, snippet(set.Body.String()))
		}
		if _, err := models.CheckPassword(t.Context(), d.DB, lee.User.Email, "Łódź → ŵ a new passphrase"); err != nil {
			t.Errorf("the chosen password does not sign in: %v", err)
		}
		audit, _ := models.UserAudit(t.Context(), d.DB, lee.User.Email)
		var fields []string
		for _, e := range audit {
			fields = append(fields, e.Field)
		}
		if got := strings.Join(fields, ","); got != "password,password,account,account,boards,lead roles,role,name" {
			t.Errorf("audit fields %s", got)
		}
		if rec := env.Get(admin, "/users/999999"); rec.Code != http.StatusNotFound {
			t.Errorf("unknown user: %d", rec.Code)
		}
	})
}
