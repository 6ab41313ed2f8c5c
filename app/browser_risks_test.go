package app_test

import (
	"net/http"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"sendboard/app/apptest"
	"sendboard/models"
	"sendboard/models/modeltest"
)

// TestBrowserRisks drives a lead adding a risk through the register in
// Chromium, with a refused form on the way, then changing its score on the
// risk page, and checks the register (with its heat map) and the risk page
// with axe-core and at 320 CSS pixels.
func TestBrowserRisks(t *testing.T) {
	t.Parallel()
	onSQLite(t, apptest.Seeded, func(t *testing.T, env *apptest.Env, d modeltest.DB) {
		browser := startBrowser(t)
		srv := env.Serve(t)
		lead := env.SignIn(t, models.RoleLead, "DCO")
		b := &tab{t: t, base: srv.URL, ctx: newTab(t, browser)}
		b.navigate("/login")
		b.signIn(lead.User.Email)

		const base = "/plans/dorset-wsoa-2019/risks"
		b.navigate(base)
		b.review("risks-empty")
		b.do(chromedp.SendKeys(chromedp.ID("f-title"), "Łódź → Dŵr: therapy waits ≥ 18 weeks (Aydın)"),
			chromedp.SendKeys(chromedp.ID("f-review_by"), "31 March"))
		if st := b.submit("Add to the register"); st != http.StatusBadRequest {
			t.Fatalf("a risk without owner or scores: status %d, want 400", st)
		}
		b.errorLinksLand("risk register")
		b.review("risks-error")
		if got := b.eval(`document.getElementById('f-title').value`); got != "Łódź → Dŵr: therapy waits ≥ 18 weeks (Aydın)" {
			t.Fatalf("the refused form lost the title: %q", got)
		}
		b.do(chromedp.SendKeys(chromedp.ID("f-owner"), "DCO"), chromedp.Click(chromedp.ID("f-likelihood-3")),
			chromedp.Click(chromedp.ID("f-impact-3")), chromedp.SetValue(chromedp.ID("f-review_by"), "2026-03-31"),
			chromedp.SendKeys(chromedp.ID("f-actions"), "1.2"))
		if st := b.submit("Add to the register"); st != http.StatusOK {
			t.Fatalf("add: status %d", st)
		}
		b.mustHave(".govuk-notification-banner--success")
		if !strings.Contains(b.eval(`document.querySelector('main').innerText`), "Escalated: score 16") {
			t.Fatal("a 4 × 4 risk is not shown as escalated")
		}
		b.review("risk")
		b.do(chromedp.Click(chromedp.ID("f-likelihood-2")), chromedp.SendKeys(chromedp.ID("f-reason"), "Locums in post → waits falling"))
		if st := b.submit("Save changes"); st != http.StatusOK {
			t.Fatalf("save: status %d", st)
		}
		main := b.eval(`document.querySelector('main').innerText`)
		if strings.Contains(main, "Escalated") || !strings.Contains(main, "Locums in post → waits falling") {
			t.Fatalf("after the change to 3 × 4:\n%s", main)
		}
		b.mustHave("svg.sb-sparkline")
		b.review("risk-history")
		b.navigate(base)
		b.mustHave("svg.sb-heatmap")
		b.review("risks")
		b.navigate("/plans/dorset-wsoa-2019")
		b.mustHave(`a[href="` + base + `"]`)
	})
}
