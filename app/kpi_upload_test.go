package app_test

import (
	"bytes"
	"context"
	"fmt"
	"mime/multipart"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"sendboard/app/apptest"
	"sendboard/models"
	"sendboard/models/measure"
	"sendboard/models/modeltest"
)

// goodCSV and goodJSON are the same two SENDIASS figures as a file of each format.
const goodCSV = "kpi,period,value,commentary\n" +
	"sendiass.initial_enquiries,2025-26 Q1,371,\n" +
	"sendiass.response_within_5_days_pct,2025-26 Q1,72.5,Triage officer now in post\n"

const goodJSON = `{"figures":[{"kpi":"sendiass.initial_enquiries","period":"2025-26 Q1","value":371,"commentary":""},
{"kpi":"sendiass.response_within_5_days_pct","period":"2025-26 Q1","value":72.5,"commentary":"Triage officer now in post"}]}`

// An upload over the size limit is refused with the limit in words people
// use, and nothing is imported.
func TestKPIUploadLimitInHumanUnits(t *testing.T) {
	t.Parallel()
	apptest.Each(t, func(t *testing.T, env *apptest.Env, d modeltest.DB) {
		admin := env.SignIn(t, models.RoleAdmin)
		var before int64
		d.DB.Model(&measure.KPIFigure{}).Count(&before)
		big := "kpi,period,value\n" + strings.Repeat("sendiass.initial_enquiries,2025-26 Q1,1\n", (10<<20)/40+1)
		body := upload(t, env, admin, "big.csv", big).Body.String()
		if !strings.Contains(body, "larger than the 10 MiB limit; nothing was imported") || strings.Contains(body, "10485760") {
			t.Errorf("the size error is not in human units:\n%s", snippet(body))
		}
		var after int64
		d.DB.Model(&measure.KPIFigure{}).Count(&after)
		if after != before {
			t.Fatalf("an oversized upload stored %d figures", after-before)
		}
	})
}

// upload posts a file to /kpis/import as a browser would.
func upload(t *testing.T, env *apptest.Env, c *apptest.Client, name, content string) *httptest.ResponseRecorder {
	t.Helper()
	var buf bytes.Buffer
	w := multipart.NewWriter(&buf)
	w.WriteField("_csrf", apptest.CSRF(c))
	fw, _ := w.CreateFormFile("file", name)
	fw.Write([]byte(content))
	w.Close()
	req := httptest.NewRequest(http.MethodPost, "/kpis/import", &buf)
	req.Header.Set("Content-Type", w.FormDataContentType())
	return env.Do(c, req)
}

func TestKPIUploadAndHistory(t *testing.T) {
	t.Parallel()
	apptest.Each(t, func(t *testing.T, env *apptest.Env, d modeltest.DB) {
		admin := env.SignIn(t, models.RoleAdmin)
		viewer := env.SignIn(t, models.RoleViewer)
		if body := env.Get(viewer, "/kpis").Body.String(); strings.Contains(body, `action="/kpis/import"`) ||
			!strings.Contains(body, "No SENDIASS feed is configured") {
			t.Fatalf("a viewer sees the upload form or no feed status:\n%s", snippet(body))
		}
		if !strings.Contains(env.Get(admin, "/kpis").Body.String(), `enctype="multipart/form-data"`) {
			t.Fatal("the admin sees no upload form")
		}
		if rec := upload(t, env, viewer, "f.csv", goodCSV); rec.Code != http.StatusForbidden {
			t.Fatalf("viewer upload: %d", rec.Code)
		}

		bad := "kpi,period,value\nsendiass.initial_enquiries,2025-26 Q1,371\nnope,2025-26 Q1,1\nsendiass.initial_enquiries,2025-26,x\n"
		rec := upload(t, env, admin, "bad.csv", bad)
		body := rec.Body.String()
		if rec.Code != http.StatusUnprocessableEntity || !strings.Contains(body, "2 bad rows: nothing was imported") ||
			!strings.Contains(body, "Line 3: kpi: &#34;nope&#34; is not a known KPI code") || !strings.Contains(body, "Line 4: value") {
			t.Fatalf("bad upload: %d\n%s", rec.Code, body)
		}
		var n int64
		d.DB.Model(&measure.KPIFigure{}).Where("period = ?", "2025-26 Q1").Count(&n)
		if n != 0 {
			t.Fatal("a refused upload stored figures")
		}

		rec = upload(t, env, admin, "good.json", goodJSON)
		if rec.Code != http.StatusOK || !strings.Contains(rec.Body.String(), "Imported good.json: 2 figures applied (2 new, 0 revised)") {
			t.Fatalf("good upload: %d\n%s", rec.Code, rec.Body.String())
		}
		upload(t, env, admin, "fix.csv", "kpi,period,value\nsendiass.initial_enquiries,2025-26 Q1,380\n")
		body = env.Get(viewer, "/kpis").Body.String()
		if !strings.Contains(body, "380 <span class=\"govuk-body-s\">(revision 2; was 371)</span>") {
			t.Fatalf("/kpis does not show the old value:\n%s", body)
		}

		// A successful pull is shown with its date.
		src := "https://feed.example.test/kpis.csv"
		at := time.Date(2025, 7, 20, 6, 30, 0, 0, time.UTC)
		measure.SaveFeedState(context.Background(), d.DB, &measure.FeedState{Source: src, LastSuccessAt: &at, LastCheckedAt: &at})
		if body := env.Get(viewer, "/kpis").Body.String(); !strings.Contains(body, "last pulled from the SENDIASS feed on <strong>20 July 2025</strong>") {
			t.Fatalf("/kpis does not show the last pull:\n%s", snippet(body))
		}
	})
}

// manyBadRows is a feed of n rows that all name an unknown KPI, with a long
// commentary-free code so each reason is sizeable.
func manyBadRows(n int) string {
	var b strings.Builder
	b.WriteString("kpi,period,value,commentary\n")
	for i := range n {
		fmt.Fprintf(&b, "sendiass.no_such_kpi_%d,2025-26 Q1,1,\n", i)
	}
	return b.String()
}

// An upload with thousands of bad rows lists the first 100 and the count, and
// the page stays small.
func TestKPIUploadReportIsBounded(t *testing.T) {
	t.Parallel()
	apptest.Each(t, func(t *testing.T, env *apptest.Env, d modeltest.DB) {
		admin := env.SignIn(t, models.RoleAdmin)
		rec := upload(t, env, admin, "bad.csv", manyBadRows(20_000))
		body := rec.Body.String()
		if rec.Code != http.StatusUnprocessableEntity || !strings.Contains(body, "20000 bad rows") ||
			!strings.Contains(body, "The first 100 are listed") || !strings.Contains(body, "the other 19900") {
			t.Fatalf("upload: %d\n%s", rec.Code, snippet(body))
		}
		if n := strings.Count(body, "is not a known KPI code"); n != measure.MaxReportedRows {
			t.Fatalf("the page lists %d bad rows, want %d", n, measure.MaxReportedRows)
		}
		if !strings.Contains(body, "Line 2:") || !strings.Contains(body, "Line 101:") || strings.Contains(body, "Line 102:") {
			t.Fatal("the listed rows are not the first 100")
		}
		if len(body) > 200<<10 {
			t.Fatalf("the page is %d bytes", len(body))
		}
	})
}

// The template from /kpis/template.csv uploads as downloaded: every row is
// blank, skipped and counted, and nothing is refused.
func TestKPITemplateUploadsAsDownloaded(t *testing.T) {
	t.Parallel()
	apptest.Each(t, func(t *testing.T, env *apptest.Env, d modeltest.DB) {
		admin := env.SignIn(t, models.RoleAdmin)
		tmpl := env.Get(admin, "/kpis/template.csv")
		rows := strings.Count(tmpl.Body.String(), "\n") - 1
		if tmpl.Code != http.StatusOK || rows < 1 {
			t.Fatalf("template: %d\n%s", tmpl.Code, tmpl.Body)
		}
		rec := upload(t, env, admin, "kpi-template.csv", tmpl.Body.String())
		want := fmt.Sprintf("Imported kpi-template.csv: 0 figures applied (0 new, 0 revised), 0 unchanged, %d rows without a value skipped.", rows)
		if rec.Code != http.StatusOK || !strings.Contains(rec.Body.String(), want) {
			t.Fatalf("template upload: %d, want %q\n%s", rec.Code, want, snippet(rec.Body.String()))
		}
	})
}
