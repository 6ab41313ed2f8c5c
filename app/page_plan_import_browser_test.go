package app_test

import (
	"net/http"
	"path/filepath"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"sendboard/app/apptest"
	"sendboard/models"
	"sendboard/models/modeltest"
)

// TestBrowserPlanImport: an admin uploads a workbook (title rows, Excel
// dates, the plan on its second sheet), checks the preview, changes one
// column (Progress: not in this file) and imports; the new plan's dashboard
// shows, and the changed column took effect. axe finds no serious problem.
func TestBrowserPlanImport(t *testing.T) {
	t.Parallel()
	path, err := filepath.Abs(filepath.Join("..", "models", "planfile", "testdata", "title_rows.xlsx"))
	if err != nil {
		t.Fatal(err)
	}
	onSQLite(t, apptest.Seeded, func(t *testing.T, env *apptest.Env, d modeltest.DB) {
		browser := startBrowser(t)
		srv := env.Serve(t)
		admin := env.SignIn(t, models.RoleAdmin)

		b := &tab{t: t, base: srv.URL, ctx: newTab(t, browser)}
		b.navigate("/login")
		b.signIn(admin.User.Email)
		b.navigate("/plans/import")
		b.axe("plan import form")
		b.reflow("/plans/import")
		b.shot("plan-import")

		// Nothing chosen: the errors show and nothing is made.
		if st := b.submit("Upload and check"); st != http.StatusBadRequest {
			t.Fatalf("empty form: status %d, want 400", st)
		}
		b.mustHave(".govuk-error-summary")
		b.axe("plan import form with errors")

		b.do(chromedp.SetValue(chromedp.ID("pi-name"), "Westshire PAP"),
			chromedp.SetValue(chromedp.ID("pi-type"), models.PlanPAP),
			chromedp.SetUploadFiles(chromedp.ID("pi-file"), []string{path}))
		if st := b.submit("Upload and check"); st != http.StatusOK {
			t.Fatalf("upload: status %d", st)
		}
		if rows := b.eval(`document.getElementById('pi-rows').innerText`); rows != "5" {
			t.Fatalf("preview: %s actions found, want 5", rows)
		}
		if sel := b.eval(`document.getElementById('pi-map-progress').selectedOptions[0].text`); sel != "Column 11: Progress" {
			t.Errorf("progress detected as %q", sel)
		}
		if leads := b.eval(`document.getElementById('pi-new-leads').innerText`); !strings.Contains(leads, "ICB Chief Nursing Officer") {
			t.Errorf("leads to be created: %q", leads)
		}
		b.axe("plan import preview")
		b.shot("plan-import-preview")

		// Change one mapping, then confirm.
		if v := b.eval(`(s => { s.value = ''; s.dispatchEvent(new Event('change', {bubbles: true})); return s.options[s.selectedIndex].text })(document.getElementById('pi-map-progress'))`); v != "Not in this file" {
			t.Fatalf("progress select shows %q after choosing none", v)
		}
		if st := b.submit("Import plan"); st != http.StatusOK {
			t.Fatalf("import: status %d after the redirect", st)
		}
		if loc := b.eval(`location.pathname`); loc != "/plans/westshire-pap" {
			t.Fatalf("after the import the browser is at %s, not the plan's dashboard", loc)
		}
		main := b.eval(`document.querySelector('main').innerText`)
		if !strings.Contains(main, "Westshire PAP") || !strings.Contains(main, "Publish a joint strategic needs assessment") {
			t.Errorf("the new plan's dashboard lacks its name or actions:\n%s", main)
		}
		b.shot("plan-import-dashboard")
		var updates int64
		d.DB.Table("progress_updates").Joins("JOIN actions ON actions.id = progress_updates.action_id").
			Joins("JOIN plans ON plans.id = actions.plan_id").Where("plans.slug = ?", "westshire-pap").Count(&updates)
		if updates != 0 {
			t.Errorf("%d progress updates made though Progress was set to not in this file", updates)
		}
	})
}
