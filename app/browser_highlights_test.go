package app_test

import (
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"sendboard/app/apptest"
	"sendboard/models"
	"sendboard/models/highlight/highlighttest"
	"sendboard/models/modeltest"
)

// TestBrowserHighlights drives the SRO of an area of a plan beside the
// seeded one through its highlight report in Chromium: the plan's areas by
// quarter, the report, a red rating refused without a reason (the input
// kept), then saved; each page checked with axe-core and at 320 CSS pixels.
func TestBrowserHighlights(t *testing.T) {
	t.Parallel()
	onSQLite(t, apptest.Seeded, func(t *testing.T, env *apptest.Env, d modeltest.DB) {
		highlighttest.Load(t, d.DB, hlSlug, "Łódź → second plan")
		browser := startBrowser(t)
		srv := env.Serve(t)
		sro := env.SignIn(t, models.RoleLead, "SRO ŵ "+hlSlug)
		b := &tab{t: t, base: srv.URL, ctx: newTab(t, browser)}
		b.navigate("/login")
		b.signIn(sro.User.Email)

		index := "/plans/" + url.PathEscape(hlSlug) + "/highlights?to=2025-26-Q3"
		b.navigate(index)
		b.mustHave(`a[href="` + hlReport + `"]`)
		b.review("highlights")
		b.navigate(hlReport)
		main := b.eval(`document.querySelector('main').innerText`)
		for _, want := range []string{"Milestone missed: Summer milestones → Awst", "Therapy waits → ≥ 20 weeks", "calculated from the actions"} {
			if !strings.Contains(main, want) {
				t.Errorf("the report lacks %q", want)
			}
		}
		b.review("highlight")
		b.do(chromedp.Click(chromedp.ID("f-rag-0")), chromedp.SendKeys(chromedp.ID("f-next_steps"), "Recruit two → Ł ı ŵ"))
		if st := b.submit("Save the report"); st != http.StatusBadRequest {
			t.Fatalf("red without a reason: status %d, want 400", st)
		}
		b.errorLinksLand("highlight report")
		if got := b.eval(`document.getElementById('f-next_steps').value`); got != "Recruit two → Ł ı ŵ" {
			t.Fatalf("the refused form lost the next steps: %q", got)
		}
		b.review("highlight-error")
		b.do(chromedp.SendKeys(chromedp.ID("f-reason"), "Staff ≥ 2 short in September"))
		if st := b.submit("Save the report"); st != http.StatusOK {
			t.Fatalf("save: status %d", st)
		}
		b.mustHave(".govuk-notification-banner--success")
		main = b.eval(`document.querySelector('main').innerText`)
		if strings.Contains(main, "calculated from the actions") || !strings.Contains(main, "Staff ≥ 2 short in September") {
			t.Fatalf("after saving:\n%s", main)
		}
		b.review("highlight-saved")
	})
}
