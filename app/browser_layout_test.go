package app_test

import (
	"fmt"
	"testing"

	"github.com/chromedp/chromedp"

	"sendboard/app/apptest"
	"sendboard/models"
	"sendboard/models/modeltest"
)

// fitsJS reports what does not fit the window: the page or the action table
// wider than their boxes, or a word of a lead, a tag or a flag broken over
// two lines ("Prog ram me Offic er"). Empty when everything fits.
const fitsJS = `(() => {
  const out = [];
  const root = document.documentElement;
  if (root.scrollWidth > root.clientWidth) out.push('the page is ' + root.scrollWidth + 'px wide');
  const wrap = document.querySelector('table.sb-actions').parentElement;
  if (wrap.scrollWidth > wrap.clientWidth + 1) out.push('the action table is ' + wrap.scrollWidth + 'px in a ' + wrap.clientWidth +
    'px column (columns ' + [...document.querySelectorAll('table.sb-actions thead th')].map(th => Math.round(th.getBoundingClientRect().width)).join(', ') + ')');
  const broken = new Set();
  for (const cell of document.querySelectorAll('table.sb-actions .sb-c-lead, table.sb-actions .govuk-tag')) {
    const walk = document.createTreeWalker(cell, NodeFilter.SHOW_TEXT);
    for (let n = walk.nextNode(); n; n = walk.nextNode()) {
      const re = /[^\s-]+/g; // a break after a hyphen keeps the word whole
      for (let m = re.exec(n.data); m; m = re.exec(n.data)) {
        const r = document.createRange();
        r.setStart(n, m.index); r.setEnd(n, m.index + m[0].length);
        const tops = new Set([...r.getClientRects()].filter(x => x.width > 0).map(x => Math.round(x.top)));
        if (tops.size > 1) broken.add(m[0]);
      }
    }
  }
  if (broken.size) out.push('words broken over lines: ' + [...broken].slice(0, 5).join(', '));
  return out.join('; ');
})()`

// selectsCutJS names the pack picker's selects narrower than their widest
// option, which a closed select then cuts off.
const selectsCutJS = `(() => {
  const cut = [];
  for (const sel of document.querySelectorAll('.sb-pack-picker select')) {
    const shown = sel.getBoundingClientRect().width;
    sel.style.maxWidth = 'none'; sel.style.width = 'max-content';
    const needs = sel.getBoundingClientRect().width;
    sel.style.maxWidth = ''; sel.style.width = '';
    if (shown + 1 < needs) cut.push(sel.id + ' (' + Math.round(shown) + 'px of ' + Math.round(needs) + 'px)');
  }
  return cut.join(', ');
})()`

// TestBrowserActionTableFits: the overview's action table fits its column at
// every common width from a phone to a wide desktop, with every column shown
// and names and tags whole; the packs page shows a long plan name whole.
func TestBrowserActionTableFits(t *testing.T) {
	t.Parallel()
	browser := startBrowser(t)
	onSQLite(t, apptest.Seeded, func(t *testing.T, env *apptest.Env, d modeltest.DB) {
		if _, err := models.RunFlags(t.Context(), d.DB, env.App.Now(), env.App.Config.Location(), env.App.Config.UpdateOverdueDays); err != nil {
			t.Fatal(err)
		}
		srv := env.Serve(t)
		admin := env.SignIn(t, models.RoleAdmin)
		b := &tab{t: t, base: srv.URL, ctx: newTab(t, browser)}
		b.navigate("/login")
		b.signIn(admin.User.Email)
		if _, err := models.CreatePlan(t.Context(), d.DB, admin.User, models.PlanInput{Type: models.PlanPAP, StartDate: "2025-04-01",
			Name: "Ynys Môn and Gwynedd Priority Action Plan for SEND 2025–2028 (Łukasiewicz review)"}, env.App.Now()); err != nil {
			t.Fatal(err)
		}
		defer b.do(chromedp.EmulateViewport(1280, 900))
		for _, w := range []int64{320, 375, 640, 641, 768, 1024, 1280, 1440, 1920} {
			b.do(chromedp.EmulateViewport(w, 900))
			b.navigate("/?size=100")
			if n := b.eval(`String(document.querySelectorAll('table.sb-actions .sb-flag').length)`); n == "0" {
				t.Fatalf("at %dpx the overview shows no flags to check", w)
			}
			if bad := b.eval(fitsJS); bad != "" {
				t.Errorf("at %dpx: %s", w, bad)
				b.shot(fmt.Sprintf("action-table-%d", w))
			}
			b.navigate("/packs")
			if cut := b.eval(selectsCutJS); cut != "" && w >= 641 {
				t.Errorf("at %dpx the packs page cuts off %s", w, cut)
			}
		}
	})
}
