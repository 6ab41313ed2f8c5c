package app_test

import (
	"net/http"
	"net/url"
	"strings"
	"testing"

	"sendboard/app/apptest"
	"sendboard/models"
	"sendboard/models/modeltest"
)

// Someone who may not record progress on an action is refused with 403 even
// when what they send is invalid: authorisation comes before validation.
func TestProgressRefusesOutsidersBeforeValidating(t *testing.T) {
	modeltest.Each(t, func(t *testing.T, d modeltest.DB) {
		env := apptest.New(t, d)
		outsiders := map[string]*apptest.Client{
			"lead of other actions": env.SignIn(t, models.RoleLead, "SEND Quality Assurance Officer"),
			"board member":          env.SignIn(t, models.RoleBoard),
			"viewer":                env.SignIn(t, models.RoleViewer),
		}
		var before int64
		d.DB.Model(&models.ProgressUpdate{}).Count(&before)
		for who, c := range outsiders {
			// No version, no RAG: invalid for the rightful lead too.
			rec := env.PostForm(c, "/actions/1.2/updates", url.Values{"narrative": {"x"}, "status": {"in_progress"}})
			if rec.Code != http.StatusForbidden {
				t.Errorf("%s, invalid form: got %d, want 403", who, rec.Code)
			}
			for _, body := range []string{`{"narrative":`, `{"narrative":"x","rag":"green"}`, `{"nonsense":1}`, ``} {
				rec := env.API(c, "POST", "/api/v1/actions/1.2/updates", body)
				if rec.Code != http.StatusForbidden {
					t.Errorf("%s, API body %q: got %d, want 403 (%s)", who, body, rec.Code, rec.Body)
				}
			}
		}
		var after int64
		d.DB.Model(&models.ProgressUpdate{}).Count(&after)
		if after != before {
			t.Fatalf("progress updates went from %d to %d", before, after)
		}

		// The rightful lead still gets the validation errors, unchanged.
		lead := env.SignIn(t, models.RoleLead, "DCO")
		if rec := env.PostForm(lead, "/actions/1.2/updates", url.Values{"narrative": {"x"}}); rec.Code != http.StatusBadRequest {
			t.Errorf("lead, form without version: got %d, want 400", rec.Code)
		}
		rec := env.API(lead, "POST", "/api/v1/actions/1.2/updates", `{"narrative":`)
		if rec.Code != http.StatusBadRequest || !containsAll(rec.Body.String(), `"field":"body"`, "ends too soon") {
			t.Errorf("lead, malformed JSON: got %d %s", rec.Code, rec.Body)
		}
		rec = env.API(lead, "POST", "/api/v1/actions/1.2/updates", `{"narrative":"x","rag":"green"}`)
		if rec.Code != http.StatusBadRequest || !containsAll(rec.Body.String(), `"field":"version"`) {
			t.Errorf("lead, no version: got %d %s", rec.Code, rec.Body)
		}
		// An unknown action is still a 404, whoever asks.
		if rec := env.API(lead, "POST", "/api/v1/actions/9.99/updates", `{"narrative":`); rec.Code != http.StatusNotFound {
			t.Errorf("unknown action: got %d, want 404", rec.Code)
		}
	})
}

func containsAll(s string, subs ...string) bool {
	for _, sub := range subs {
		if !strings.Contains(s, sub) {
			return false
		}
	}
	return true
}
