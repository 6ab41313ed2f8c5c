package app_test

import (
	"context"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"sendboard/app/apptest"
	"sendboard/models/modeltest"
	packs "sendboard/models/pack"
)

// TestBrowserPacksGenerateStoresTheChoice is a board member in real Chromium:
// on /packs they choose a board and a quarter other than the defaults and
// press Generate without previewing first. The pack stored must be that board
// and quarter, the form must still show the choice, and the stored HTML pack
// (offered as the accessible version) must be a whole document with a main
// landmark that passes axe-core.
func TestBrowserPacksGenerateStoresTheChoice(t *testing.T) {
	t.Parallel()
	browser := startBrowser(t)
	onSQLite(t, apptest.Seeded, func(t *testing.T, env *apptest.Env, d modeltest.DB) {
		srv := env.Serve(t)
		member := env.SignInBoard(t, "Schools Forum")
		b := &tab{t: t, base: srv.URL, ctx: newTab(t, browser)}
		b.navigate("/login")
		b.signIn(member.User.Email)

		b.navigate("/packs")
		if got := b.eval(`document.getElementById('board').value + '|' + document.getElementById('quarter').selectedIndex`); got != "schools-forum|1" {
			t.Fatalf("the form starts at %q, want the member's board (the whole plan's pack is an admin's) and the last complete quarter", got)
		}
		quarter := b.eval(`document.getElementById('quarter').options[3].value`)
		b.do(chromedp.SetValue(chromedp.ID("board"), "schools-forum"), chromedp.SetValue(chromedp.ID("quarter"), quarter))
		if st := b.submit("Generate and store the pack"); st != http.StatusOK {
			t.Fatalf("generate: status %d after the redirect, want 200", st)
		}
		var stored []packs.Stored
		if err := d.DB.Find(&stored).Error; err != nil {
			t.Fatal(err)
		}
		if len(stored) != 1 || stored[0].BoardKey != "schools-forum" || stored[0].Quarter != quarter {
			t.Fatalf("stored %+v, want one Schools Forum pack for %s", stored, quarter)
		}
		if got := b.eval(`document.getElementById('board').value + '|' + document.getElementById('quarter').value`); got != "schools-forum|"+quarter {
			t.Errorf("after generating the form shows %q, want the choice kept", got)
		}
		if text := b.eval(`document.querySelector('main').innerText`); !strings.Contains(text, "Pack stored: Schools Forum, "+quarter+", version 1.") ||
			!strings.Contains(text, "Open HTML, accessible version (") {
			t.Errorf("no confirmation with the downloads: %.400s", text)
		}
		b.review("packs-generated")

		_, f, err := packs.FindFile(context.Background(), d.DB, stored[0].ID, packs.HTML)
		if err != nil {
			t.Fatal(err)
		}
		path := filepath.Join(t.TempDir(), "pack.html")
		if err := os.WriteFile(path, f.Content, 0o600); err != nil {
			t.Fatal(err)
		}
		b.do(chromedp.Navigate("file://" + path))
		if got := b.eval(`document.documentElement.lang + '|' + document.querySelectorAll('main').length + '|' + document.querySelectorAll('main h1').length + '|' + document.title`); !strings.HasPrefix(got, "en-GB|1|1|Schools Forum") {
			t.Errorf("stored HTML pack: lang|main|h1|title = %q", got)
		}
		b.axe("stored HTML pack")
	})
}
