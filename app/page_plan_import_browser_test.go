package app_test

import (
	"net/http"
	"os"
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
// shows, and the changed column took effect. Then a real-sized workbook (100
// actions, over 50 KB), kept on the server between its preview and its
// confirmation, imports whole. axe finds no serious problem.
func TestBrowserPlanImport(t *testing.T) {
	t.Parallel()
	path, err := filepath.Abs(filepath.Join("..", "models", "planfile", "testdata", "title_rows.xlsx"))
	if err != nil {
		t.Fatal(err)
	}
	big := filepath.Join(t.TempDir(), "eastshire.xlsx")
	if err := os.WriteFile(big, planWorkbook(t, 100), 0o600); err != nil {
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

		// A real-sized workbook: upload and check it.
		b.navigate("/plans/import")
		b.do(chromedp.SetValue(chromedp.ID("pi-name"), "Eastshire PAP"),
			chromedp.SetValue(chromedp.ID("pi-type"), models.PlanPAP),
			chromedp.SetUploadFiles(chromedp.ID("pi-file"), []string{big}))
		if st := b.submit("Upload and check"); st != http.StatusOK {
			t.Fatalf("upload of the 100-action workbook: status %d", st)
		}
		if rows := b.eval(`document.getElementById('pi-rows').innerText`); rows != "100" {
			t.Fatalf("preview: %s actions found, want 100", rows)
		}
		if id := b.eval(`document.querySelector('input[name=upload]').value`); len(id) != 32 || b.has(`input[name=data]`) {
			t.Fatalf("the preview form carries %q as the upload, or the file itself", id)
		}
		b.axe("plan import preview of a real-sized workbook")

		// Confirm: the kept upload is imported and goes.
		if st := b.submit("Import plan"); st != http.StatusOK {
			t.Fatalf("import of the 100-action workbook: status %d after the redirect", st)
		}
		if loc := b.eval(`location.pathname`); loc != "/plans/eastshire-pap" {
			t.Fatalf("after the import the browser is at %s, not the plan's dashboard", loc)
		}
		if main := b.eval(`document.querySelector('main').innerText`); !strings.Contains(main, "Eastshire PAP") {
			t.Errorf("the new plan's dashboard lacks its name:\n%s", main)
		}
		var actions, kept int64
		d.DB.Table("actions").Joins("JOIN plans ON plans.id = actions.plan_id").Where("plans.slug = ?", "eastshire-pap").Count(&actions)
		d.DB.Table("plan_uploads").Count(&kept)
		if actions != 100 || kept != 0 {
			t.Errorf("the real-sized import made %d actions (want 100) and left %d uploads (want none)", actions, kept)
		}
	})
}
