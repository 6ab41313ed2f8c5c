package app_test

import (
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"sync"
	"testing"

	"sendboard/app/apptest"
	"sendboard/models"
	"sendboard/models/modeltest"
)

func actionVersion(t *testing.T, env *apptest.Env, c *apptest.Client, number string) int {
	t.Helper()
	rec := env.API(c, "GET", "/api/v1/actions/"+number, "")
	var a struct{ Version int }
	if err := json.Unmarshal(rec.Body.Bytes(), &a); err != nil || rec.Code != 200 {
		t.Fatalf("GET action %s: %d %s", number, rec.Code, rec.Body)
	}
	return a.Version
}

func TestRecordProgressThroughTheForm(t *testing.T) {
	t.Parallel()
	apptest.Each(t, func(t *testing.T, env *apptest.Env, d modeltest.DB) {
		lead := env.SignIn(t, models.RoleLead, "DCO")
		page := env.Get(lead, "/actions/1.2")
		if !strings.Contains(page.Body.String(), `id="p-narrative"`) {
			t.Fatal("the lead of 1.2 does not see the Record progress form")
		}
		other := env.SignIn(t, models.RoleLead, "SEND Quality Assurance Officer")
		if strings.Contains(env.Get(other, "/actions/1.2").Body.String(), `id="p-narrative"`) {
			t.Fatal("a lead of other actions sees the form on 1.2")
		}
		v := actionVersion(t, env, lead, "1.2")
		rec := env.PostForm(lead, "/actions/1.2/updates", url.Values{"narrative": {"Shared with all health teams"},
			"status": {"in_progress"}, "rag": {"green"}, "version": {fmt.Sprint(v)}})
		if rec.Code != http.StatusSeeOther {
			t.Fatalf("save: got %d\n%s", rec.Code, snippet(rec.Body.String()))
		}
		var a models.Action
		d.DB.Where("number = ?", "1.2").Take(&a)
		if a.RAG != "green" || a.Progress != "Shared with all health teams" || a.Version != v+1 {
			t.Fatalf("action after save: rag %q progress %q version %d", a.RAG, a.Progress, a.Version)
		}
		dash := env.Get(lead, "/?rag=green").Body.String()
		if !strings.Contains(dash, `href="/actions/1.2"`) {
			t.Fatal("the dashboard filtered to green does not list 1.2")
		}
	})
}

func TestInvalidProgressKeepsTheTextAndSavesNothing(t *testing.T) {
	t.Parallel()
	apptest.Each(t, func(t *testing.T, env *apptest.Env, d modeltest.DB) {
		lead := env.SignIn(t, models.RoleLead, "DCO")
		v := fmt.Sprint(actionVersion(t, env, lead, "1.2"))
		cases := []struct {
			form  url.Values
			field string
		}{
			{url.Values{"narrative": {"  "}, "status": {"in_progress"}, "rag": {"green"}}, "narrative"},
			{url.Values{"narrative": {"Typed text 1"}, "status": {"in_progress"}}, "rag"},
			{url.Values{"narrative": {"Typed text 2"}, "status": {"complete"}, "rag": {"blue"}}, "evidence"},
			{url.Values{"narrative": {"Typed text 3"}, "status": {"not_started"}, "rag": {"amber"}}, "status"},
			{url.Values{"narrative": {"Typed text 4"}, "status": {"in_progress"}, "rag": {"green"}, "evidence_url": {"javascript:alert(1)"}}, "evidence_url"},
			{url.Values{"narrative": {"Typed text 5"}, "status": {"in_progress"}, "rag": {"green"}, "date": {"2999-01-01"}}, "date"},
		}
		for _, tc := range cases {
			tc.form.Set("version", v)
			rec := env.PostForm(lead, "/actions/1.2/updates", tc.form)
			body := rec.Body.String()
			if rec.Code != http.StatusBadRequest {
				t.Errorf("%s: got %d, want 400", tc.field, rec.Code)
				continue
			}
			if !strings.Contains(body, `href="#p-`+tc.field) {
				t.Errorf("%s: the error summary does not point at the field", tc.field)
			}
			if n := tc.form.Get("narrative"); strings.TrimSpace(n) != "" && !strings.Contains(body, n) {
				t.Errorf("%s: the typed narrative %q was not kept", tc.field, n)
			}
		}
		var n int64
		d.DB.Model(&models.ProgressUpdate{}).Where("narrative LIKE ?", "Typed text%").Count(&n)
		if n != 0 {
			t.Fatalf("%d invalid updates were saved", n)
		}
	})
}

// TestConcurrentUpdatesOneWins sends two updates built from the same version at
// once: exactly one is saved and the other is refused with 409 and the newer
// update, so neither text is lost.
func TestConcurrentUpdatesOneWins(t *testing.T) {
	t.Parallel()
	apptest.Each(t, func(t *testing.T, env *apptest.Env, d modeltest.DB) {
		a := env.SignIn(t, models.RoleLead, "DCO")
		b := env.SignIn(t, models.RoleAdmin)
		v := actionVersion(t, env, a, "3.3")
		texts := []string{"First writer's text", "Second writer's text"}
		codes := make([]int, 2)
		bodies := make([]string, 2)
		var wg sync.WaitGroup
		for i, c := range []*apptest.Client{a, b} {
			wg.Add(1)
			go func() {
				defer wg.Done()
				rec := env.API(c, "POST", "/api/v1/actions/3.3/updates",
					fmt.Sprintf(`{"narrative":%q,"status":"in_progress","rag":"amber","version":%d}`, texts[i], v))
				codes[i], bodies[i] = rec.Code, rec.Body.String()
			}()
		}
		wg.Wait()
		won, lost := -1, -1
		for i, c := range codes {
			switch c {
			case http.StatusCreated:
				won = i
			case http.StatusConflict:
				lost = i
			}
		}
		if won < 0 || lost < 0 {
			t.Fatalf("want one 201 and one 409, got %v\n%s\n%s", codes, bodies[0], bodies[1])
		}
		var saved []models.ProgressUpdate
		d.DB.Where("narrative IN ?", texts).Find(&saved)
		if len(saved) != 1 || saved[0].Narrative != texts[won] {
			t.Fatalf("saved %+v, want only %q", saved, texts[won])
		}
		if !strings.Contains(bodies[lost], texts[won]) || !strings.Contains(bodies[lost], `"version":`+fmt.Sprint(v+1)) {
			t.Fatalf("the 409 does not carry the newer update and version: %s", bodies[lost])
		}
	})
}

func TestAPICreateUpdateErrors(t *testing.T) {
	t.Parallel()
	apptest.Each(t, func(t *testing.T, env *apptest.Env, d modeltest.DB) {
		lead := env.SignIn(t, models.RoleLead, "DCO")
		v := actionVersion(t, env, lead, "1.2")
		for body, field := range map[string]string{
			fmt.Sprintf(`{"narrative":"x","status":"in_progress","rag":"purple","version":%d}`, v): "rag",
			`{"narrative":"x","status":"in_progress","rag":"red"}`:                                 "version",
			`{"narrative":"x","status":"in_progress","rag":"red","version":1,"extra":true}`:        "body",
			`not json`: "body",
		} {
			rec := env.API(lead, "POST", "/api/v1/actions/1.2/updates", body)
			var e struct{ Error, Field string }
			json.Unmarshal(rec.Body.Bytes(), &e)
			if rec.Code != http.StatusBadRequest || e.Field != field || e.Error == "" {
				t.Errorf("%s: got %d %+v, want 400 field %s", body, rec.Code, e, field)
			}
		}
		rec := env.API(lead, "POST", "/api/v1/actions/9.99/updates", `{"narrative":"x","status":"in_progress","rag":"red","version":1}`)
		if rec.Code != http.StatusNotFound {
			t.Errorf("unknown action: got %d", rec.Code)
		}
		rec = env.API(lead, "POST", "/api/v1/actions/1.2/updates",
			fmt.Sprintf(`{"narrative":"Done","status":"in_progress","rag":"green","evidence_url":"https://example.org/e","version":%d}`, v))
		var up struct{ Narrative, Status, Author string }
		json.Unmarshal(rec.Body.Bytes(), &up)
		if rec.Code != http.StatusCreated || up.Narrative != "Done" || up.Author != lead.User.Name {
			t.Fatalf("create: got %d %s", rec.Code, rec.Body)
		}
	})
}

func TestAPIBodyErrorsAreWordedForPeople(t *testing.T) {
	t.Parallel()
	env := apptest.SQLite(t)
	lead := env.SignIn(t, models.RoleLead, "DCO")
	for body, want := range map[string]string{
		`{"narrative": 5, "version": 1}`: `"field":"narrative"`,
		`[1,2]`:                          "must be a JSON object",
		`{"narrative":"x",`:              "not valid JSON",
		`{"narrative":"x" "y"}`:          "not valid JSON (at byte",
		``:                               "the body is empty",
		`{"colour":"red"}`:               `unknown field \"colour\"`,
	} {
		rec := env.API(lead, "POST", "/api/v1/actions/1.2/updates", body)
		if rec.Code != http.StatusBadRequest || !strings.Contains(rec.Body.String(), want) || strings.Contains(rec.Body.String(), "app.") {
			t.Errorf("%q: got %d %s, want 400 with %s", body, rec.Code, rec.Body, want)
		}
	}
}

// Someone who may not record progress on an action is refused with 403 even
// when what they send is invalid: authorisation comes before validation.
func TestProgressRefusesOutsidersBeforeValidating(t *testing.T) {
	t.Parallel()
	apptest.Each(t, func(t *testing.T, env *apptest.Env, d modeltest.DB) {
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
