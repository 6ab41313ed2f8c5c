package app_test

import (
	"encoding/json"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"testing"

	"sendboard/app/apptest"
	"sendboard/models"
	"sendboard/models/modeltest"
)

// NUL characters and bytes that are not UTF-8 are refused with a 400 naming
// the field on both databases (PostgreSQL would refuse them with an error of
// its own, a 500), and nothing is saved.
func TestUnstorableTextIsRefused(t *testing.T) {
	t.Parallel()
	apptest.Each(t, func(t *testing.T, env *apptest.Env, d modeltest.DB) {
		lead := env.SignIn(t, models.RoleLead, "DCO")
		board := env.SignInBoard(t, "SEND Improvement Board")
		version := func() int {
			var a struct{ Version int }
			if err := json.Unmarshal(env.API(lead, "GET", "/api/v1/actions/1.2", "").Body.Bytes(), &a); err != nil {
				t.Fatal(err)
			}
			return a.Version
		}
		v0 := version()
		wantField := func(name string, code int, body, field string) {
			t.Helper()
			if code != http.StatusBadRequest || !strings.Contains(body, field) {
				t.Errorf("%s: got %d %.200s, want 400 naming %q", name, code, body, field)
			}
		}
		r := env.API(lead, "GET", "/api/v1/actions?q=a%00b", "")
		wantField("API q with NUL", r.Code, r.Body.String(), `"field":"q"`)
		r = env.API(lead, "GET", "/api/v1/actions?q=%ff", "")
		wantField("API q not UTF-8", r.Code, r.Body.String(), `"field":"q"`)
		r = env.API(lead, "GET", "/api/v1/actions/1.%00", "")
		wantField("API path with NUL", r.Code, r.Body.String(), `"field":"path"`)
		r = env.Get(lead, "/?q=%00")
		wantField("dashboard q", r.Code, r.Body.String(), "not valid text")
		body := `{"narrative":"x\u0000y","status":"in_progress","rag":"green","version":` + strconv.Itoa(v0) + `}`
		r = env.API(lead, "POST", "/api/v1/actions/1.2/updates", body)
		wantField("API narrative", r.Code, r.Body.String(), `"field":"narrative"`)
		r = env.API(board, "POST", "/api/v1/packs", `{"board":"a\u0000","quarter":"2024-25 Q4"}`)
		wantField("API pack board", r.Code, r.Body.String(), `"field":"board"`)
		r = env.PostForm(lead, "/actions/1.2/updates", url.Values{"narrative": {"x\x00y"},
			"status": {"in_progress"}, "rag": {"green"}, "version": {strconv.Itoa(v0)}})
		wantField("form narrative", r.Code, r.Body.String(), "not valid text")
		if v := version(); v != v0 {
			t.Fatalf("version moved from %d to %d: something was saved", v0, v)
		}
		// Ordinary non-ASCII text still goes through.
		body = `{"narrative":"Café ✓ \u00e9","status":"in_progress","rag":"green","version":` + strconv.Itoa(v0) + `}`
		if r = env.API(lead, "POST", "/api/v1/actions/1.2/updates", body); r.Code != http.StatusCreated {
			t.Fatalf("valid UTF-8: %d %s", r.Code, r.Body)
		}
	})
}
