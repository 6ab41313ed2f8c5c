package app_test

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"sendboard/app"
	"sendboard/app/apptest"
	"sendboard/models"
	"sendboard/models/modeltest"
)

// cachedReads are read requests served from the page cache once warm, on
// both plans: the default plan's and the second plan's lists and overviews.
var cachedReads = []struct {
	path string
	api  bool
}{
	{"/api/v1/actions?rag=red&status=in_progress", true},
	{"/api/v1" + secondBase + "/actions", true},
	{"/", false},
	{secondBase, false},
	{"/?milestone=1&sort=-due", false},
	{"/actions/1.1", false},
	{secondBase + "/actions/1.1", false},
}

func getAs(env *apptest.Env, c *apptest.Client, path string, api bool) *http.Response {
	if api {
		return env.API(c, "GET", path, "").Result()
	}
	return env.Get(c, path).Result()
}

// replica opens a second app on the same PostgreSQL database as d, with a
// connection pool of its own, as another server process would be.
func replica(t *testing.T, d modeltest.DB) *apptest.Env {
	t.Helper()
	cfg := app.Defaults()
	cfg.DatabaseURL = d.DSN
	db, err := app.OpenDB(context.Background(), cfg)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { app.CloseDB(db) })
	return apptest.Open(t, modeltest.DB{Name: d.Name, DB: db, DSN: d.DSN})
}

func listen(t *testing.T, env *apptest.Env, dsn string) {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	t.Cleanup(cancel)
	if err := env.App.Listen(ctx, dsn); err != nil {
		t.Fatalf("listening: %v", err)
	}
}

// A cached read costs no SQL on PostgreSQL with the listener up (sessions,
// tokens and revisions from memory) and one statement on SQLite (the
// revisions); equivalent query strings share one entry.
func TestCachedReadStatements(t *testing.T) {
	t.Parallel()
	apptest.EachWith(t, twoPlans, func(t *testing.T, env *apptest.Env, d modeltest.DB) {
		want := int64(1)
		if d.Name == "postgres" {
			listen(t, env, d.DSN)
			want = 0
		}
		v := env.SignIn(t, models.RoleViewer)
		counter := modeltest.CountQueries(env.DB.DB)
		for _, r := range cachedReads {
			for range 2 { // warm up: the page, then the session's and token's first use
				if res := getAs(env, v, r.path, r.api); res.StatusCode != http.StatusOK {
					t.Fatalf("GET %s = %d", r.path, res.StatusCode)
				}
			}
			counter.Reset()
			if res := getAs(env, v, r.path, r.api); res.StatusCode != http.StatusOK {
				t.Fatalf("GET %s = %d", r.path, res.StatusCode)
			}
			if n := counter.N(); n != want {
				t.Errorf("%s: a cached GET %s ran %d statements, want %d", d.Name, r.path, n, want)
			}
		}
		// The same filter in another order, spelt with its defaults, shares the entry.
		for _, path := range []string{"/api/v1/actions?status=in_progress&rag=red", "/api/v1/actions?status=in_progress&rag=red&limit=50",
			"/?sort=-due&milestone=1", "/?sort=-due&milestone=1&page=1"} {
			counter.Reset()
			api := strings.HasPrefix(path, "/api/")
			if res := getAs(env, v, path, api); res.StatusCode != http.StatusOK {
				t.Fatalf("GET %s = %d", path, res.StatusCode)
			}
			if n := counter.N(); n != want {
				t.Errorf("%s: GET %s ran %d statements: an equivalent query string did not share the entry", d.Name, path, n)
			}
		}
	})
}

// Two replicas on one PostgreSQL database: a progress update through A shows
// on B's next request while the other plan's pages stay cached on B;
// signing out, disabling a user, changing a password and revoking a token
// through A are refused on B at once.
func TestReplicasCacheFollowsWritesAndSignOuts(t *testing.T) {
	t.Parallel()
	d := modeltest.PostgresWith(t, twoPlans)
	a := apptest.Open(t, d)
	b := replica(t, d)
	listen(t, a, d.DSN)
	listen(t, b, d.DSN)
	admin := a.SignIn(t, models.RoleAdmin)
	v := a.SignIn(t, models.RoleViewer)
	for _, r := range cachedReads {
		getAs(b, v, r.path, r.api)
		getAs(b, v, r.path, r.api)
	}
	var act struct {
		Version int `json:"version"`
	}
	apiGet(t, a, admin, "/api/v1/actions/1.2", http.StatusOK, &act)
	if !strings.Contains(b.API(v, "GET", "/api/v1/actions?rag=red&status=in_progress", "").Body.String(), `"number":"1.2"`) {
		t.Fatal("1.2 is not red to start with")
	}
	body := fmt.Sprintf(`{"narrative":"Cynnydd ŵ: ≥ 3 ysgol → Łódź, ı","status":"in_progress","rag":"amber","version":%d}`, act.Version)
	if rec := a.API(admin, "POST", "/api/v1/actions/1.2/updates", body); rec.Code != http.StatusCreated && rec.Code != http.StatusOK {
		t.Fatalf("progress update through A = %d: %s", rec.Code, rec.Body.String())
	}
	if strings.Contains(b.API(v, "GET", "/api/v1/actions?rag=red&status=in_progress", "").Body.String(), `"number":"1.2"`) {
		t.Fatal("B's next request still lists 1.2 as red after the update through A returned")
	}
	counter := modeltest.CountQueries(b.DB.DB)
	for _, path := range []string{"/api/v1" + secondBase + "/actions", secondBase} {
		counter.Reset()
		getAs(b, v, path, strings.HasPrefix(path, "/api/"))
		if n := counter.N(); n != 0 {
			t.Errorf("GET %s on B ran %d statements after a note on the other plan: its cache was dropped", path, n)
		}
	}

	refused := func(what string, c *apptest.Client, page, api bool) {
		t.Helper()
		if page {
			if rec := b.Get(c, "/"); rec.Code == http.StatusOK {
				t.Errorf("after %s through A, B still serves the session", what)
			}
		}
		if api {
			if rec := b.API(c, "GET", "/api/v1/actions", ""); rec.Code != http.StatusUnauthorized {
				t.Errorf("after %s through A, B answers the token with %d", what, rec.Code)
			}
		}
	}
	warm := func(c *apptest.Client) {
		t.Helper()
		if b.Get(c, "/").Code != http.StatusOK || b.API(c, "GET", "/api/v1/actions", "").Code != http.StatusOK {
			t.Fatal("a new user is refused on B")
		}
	}

	out := a.SignIn(t, models.RoleViewer)
	warm(out)
	if rec := a.PostForm(out, "/logout", nil); rec.Code != http.StatusSeeOther {
		t.Fatalf("sign-out = %d", rec.Code)
	}
	refused("signing out", out, true, false)

	off := a.SignIn(t, models.RoleViewer)
	warm(off)
	if rec := a.PostForm(admin, fmt.Sprintf("/users/%d/disable", off.User.ID), url.Values{}); rec.Code != http.StatusSeeOther {
		t.Fatalf("disable = %d: %s", rec.Code, rec.Body.String())
	}
	refused("disabling the user", off, true, true)

	pw := a.SignIn(t, models.RoleViewer)
	warm(pw)
	rec := a.PostForm(pw, "/account/password", url.Values{"current_password": {"correct horse battery staple"},
		"new_password": {"Ŵyth ceffyl ≥ batri → Łódź"}, "confirm_password": {"Ŵyth ceffyl ≥ batri → Łódź"}})
	if rec.Code != http.StatusOK || !strings.Contains(rec.Body.String(), "pw-done-title") {
		t.Fatalf("password change = %d: %s", rec.Code, rec.Body.String())
	}
	refused("changing the password", pw, true, true)

	tok := a.SignIn(t, models.RoleViewer)
	warm(tok)
	var id uint
	d.DB.Model(&models.APIToken{}).Select("id").Where("user_id = ?", tok.User.ID).Take(&id)
	if rec := a.PostForm(tok, fmt.Sprintf("/account/tokens/%d/revoke", id), nil); rec.Code != http.StatusSeeOther {
		t.Fatalf("revoke = %d: %s", rec.Code, rec.Body.String())
	}
	refused("revoking the token", tok, false, true)
}

// A replica whose listening connection is terminated reads the revisions
// through (so a write made meanwhile shows) until it has listened again,
// then serves from memory again.
func TestReplicaReadsThroughWhileItsListenerIsLost(t *testing.T) {
	t.Parallel()
	d := modeltest.PostgresWith(t, twoPlans)
	b := replica(t, d)
	b.App.ListenRetry = 3 * time.Second
	listen(t, b, d.DSN)
	v := b.SignIn(t, models.RoleViewer)
	const path = "/api/v1/actions?rag=red&status=in_progress"
	getAs(b, v, path, true)
	getAs(b, v, path, true)
	var killed int
	if err := d.DB.Raw("SELECT COUNT(pg_terminate_backend(pid, 5000)) FROM pg_stat_activity WHERE datname = current_database() AND application_name = ?",
		app.ListenerName).Scan(&killed).Error; err != nil || killed == 0 {
		t.Fatalf("terminated %d listeners: %v", killed, err)
	}
	deadline := time.Now().Add(5 * time.Second)
	for {
		if live, drops, _ := b.App.ListenerState(); !live && drops > 0 {
			break
		}
		if time.Now().After(deadline) {
			t.Fatal("B did not notice its listener was gone")
		}
		time.Sleep(time.Millisecond)
	}
	// Written as the command line or a replica without notifications would.
	d.DB.Model(&models.Action{}).Where("number = ? AND plan_id = (SELECT id FROM plans WHERE is_default)", "1.2").Update("rag", "green")
	counter := modeltest.CountQueries(b.DB.DB)
	if strings.Contains(b.API(v, "GET", path, "").Body.String(), `"number":"1.2"`) {
		t.Fatal("B served a stale list while its listener was gone")
	}
	if counter.N() == 0 {
		t.Error("B ran no statement while its listener was gone")
	}
	for {
		if live, _, listens := b.App.ListenerState(); live && listens >= 2 {
			break
		}
		if time.Now().After(deadline.Add(10 * time.Second)) {
			t.Fatal("B did not listen again")
		}
		time.Sleep(10 * time.Millisecond)
	}
	getAs(b, v, path, true)
	counter.Reset()
	if strings.Contains(b.API(v, "GET", path, "").Body.String(), `"number":"1.2"`) {
		t.Fatal("B lost the write once it listened again")
	}
	if n := counter.N(); n != 0 {
		t.Errorf("B ran %d statements for a cached read after listening again", n)
	}
}
