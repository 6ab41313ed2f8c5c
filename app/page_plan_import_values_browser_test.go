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
	"sendboard/models/planfile/layouttest"
)

// TestBrowserPlanImportValues: an admin uploads a 100-action workbook with a
// RAG column for each of 9 review periods in words, one of which the importer does not know; the
// preview lists it once, the admin says what it means, changes what
// "Delayed" becomes (In progress, Red), checks again and imports; the plan's
// actions carry those readings. axe finds no serious problem with the
// preview's words table.
func TestBrowserPlanImportValues(t *testing.T) {
	t.Parallel()
	x, err := layouttest.XLSX(layouttest.Tracker(100, 9, true))
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "tracker.xlsx")
	if err := os.WriteFile(path, x, 0o644); err != nil {
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
		b.do(chromedp.SetValue(chromedp.ID("pi-name"), "Tracker plan"),
			chromedp.SetValue(chromedp.ID("pi-type"), models.PlanPAP),
			chromedp.SetUploadFiles(chromedp.ID("pi-file"), []string{path}))
		if st := b.submit("Upload and check"); st != http.StatusUnprocessableEntity {
			t.Fatalf("upload: status %d, want 422 for the unknown word", st)
		}
		if n := b.eval(`String([...document.querySelectorAll('.sb-problems li')].filter(e => e.innerText.includes('"Paused"')).length)`); n != "1" {
			t.Errorf("Paused is listed %s times among the problems", n)
		}
		b.axe("plan import preview with status and RAG words")
		b.shot("plan-import-values")

		// Say what Paused means, and make Delayed red rather than amber.
		choose := func(word, part, value string) {
			t.Helper()
			js := `(() => { const row = [...document.querySelectorAll('#pi-values-table tbody tr')].find(r => r.querySelector('th').innerText.startsWith('“` + word + `”'));
				const s = row.querySelector('select[name$="_` + part + `"]'); s.value = '` + value + `';
				s.dispatchEvent(new Event('change', {bubbles: true})); return s.value })()`
			if got := b.eval(js); got != value {
				t.Fatalf("%s %s: select shows %q", word, part, got)
			}
		}
		choose("Paused", "status", "in_progress")
		choose("Paused", "rag", "red")
		choose("Delayed", "rag", "red")
		if st := b.submit("Check again"); st != http.StatusOK {
			t.Fatalf("check again: status %d", st)
		}
		if v := b.eval(`(() => { const row = [...document.querySelectorAll('#pi-values-table tbody tr')].find(r => r.querySelector('th').innerText.startsWith('“Delayed”'));
			return row.querySelector('select[name$="_rag"]').value + ' ' + row.querySelector('th').innerText })()`); !strings.HasPrefix(v, "red ") || !strings.Contains(v, "Changed") {
			t.Errorf("Delayed after checking again: %q", v)
		}
		if st := b.submit("Import plan"); st != http.StatusOK {
			t.Fatalf("import: status %d after the redirect", st)
		}
		if loc := b.eval(`location.pathname`); loc != "/plans/tracker-plan" {
			t.Fatalf("after the import the browser is at %s", loc)
		}
		if main := b.eval(`document.querySelector('main').innerText`); !strings.Contains(main, "Tracker plan") || !strings.Contains(main, "improve the local offer") {
			t.Errorf("the new plan's dashboard lacks its name or actions:\n%.800s", main)
		}
		b.shot("plan-import-values-dashboard")
		var rags []string
		d.DB.Table("actions").Joins("JOIN plans ON plans.id = actions.plan_id").Where("plans.slug = ? AND actions.status_text = ?", "tracker-plan", "Delayed").
			Order("actions.id").Pluck("actions.rag", &rags)
		if len(rags) != 25 || strings.Count(strings.Join(rags, ","), "red") != 25 {
			t.Errorf("the Delayed actions are rated %v", rags)
		}
	})
}
