package app_test

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"sendboard/app/apptest"
	"sendboard/app/pack"
	"sendboard/models/modeltest"
	packs "sendboard/models/pack"
	"sendboard/models/pack/packtest"
)

// TestBrowserPackBoardParts is a board member in real Chromium looking at a
// pack with escalated risks, decisions, board actions and RAG by period: the
// preview on /packs and the stored HTML pack both pass axe-core and do not
// scroll sideways at 320 CSS pixels, and the heat map is drawn beside its
// table.
func TestBrowserPackBoardParts(t *testing.T) {
	t.Parallel()
	browser := startBrowser(t)
	onSQLite(t, packtest.Loaded, func(t *testing.T, env *apptest.Env, d modeltest.DB) {
		packtest.AddBusiness(t, d.DB)
		srv := env.Serve(t)
		member := env.SignInBoard(t, packtest.Board)
		b := &tab{t: t, base: srv.URL, ctx: newTab(t, browser)}
		b.navigate("/login")
		b.signIn(member.User.Email)
		b.navigate("/packs?board=send-improvement-board&quarter=" + strings.ReplaceAll(packtest.Quarter, " ", "+") + "&preview=1")
		text := b.eval(`document.querySelector('main').innerText`)
		for _, want := range []string{"Risks and issues escalated to the board", "Therapy waits ≥ 18 weeks → Ŵ", "Decisions required", "Board action log", "RAG by review period"} {
			if !strings.Contains(text, want) {
				t.Errorf("the preview lacks %q", want)
			}
		}
		if got := b.eval(`String(document.querySelector('img[alt^="Heat map"]').naturalWidth > 0)`); got != "true" {
			t.Errorf("the heat map did not load in the preview: %s", got)
		}
		b.review("pack-board-preview")

		q, _ := packs.ParseQuarter(packtest.Quarter)
		p, err := packs.Build(context.Background(), d.DB, packs.Request{Board: packtest.Board, Quarter: q}, env.App.Now())
		if err != nil {
			t.Fatal(err)
		}
		html, err := pack.HTML(p)
		if err != nil {
			t.Fatal(err)
		}
		path := filepath.Join(t.TempDir(), "pack.html")
		if err := os.WriteFile(path, html, 0o600); err != nil {
			t.Fatal(err)
		}
		b.do(chromedp.Navigate("file://" + path))
		b.review("pack-board-stored")
	})
}
