package app_test

import (
	"net/http"
	"strings"
	"testing"

	"sendboard/app/apptest"
	"sendboard/models"
	"sendboard/models/modeltest"
)

// A milestone or priority number the plan does not have is a bad filter value
// (400 naming it), like an unknown board, not an empty list.
func TestFilterUnknownMilestoneOrPriorityIs400(t *testing.T) {
	t.Parallel()
	apptest.Each(t, func(t *testing.T, env *apptest.Env, d modeltest.DB) {
		c := env.SignIn(t, models.RoleViewer)
		for q, field := range map[string]string{"milestone=7": "milestone", "priority=9": "priority"} {
			r := env.API(c, "GET", "/api/v1/actions?"+q, "")
			if r.Code != http.StatusBadRequest || !strings.Contains(r.Body.String(), `"field":"`+field+`"`) {
				t.Errorf("API ?%s: %d %s, want 400 naming %s", q, r.Code, r.Body, field)
			}
			if r = env.Get(c, "/?"+q); r.Code != http.StatusBadRequest || !strings.Contains(r.Body.String(), "there is no") {
				t.Errorf("dashboard ?%s: %d, want a 400 page", q, r.Code)
			}
		}
		if r := env.API(c, "GET", "/api/v1/actions?milestone=3&priority=4", ""); r.Code != http.StatusOK {
			t.Fatalf("existing milestone and priority: %d %s", r.Code, r.Body)
		}
	})
}
