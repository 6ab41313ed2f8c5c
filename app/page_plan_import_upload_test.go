package app_test

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"html"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"
	"time"

	"sendboard/app/apptest"
	"sendboard/models"
	"sendboard/models/jobrun"
	"sendboard/models/modeltest"
	"sendboard/models/planimport"
)

var uploadRe = regexp.MustCompile(`<input type="hidden" name="upload" value="([0-9a-f]{32})">`)

// previewForm is the preview page's form as the browser would post it back.
func previewForm(t *testing.T, page string) url.Values {
	t.Helper()
	form := url.Values{}
	for _, m := range hiddenRe.FindAllStringSubmatch(page, -1) {
		if m[1] != "_csrf" {
			form.Set(m[1], html.UnescapeString(m[2]))
		}
	}
	if form.Get("upload") == "" {
		t.Fatalf("the preview carries no upload id:\n%s", page)
	}
	return form
}

func keptUploads(t *testing.T, d modeltest.DB) []planimport.Upload {
	t.Helper()
	var ups []planimport.Upload
	if err := d.DB.Order("created_at").Find(&ups).Error; err != nil {
		t.Fatal(err)
	}
	return ups
}

// A real-sized workbook (120 actions, over 50 KB) goes through the page: the
// server keeps it and the forms carry only its id; only its uploader may use
// it; the confirmation imports the bytes previewed even with another file
// posted beside the id, the audit names their SHA-256, and the upload goes.
func TestPlanImportKeepsTheUploadOnTheServer(t *testing.T) {
	t.Parallel()
	file := planWorkbook(t, 120)
	sum := sha256.Sum256(file)
	hash := hex.EncodeToString(sum[:])
	apptest.Each(t, func(t *testing.T, env *apptest.Env, d modeltest.DB) {
		admin := env.SignIn(t, models.RoleAdmin)
		rec := uploadPlan(t, env, admin, "eastshire.xlsx", file,
			map[string]string{"name": "Eastshire PAP", "type": models.PlanPAP, "step": "preview"})
		page := rec.Body.String()
		if rec.Code != http.StatusOK || !strings.Contains(page, `id="pi-rows">120<`) {
			t.Fatalf("preview of a %d-byte workbook: %d\n%s", len(file), rec.Code, page)
		}
		if strings.Contains(page, `name="data"`) || len(page) > len(file) {
			t.Errorf("the preview (%d bytes) carries the file back", len(page))
		}
		id := uploadRe.FindStringSubmatch(page)
		ups := keptUploads(t, d)
		if id == nil || len(ups) != 1 || ups[0].ID != id[1] || ups[0].UserID != admin.User.ID || ups[0].SHA256 != hash ||
			ups[0].Size != len(file) || ups[0].FileName != "eastshire.xlsx" || !ups[0].ExpiresAt.Equal(ups[0].CreatedAt.Add(24*time.Hour)) {
			t.Fatalf("kept uploads %+v for the form's id %v", ups, id)
		}
		form := previewForm(t, page)
		form.Set("name", "Eastshire PAP")
		form.Set("type", models.PlanPAP)

		// Another admin cannot preview or import it.
		other := env.SignIn(t, models.RoleAdmin)
		for _, step := range []string{"preview", "import"} {
			form.Set("step", step)
			if rec := env.PostForm(other, "/plans/import", form); rec.Code != http.StatusForbidden {
				t.Errorf("another admin's %s of the upload: %d", step, rec.Code)
			}
		}
		if n := len(keptUploads(t, d)); n != 1 {
			t.Fatalf("%d uploads kept after another admin's attempts, want 1", n)
		}

		// Confirm with a different file posted beside the id: the kept one is imported.
		fields := map[string]string{"step": "import"}
		for k := range form {
			fields[k] = form.Get(k)
		}
		fields["step"] = "import"
		rec = uploadPlan(t, env, admin, "other.csv", planFile(t, "semicolon_bom.csv"), fields)
		if rec.Code != http.StatusSeeOther || rec.Header().Get("Location") != "/plans/eastshire-pap" {
			t.Fatalf("import: %d %s\n%s", rec.Code, rec.Header().Get("Location"), rec.Body)
		}
		var p models.Plan
		if err := d.DB.Where("slug = ?", "eastshire-pap").Take(&p).Error; err != nil {
			t.Fatal(err)
		}
		var actions int64
		d.DB.Model(&models.Action{}).Where("plan_id = ?", p.ID).Count(&actions)
		var audited, source string
		d.DB.Raw("SELECT after_value FROM audit_log WHERE kind = 'plan_import' AND field = 'sha256' AND plan_id = ?", p.ID).Scan(&audited)
		d.DB.Raw("SELECT after_value FROM audit_log WHERE kind = 'plan_import' AND field = 'source' AND plan_id = ?", p.ID).Scan(&source)
		if actions != 120 || audited != hash || source != "eastshire.xlsx" {
			t.Errorf("imported %d actions (want the previewed 120); audit sha256 %q source %q, want %s of eastshire.xlsx", actions, audited, source, hash)
		}
		if n := len(keptUploads(t, d)); n != 0 {
			t.Errorf("%d uploads kept after the import, want none", n)
		}
	})
}

// An upload is kept for a day: after that the page says to upload it again,
// and housekeeping deletes it while keeping a younger one.
func TestPlanImportUploadExpiresAndIsCleaned(t *testing.T) {
	t.Parallel()
	apptest.Each(t, func(t *testing.T, env *apptest.Env, d modeltest.DB) {
		now := time.Date(2026, 12, 2, 10, 0, 0, 0, time.UTC)
		env.App.Now = func() time.Time { return now }
		admin := env.SignIn(t, models.RoleAdmin)
		rec := uploadPlan(t, env, admin, "northshire.csv", planFile(t, "semicolon_bom.csv"),
			map[string]string{"name": "Northshire plan", "type": models.PlanOther, "step": "preview"})
		if rec.Code != http.StatusOK {
			t.Fatalf("preview: %d", rec.Code)
		}
		form := previewForm(t, rec.Body.String())
		form.Set("name", "Northshire plan")
		form.Set("type", models.PlanOther)
		form.Set("step", "import")

		now = now.Add(24*time.Hour + time.Minute)
		young := uploadPlan(t, env, admin, "young.csv", planFile(t, "semicolon_bom.csv"),
			map[string]string{"name": "Young plan", "type": models.PlanOther, "step": "preview"})
		if young.Code != http.StatusOK {
			t.Fatalf("second preview: %d", young.Code)
		}
		rec = env.PostForm(admin, "/plans/import", form)
		if body := rec.Body.String(); rec.Code != http.StatusUnprocessableEntity || !strings.Contains(body, "no longer kept") ||
			!strings.Contains(body, `type="file"`) {
			t.Fatalf("import of an expired upload: %d\n%s", rec.Code, body)
		}
		var plans int64
		d.DB.Model(&models.Plan{}).Where("slug = ?", "northshire-plan").Count(&plans)
		if plans != 0 {
			t.Fatal("an expired upload was imported")
		}
		run, err := env.App.RunJob(context.Background(), "housekeeping", "test", nil)
		if err != nil || run.Outcome != jobrun.OutcomeOK || !strings.Contains(run.Summary, "and 1 expired plan upload") {
			t.Fatalf("housekeeping: %+v %v", run, err)
		}
		ups := keptUploads(t, d)
		if len(ups) != 1 || ups[0].FileName != "young.csv" {
			t.Fatalf("kept after housekeeping: %+v, want the young upload alone", ups)
		}
		// The model's own purge, at a pinned time: the young one goes a day after it came.
		n, err := planimport.PurgeExpiredUploads(context.Background(), d.DB, now.Add(24*time.Hour))
		if err != nil || n != 1 {
			t.Fatalf("purge a day later: %d %v", n, err)
		}
	})
}

// A file over a bound is refused before it is parsed, the page naming the
// bound, and is not kept; a NUL in a cell is a problem with its row and
// column; long cells make a short preview; an admin keeps a few uploads at
// most; one file is read at a time, and one read too slowly is stopped, the
// page saying so.
func TestPlanImportRefusalsSayWhy(t *testing.T) {
	t.Parallel()
	apptest.Each(t, func(t *testing.T, env *apptest.Env, d modeltest.DB) {
		admin := env.SignIn(t, models.RoleAdmin)
		post := func(name string, data []byte) (int, string) {
			rec := uploadPlan(t, env, admin, name, data, map[string]string{"name": "Hostile", "type": models.PlanOther, "step": "preview"})
			return rec.Code, html.UnescapeString(rec.Body.String())
		}
		if code, body := post("merged.xlsx", mergedWorkbook(t, 5_001)); code != http.StatusUnprocessableEntity ||
			!strings.Contains(body, "over the limit on merged ranges") || !strings.Contains(body, "has 5001 merged ranges; the limit is 5000") {
			t.Errorf("a sheet of 5,001 merged ranges: %d\n%s", code, body)
		}
		if n := len(keptUploads(t, d)); n != 0 {
			t.Errorf("%d refused uploads kept", n)
		}
		if code, body := post("nul.csv", []byte("Ref,Action,Lead\n1.1,Train\x00 SENCOs,DCO\n")); code != http.StatusUnprocessableEntity ||
			!strings.Contains(body, "row 2, Action: contains characters that are not valid text (a NUL character)") {
			t.Errorf("a NUL in a cell: %d\n%s", code, body)
		}
		// Long cells, each under the bound, make a short preview: the page
		// shows the start of each.
		long := []byte("Ref,Action,Lead\n")
		for i := range 100 {
			long = fmt.Appendf(long, "1.%d,%s,DCO\n", i+1, strings.Repeat("Train SENCOs ", 1_500))
		}
		if code, body := post("long.csv", long); code != http.StatusOK || len(body) > 100<<10 ||
			!strings.Contains(body, `id="pi-rows">100<`) || !strings.Contains(body, "more characters)") {
			t.Errorf("a file of %d bytes of long cells: %d, a preview of %d bytes", len(long), code, len(body))
		}
		// An admin keeps at most a few uploads: the oldest make room.
		for range planimport.MaxUploadsPerUser + 2 {
			post("again.csv", planFile(t, "semicolon_bom.csv"))
		}
		if n := len(keptUploads(t, d)); n != planimport.MaxUploadsPerUser {
			t.Errorf("%d uploads kept for one admin, want %d", n, planimport.MaxUploadsPerUser)
		}
		// One file is read at a time: while another is, the page waits, then says so.
		gate := planimport.NewGate(300 * time.Millisecond)
		env.App.PlanImportGate = gate
		reading, release, done := make(chan struct{}), make(chan struct{}), make(chan error)
		go func() {
			done <- gate.Do(context.Background(), func(context.Context) error { close(reading); <-release; return nil })
		}()
		<-reading
		code, body := post("waits.csv", planFile(t, "semicolon_bom.csv"))
		close(release)
		if err := <-done; err != nil {
			t.Fatal(err)
		}
		if code != http.StatusUnprocessableEntity || !strings.Contains(body, "Another plan file is being read and did not finish within 300ms") {
			t.Errorf("a read while another runs: %d\n%s", code, body)
		}
		env.App.PlanImportGate = planimport.NewGate(time.Nanosecond)
		if code, body := post("slow.csv", planFile(t, "semicolon_bom.csv")); code != http.StatusUnprocessableEntity ||
			!strings.Contains(body, "Reading the file took longer than the 1ns limit") {
			t.Errorf("a read past its deadline: %d\n%s", code, body)
		}
	})
}
