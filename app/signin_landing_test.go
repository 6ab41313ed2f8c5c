package app_test

import (
	"net/http"
	"net/url"
	"testing"

	"sendboard/app/apptest"
	"sendboard/models"
	"sendboard/models/modeltest"
)

// TestSignInLandsLeadsOnTheirActions: with no page to return to, a lead
// lands on "My actions" and anyone else on the overview; next= still wins.
func TestSignInLandsLeadsOnTheirActions(t *testing.T) {
	t.Parallel()
	apptest.Each(t, func(t *testing.T, env *apptest.Env, d modeltest.DB) {
		lead := env.SignIn(t, models.RoleLead, "DCO")
		viewer := env.SignIn(t, models.RoleViewer)
		for _, c := range []struct {
			who        *apptest.Client
			next, want string
		}{
			{lead, "", "/me"},
			{lead, "/", "/me"}, // the root is where every anonymous visit is sent back to
			{lead, "/actions/1.2", "/actions/1.2"},
			{viewer, "", "/"},
			{viewer, "/kpis", "/kpis"},
		} {
			form := url.Values{"email": {c.who.User.Email}, "password": {"correct horse battery staple"}}
			if c.next != "" {
				form.Set("next", c.next)
			}
			rec := env.PostForm(nil, "/login", form)
			if rec.Code != http.StatusSeeOther || rec.Header().Get("Location") != c.want {
				t.Errorf("%s with next %q: %d %q, want %q", c.who.User.Role, c.next, rec.Code, rec.Header().Get("Location"), c.want)
			}
		}
	})
}
