package app_test

import (
	"bytes"
	"html"
	"mime/multipart"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"sendboard/app/apptest"
	"sendboard/models"
	"sendboard/models/modeltest"
	"sendboard/models/planfile"
)

func planFile(t testing.TB, name string) []byte {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("..", "models", "planfile", "testdata", name))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// uploadPlan posts the import form with a file, as the browser does.
func uploadPlan(t *testing.T, env *apptest.Env, c *apptest.Client, name string, data []byte, fields map[string]string) *httptest.ResponseRecorder {
	t.Helper()
	var body bytes.Buffer
	w := multipart.NewWriter(&body)
	fields["_csrf"] = apptest.CSRF(c)
	for k, v := range fields {
		if err := w.WriteField(k, v); err != nil {
			t.Fatal(err)
		}
	}
	fw, err := w.CreateFormFile("file", name)
	if err != nil {
		t.Fatal(err)
	}
	fw.Write(data)
	w.Close()
	req := httptest.NewRequest(http.MethodPost, "/plans/import", &body)
	req.Header.Set("Content-Type", w.FormDataContentType())
	return env.Do(c, req)
}

var hiddenRe = regexp.MustCompile(`<input type="hidden" name="([a-z_]+)" value="([^"]*)">`)

func TestPlanImportPageUploadPreviewConfirmExport(t *testing.T) {
	t.Parallel()
	apptest.Each(t, func(t *testing.T, env *apptest.Env, d modeltest.DB) {
		admin := env.SignIn(t, models.RoleAdmin)
		if rec := env.Get(admin, "/plans/import"); rec.Code != http.StatusOK || !strings.Contains(rec.Body.String(), `type="file"`) ||
			rec.Header().Get("Cache-Control") != "no-store" {
			t.Fatalf("GET /plans/import: %d %q", rec.Code, rec.Header().Get("Cache-Control"))
		}
		rec := uploadPlan(t, env, admin, "northshire.csv", planFile(t, "semicolon_bom.csv"),
			map[string]string{"name": "Northshire plan", "type": models.PlanImprovementPlan, "step": "preview"})
		page := rec.Body.String()
		if rec.Code != http.StatusOK || !strings.Contains(page, "Check the import") || !strings.Contains(page, `id="pi-rows">5<`) ||
			!strings.Contains(page, "<li>Head of SEND Statutory Services</li>") || !strings.Contains(page, "<li>Health, Care and Wellbeing Board</li>") {
			t.Fatalf("preview: %d\n%s", rec.Code, page)
		}
		// The detected mapping shows as selected columns: Progress update is column 10.
		if !regexp.MustCompile(`name="map_progress"><option value="">Not in this file</option>(<option value="#\d+">[^<]*</option>)*<option value="#10" selected>Column 10: Progress update</option>`).MatchString(page) {
			t.Errorf("progress is not shown mapped to column 10")
		}
		var before int64
		d.DB.Model(&models.Plan{}).Count(&before)

		// Confirm with one column changed: no Progress column, so no progress updates.
		form := url.Values{}
		for _, m := range hiddenRe.FindAllStringSubmatch(page, -1) {
			if m[1] != "_csrf" {
				form.Set(m[1], html.UnescapeString(m[2]))
			}
		}
		for _, f := range planfile.Fields {
			form.Set("map_"+string(f), "")
		}
		for f, col := range map[string]string{"ref": "#1", "area": "#2", "action": "#3", "lead": "#4", "sro": "#5", "due": "#6",
			"board": "#7", "status": "#8", "rag": "#9", "impact_measure": "#11"} {
			form.Set("map_"+f, col)
		}
		form.Set("name", "Northshire plan")
		form.Set("type", models.PlanImprovementPlan)
		form.Set("step", "import")
		rec = env.PostForm(admin, "/plans/import", form)
		if rec.Code != http.StatusSeeOther || rec.Header().Get("Location") != "/plans/northshire-plan" {
			t.Fatalf("import: %d %s\n%s", rec.Code, rec.Header().Get("Location"), rec.Body)
		}
		var p models.Plan
		if err := d.DB.Where("slug = ?", "northshire-plan").Take(&p).Error; err != nil {
			t.Fatal(err)
		}
		var actions, updates int64
		d.DB.Model(&models.Action{}).Where("plan_id = ?", p.ID).Count(&actions)
		d.DB.Model(&models.ProgressUpdate{}).Where("action_id IN (SELECT id FROM actions WHERE plan_id = ?)", p.ID).Count(&updates)
		if actions != 5 || updates != 0 || p.Type != models.PlanImprovementPlan {
			t.Errorf("stored %d actions, %d updates, type %s", actions, updates, p.Type)
		}

		// The upload went with its import: confirming again imports nothing.
		rec = env.PostForm(admin, "/plans/import", form)
		if rec.Code != http.StatusUnprocessableEntity || !strings.Contains(rec.Body.String(), "no longer kept") {
			t.Errorf("second confirmation of one upload: %d", rec.Code)
		}
		// The same file again: the name is refused, the preview stays.
		rec = uploadPlan(t, env, admin, "northshire.csv", planFile(t, "semicolon_bom.csv"),
			map[string]string{"name": "Northshire plan", "type": models.PlanImprovementPlan, "step": "preview"})
		if rec.Code != http.StatusUnprocessableEntity || !strings.Contains(rec.Body.String(), "already exists") ||
			!strings.Contains(rec.Body.String(), `id="pi-rows">5<`) {
			t.Errorf("second import: %d", rec.Code)
		}

		// A bad file: every problem listed, nothing stored.
		rec = uploadPlan(t, env, admin, "bad.csv", planFile(t, "bad.csv"),
			map[string]string{"name": "Bad plan", "type": models.PlanOther, "step": "import"})
		if body := rec.Body.String(); rec.Code != http.StatusUnprocessableEntity || !strings.Contains(body, "<li>row 4, Due date: 31/02/2025 is not a date</li>") ||
			!strings.Contains(body, "<li>row 3, Action: empty</li>") || strings.Contains(body, `value="import"`) {
			t.Errorf("bad file: %d\n%s", rec.Code, body)
		}
		var after int64
		d.DB.Model(&models.Plan{}).Count(&after)
		if after != before+1 {
			t.Errorf("%d plans after, want %d", after, before+1)
		}
		if rec := uploadPlan(t, env, admin, "x.csv", []byte("nothing useful\n"), map[string]string{"name": "X", "type": "other"}); rec.Code != http.StatusUnprocessableEntity ||
			!strings.Contains(rec.Body.String(), "no header row") {
			t.Errorf("unreadable file: %d", rec.Code)
		}

		// Export, in both formats; it reads back as the plan.
		viewer := env.SignIn(t, models.RoleViewer)
		for _, f := range []string{"", "csv"} {
			rec := env.Get(viewer, "/plans/northshire-plan/export?format="+f)
			if rec.Code != http.StatusOK || !strings.Contains(rec.Header().Get("Content-Disposition"), "northshire-plan.") {
				t.Fatalf("export %q: %d %v", f, rec.Code, rec.Header())
			}
			res, err := planfile.Parse(rec.Body.Bytes(), planfile.Options{})
			if err != nil || res.Err() != nil || len(res.Plan.Actions) != 5 {
				t.Errorf("export %q reads back: %v %v", f, err, res.Err())
			}
		}
		if rec := env.Get(viewer, "/plans/northshire-plan/export?format=pdf"); rec.Code != http.StatusBadRequest {
			t.Errorf("export as pdf: %d", rec.Code)
		}
		if rec := env.Get(viewer, "/plans/nope/export"); rec.Code != http.StatusNotFound {
			t.Errorf("export of an unknown plan: %d", rec.Code)
		}
		if rec := uploadPlan(t, env, viewer, "n.csv", planFile(t, "semicolon_bom.csv"), map[string]string{"name": "V", "type": "other", "step": "import"}); rec.Code != http.StatusForbidden {
			t.Errorf("a viewer's upload: %d", rec.Code)
		}
	})
}
