package app_test

import (
	"net/http"
	"strings"
	"testing"
	"time"

	"sendboard/app/apptest"
	"sendboard/models"
	"sendboard/models/modeltest"
)

// TestBrowserPlanScope: with two plans numbered alike, the indexes and the
// sign-off queue show each plan's actions, and an admin links a DfE measure
// to the second plan's 1.1 by choosing the plan and the action from lists
// and checking its text first; a plan changed without "Choose plan" is
// caught. Every step passes axe.
func TestBrowserPlanScope(t *testing.T) {
	t.Parallel()
	onSQLite(t, twoPlans, func(t *testing.T, env *apptest.Env, d modeltest.DB) {
		browser := startBrowserFor(t, 5*time.Minute)
		srv := env.Serve(t)
		admin := env.SignIn(t, models.RoleAdmin, "DCO")
		b := &tab{t: t, base: srv.URL, ctx: newTab(t, browser)}
		b.navigate("/login")
		b.signIn(admin.User.Email)

		b.navigate("/leads")
		if row := b.eval(`[...document.querySelectorAll('tr')].find(r => r.innerText.startsWith('Head of SEND'))?.innerText ?? ''`); !strings.Contains(row, "2") {
			t.Errorf("/leads Head of SEND row = %q, want its 2 actions in the second plan", row)
		}
		b.axe("leads index, two plans")
		b.navigate("/boards/send-health-forum/signoff")
		if hs := b.eval(`[...document.querySelectorAll('main h2')].map(h => h.innerText).join('|')`); !strings.Contains(hs, seededPlanName) || !strings.Contains(hs, secondName) {
			t.Errorf("sign-off groups = %q, want both plans", hs)
		}
		b.axe("sign-off queue, two plans")

		const page = "/benchmarks/SEN_EHC_All_20wks"
		b.navigate(page)
		b.eval(`(document.getElementById('link-to-action').open = true, document.getElementById('link-plan').value = '` + secondSlug + `', '')`)
		if st := b.submit("Choose plan"); st != http.StatusOK {
			t.Fatalf("choose plan: %d", st)
		}
		if opt := b.eval(`document.querySelector('#link-action option[value="1.1"]')?.innerText ?? ''`); !strings.Contains(opt, secondText["1.1"]) {
			t.Errorf("the action list offers 1.1 as %q, want the second plan's", opt)
		}
		b.axe("link: choose the action")
		// The plan changed in its list, then Continue: the other plan's 1.1 is not taken.
		b.eval(`(document.getElementById('link-plan').value = 'dorset-wsoa-2019', document.getElementById('link-action').value = '1.1', '')`)
		if st := b.submit("Continue"); st != http.StatusBadRequest {
			t.Errorf("continue after changing the plan: %d, want 400", st)
		}
		if s := b.eval(`document.querySelector('.govuk-error-summary')?.innerText ?? ''`); !strings.Contains(s, "You changed the plan") {
			t.Errorf("error summary %q", s)
		}
		b.axe("link: plan changed")
		b.eval(`(document.getElementById('link-plan').value = '` + secondSlug + `', '')`)
		b.submit("Choose plan")
		b.eval(`(document.getElementById('link-action').value = '1.1', '')`)
		if st := b.submit("Continue"); st != http.StatusOK {
			t.Fatalf("continue: %d", st)
		}
		if s := b.eval(`document.querySelector('#link-to-action .govuk-summary-list').innerText`); !strings.Contains(s, secondText["1.1"]) || !strings.Contains(s, secondName) {
			t.Errorf("the check step shows %q", s)
		}
		b.axe("link: check the action")
		if st := b.submit("Link to action 1.1"); st != http.StatusOK {
			t.Fatalf("link: %d", st)
		}
		b.mustHave(`a[href="` + secondBase + `/actions/1.1"]`)
		if b.has(`a[href="/actions/1.1"]`) {
			t.Error("the seeded plan's 1.1 is linked")
		}
		b.axe("measure with a linked action")
		if st := b.submit("Remove link to action 1.1 of " + secondName); st != http.StatusOK {
			t.Fatalf("remove link: %d", st)
		}
		if b.has(`a[href="` + secondBase + `/actions/1.1"]`) {
			t.Error("the link is still shown after Remove link")
		}
	})
}
