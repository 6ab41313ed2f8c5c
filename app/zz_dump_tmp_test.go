package app_test

import (
	"net/url"
	"os"
	"regexp"
	"testing"

	"sendboard/app/apptest"
	"sendboard/models"
	"sendboard/models/modeltest"
)

// Temporary: dumps rendered pages to compare before and after a change.
func TestZZDumpTmp(t *testing.T) {
	dir := os.Getenv("DUMP_DIR")
	if dir == "" {
		return
	}
	d := modeltest.SQLite(t)
	env := apptest.New(t, d)
	c := env.SignIn(t, models.RoleViewer)
	csrf := regexp.MustCompile(`value="[^"]{20,}"|csrf[^"]*"[^"]*"`)
	for _, p := range []string{"/", "/?milestone=3&q=training", "/boards/send-improvement-board", "/leads/dco",
		"/?status=in_progress&after=1.5&limit=5", "/?rag=none&limit=3", "/?flag=any", "/?q=zzzz"} {
		b := env.Get(c, p).Body.String()
		os.WriteFile(dir+"/"+url.PathEscape(p)+".html", []byte(csrf.ReplaceAllString(b, "X")), 0o644)
	}
	for _, p := range []string{"/api/v1/actions?limit=200", "/api/v1/actions?status=complete"} {
		os.WriteFile(dir+"/"+url.PathEscape(p)+".json", env.API(c, "GET", p, "").Body.Bytes(), 0o644)
	}
}
