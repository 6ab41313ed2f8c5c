package app_test

import (
	"context"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"sendboard/app/apptest"
	"sendboard/models"
	"sendboard/models/modeltest"
)

// TestBrowserMergeLeads merges a lead role spelt twice in the browser: choose
// the two, read what will move, merge; both pages pass axe.
func TestBrowserMergeLeads(t *testing.T) {
	t.Parallel()
	onSQLite(t, apptest.Seeded, func(t *testing.T, env *apptest.Env, d modeltest.DB) {
		browser := startBrowser(t)
		srv := env.Serve(t)
		admin := env.SignIn(t, models.RoleAdmin)
		dup, err := models.SaveLead(context.Background(), d.DB, admin.User, 0, "Designated Clinical Officer", nil, time.Now())
		if err != nil {
			t.Fatal(err)
		}
		var dco models.Lead
		d.DB.Where("name = ?", "DCO").Take(&dco)
		b := &tab{t: t, base: srv.URL, ctx: newTab(t, browser)}
		b.navigate("/login")
		b.signIn(admin.User.Email)
		b.navigate("/admin/leads")
		b.mustHave(`a[href="/admin/leads/merge"]`)
		b.navigate("/admin/leads/merge")
		b.axe("merge leads")
		b.do(chromedp.SetValue(chromedp.ID("f-from"), idStr(dup.ID)), chromedp.SetValue(chromedp.ID("f-into"), idStr(dco.ID)))
		if st := b.submit("Check what will move"); st != http.StatusOK {
			t.Fatalf("check: status %d", st)
		}
		if h := b.eval(`document.querySelector('h1').innerText`); h != "Merge “Designated Clinical Officer” into “DCO”" {
			t.Fatalf("the confirmation page is headed %q", h)
		}
		if !strings.Contains(b.eval(`document.querySelector('main table').innerText`), "people holding the role") {
			t.Error("the confirmation page does not list what moves")
		}
		b.axe("merge leads confirmation")
		if st := b.submit("Merge lead roles"); st != http.StatusOK {
			t.Fatalf("merge: status %d", st)
		}
		var left int64
		d.DB.Model(&models.Lead{}).Where("id = ?", dup.ID).Count(&left)
		if left != 0 {
			t.Error("the merged lead role is still there")
		}
	})
}
