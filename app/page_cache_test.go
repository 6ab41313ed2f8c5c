package app_test

import (
	"context"
	"net/http"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"sendboard/app/apptest"
	"sendboard/models"
	"sendboard/models/modeltest"
)

var csrfField = regexp.MustCompile(`name="_csrf" value="([^"]*)"`)

// A page served whole from memory carries each session's own CSRF token in
// every form: two sessions of one user and a second user of the same role
// each get theirs, and a form posted with it is accepted.
func TestCachedPageCarriesTheSessionsOwnToken(t *testing.T) {
	t.Parallel()
	apptest.EachWith(t, twoPlans, func(t *testing.T, env *apptest.Env, d modeltest.DB) {
		first := env.SignIn(t, models.RoleAdmin)
		sess, err := models.CreateSession(context.Background(), env.DB.DB, first.User.ID, "127.0.0.1", time.Now(), time.Hour)
		if err != nil {
			t.Fatal(err)
		}
		again := &apptest.Client{User: first.User, Session: sess, Token: first.Token}
		other := env.SignIn(t, models.RoleAdmin)
		for _, path := range []string{"/actions/1.1", secondBase + "/actions/1.1", "/"} {
			for _, c := range []*apptest.Client{first, again, other, first} {
				rec := env.Get(c, path)
				if rec.Code != http.StatusOK {
					t.Fatalf("GET %s = %d", path, rec.Code)
				}
				body := rec.Body.String()
				if strings.Contains(body, "sbcsrf") {
					t.Fatalf("GET %s shows the cache's token mark", path)
				}
				got := csrfField.FindAllStringSubmatch(body, -1)
				if len(got) == 0 {
					t.Fatalf("GET %s has no form with a token", path)
				}
				for _, m := range got {
					if m[1] != apptest.CSRF(c) {
						t.Fatalf("GET %s for session %.6s… carries token %.8s…, not its own", path, c.Session, m[1])
					}
				}
				if rec.Header().Get("Content-Length") != "" && rec.Header().Get("Content-Length") != strconv.Itoa(len(body)) {
					t.Fatalf("GET %s: Content-Length %s for %d bytes", path, rec.Header().Get("Content-Length"), len(body))
				}
			}
		}
		// The second session's token, read from its cached page, is accepted.
		tok := csrfField.FindStringSubmatch(env.Get(again, "/actions/1.1").Body.String())[1]
		req := url.Values{"_csrf": {tok}, "body": {"Sylw gan y bwrdd: ≥ 2 ysgol → Łódź, ı"}}
		rec := env.PostFormRaw(again, "/actions/1.1/comments", req, false)
		if rec.Code != http.StatusSeeOther {
			t.Fatalf("comment with the token from the cached page = %d: %s", rec.Code, rec.Body.String())
		}
	})
}

// What only the action page shows (comments, rounds asking for an update)
// moves its plan's revision: the page cached before shows it at once, and
// the other plan's page with the same number stays cached.
func TestCachedActionPageFollowsItsOwnWrites(t *testing.T) {
	t.Parallel()
	apptest.EachWith(t, twoPlans, func(t *testing.T, env *apptest.Env, d modeltest.DB) {
		if d.Name == "postgres" {
			listen(t, env, d.DSN)
		}
		board := env.SignIn(t, models.RoleAdmin)
		viewer := env.SignIn(t, models.RoleViewer)
		for _, c := range []*apptest.Client{board, viewer} {
			env.Get(c, "/actions/1.1")
			env.Get(c, secondBase+"/actions/1.1")
		}
		note := "Sylw ŵ: ≥ 3 ysgol → Łódź, ı"
		if rec := env.PostForm(board, "/actions/1.1/comments", url.Values{"body": {note}}); rec.Code != http.StatusSeeOther {
			t.Fatalf("comment = %d: %s", rec.Code, rec.Body.String())
		}
		for _, c := range []*apptest.Client{board, viewer} {
			if body := env.Get(c, "/actions/1.1").Body.String(); !strings.Contains(body, "Sylw ŵ: ≥ 3 ysgol → Łódź, ı") {
				t.Errorf("%s: the cached action page does not show the comment just added", c.User.Role)
			}
		}
		rec := env.Get(board, "/actions/1.1?saved=comment")
		if !strings.Contains(rec.Body.String(), "Your comment has been added.") {
			t.Error("the saved-comment message is not shown")
		}
		if strings.Contains(env.Get(board, "/actions/1.1").Body.String(), "Your comment has been added.") {
			t.Error("the saved-comment message is shown without ?saved=comment: a flash leaked into the cached page")
		}
		counter := modeltest.CountQueries(env.DB.DB)
		env.Get(viewer, secondBase+"/actions/1.1")
		want := int64(0)
		if d.Name != "postgres" {
			want = 1
		}
		if n := counter.N(); n != want {
			t.Errorf("%s: the other plan's action 1.1 ran %d statements after a comment on this plan's, want %d", d.Name, n, want)
		}
	})
}
