package app_test

import (
	"context"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"sendboard/app/apptest"
	"sendboard/models"
	"sendboard/models/measure"
	"sendboard/models/modeltest"
)

// measurePage is a DfE measure's page: the seeded figures have it, and its
// national quarter shows only once every authority's figures are imported.
const measurePage = "/benchmarks/SEN_EHC_All_20wks"

// measuresReads are the KPI and benchmark pages, with and without ?la=.
var measuresReads = []string{"/kpis", "/benchmarks", "/benchmarks?la=933", measurePage, measurePage + "?la=838"}

// Once warm, the KPI and benchmark pages cost no SQL on PostgreSQL with the
// listener up and one statement (the revisions) on SQLite, for a viewer and
// for an administrator, whose pages have forms; other spellings of the same
// page, and parameters the pages do not read, share the entry.
func TestMeasuresPagesStatements(t *testing.T) {
	t.Parallel()
	apptest.EachWith(t, twoPlans, func(t *testing.T, env *apptest.Env, d modeltest.DB) {
		want := int64(1)
		if d.Name == "postgres" {
			listen(t, env, d.DSN)
			want = 0
		}
		counter := modeltest.CountQueries(env.DB.DB)
		for _, c := range []*apptest.Client{env.SignIn(t, models.RoleViewer), env.SignIn(t, models.RoleAdmin)} {
			for _, path := range measuresReads {
				for range 2 { // the page, then the session's first use from memory
					mustStatus(t, env.Get(c, path), http.StatusOK, path)
				}
				counter.Reset()
				mustStatus(t, env.Get(c, path), http.StatusOK, path)
				if n := counter.N(); n != want {
					t.Errorf("%s, %s: a warm GET %s ran %d statements, want %d", d.Name, c.User.Role, path, n, want)
				}
			}
			for _, path := range []string{"/benchmarks?la=0933", "/kpis?utm_source=mail", measurePage + "?la=838&utm_source=mail"} {
				counter.Reset()
				mustStatus(t, env.Get(c, path), http.StatusOK, path)
				if n := counter.N(); n != want {
					t.Errorf("%s, %s: GET %s ran %d statements: it did not share its page's entry", d.Name, c.User.Role, path, n)
				}
			}
		}
	})
}

// Each write that changes what the KPI and benchmark pages show is on the
// next request: a figure uploaded through the page, a KPI renamed with new
// targets through the API, commentary, a link to the second plan's action,
// that action's impact measure and DfE's figures changed as the command
// line changes them. Text in several scripts comes back from memory as it
// was written, byte for byte.
func TestMeasuresPagesFollowWrites(t *testing.T) {
	t.Parallel()
	dir := modeltest.BenchmarkDir(t)
	apptest.EachWith(t, twoPlans, func(t *testing.T, env *apptest.Env, d modeltest.DB) {
		if d.Name == "postgres" {
			listen(t, env, d.DSN)
		}
		viewer, admin := env.SignIn(t, models.RoleViewer), env.SignIn(t, models.RoleAdmin)
		for _, path := range measuresReads {
			env.Get(viewer, path)
			env.Get(viewer, path)
		}
		// shows checks the next GET of path and that the copy kept is the same.
		shows := func(what, path, want string) {
			t.Helper()
			body := mustStatus(t, env.Get(viewer, path), http.StatusOK, path)
			if !strings.Contains(body, want) {
				t.Errorf("%s: the next GET %s lacks %q", what, path, want)
			}
			if again := env.Get(viewer, path).Body.String(); again != body {
				t.Errorf("%s: GET %s from memory differs from the page built", what, path)
			}
		}

		csv := "kpi,period,value,commentary\nsendiass.initial_enquiries,2025-26 Q2,4321,Cynnydd ŵ: Łódź ≥ 3 → ı\n"
		mustStatus(t, upload(t, env, admin, "q2.csv", csv), http.StatusOK, "upload")
		shows("a figure uploaded", "/kpis", "Cynnydd ŵ: Łódź ≥ 3 → ı")
		shows("a figure uploaded", "/kpis", `<td class="govuk-table__cell govuk-table__cell--numeric">4321</td>`)

		const name = "Ymholiadau ŵ: Łódź ı ≥ 5 → 6"
		body := `{"name":"` + name + `","unit":"count","direction":"up","period_type":"financial_quarter","decimals":0,` +
			`"benchmark_measure":"SEN_EHC_All_20wks","targets":[{"period":"2025-26 Q2","target_min":4000}]}`
		if rec := env.API(admin, "PUT", "/api/v1/kpis/sendiass.initial_enquiries", body); rec.Code != http.StatusOK {
			t.Fatalf("PUT KPI = %d: %s", rec.Code, rec.Body.String())
		}
		shows("a KPI renamed", "/kpis", `<h2 class="govuk-heading-m" id="kpi-sendiass.initial_enquiries">`+name+`</h2>`)
		shows("a target set", "/kpis", "by period: 2025-26 Q2 4000")
		shows("a KPI linked to the measure", measurePage, `href="/kpis#kpi-sendiass.initial_enquiries">`+name+`</a>`)

		const note = "Swyddog ŵ yn dechrau ≥ Mai → Łódź ı"
		if rec := env.PostForm(admin, "/kpis/sendiass.response_within_2_days_pct/commentary", url.Values{"commentary": {note}}); rec.Code != http.StatusSeeOther {
			t.Fatalf("commentary = %d: %s", rec.Code, snippet(rec.Body.String()))
		}
		shows("commentary", "/kpis", "Owner's commentary: "+note)

		link := url.Values{"kind": {"action"}, "plan": {secondSlug}, "action": {"1.3"}}
		if rec := env.PostForm(admin, measurePage+"/links", link); rec.Code != http.StatusSeeOther {
			t.Fatalf("link = %d: %s", rec.Code, snippet(rec.Body.String()))
		}
		for _, path := range []string{measurePage, measurePage + "?la=838"} {
			shows("the second plan's action linked", path, `href="`+secondBase+`/actions/1.3"`)
		}

		// Written beside the app, as the command line writes.
		const impact = "Arolwg ŵ ≥ 80% → Łódź ı"
		if err := d.DB.Exec("UPDATE actions SET impact_measure = ? WHERE number = '1.3' AND plan_id = (SELECT id FROM plans WHERE slug = ?)",
			impact, secondSlug).Error; err != nil {
			t.Fatal(err)
		}
		eventually(t, d, "the linked action's impact measure", measurePage, viewer, env, "impact measure "+impact)
		for _, f := range []string{"la_codes.csv", "statistical_neighbours_may_2025.csv", "lait_send_measures.csv"} {
			file, err := os.ReadFile(filepath.Join(dir, f))
			if err != nil {
				t.Fatal(err)
			}
			if _, err := measure.ImportBenchmark(context.Background(), d.DB, f, file, time.Now()); err != nil {
				t.Fatal(err)
			}
		}
		eventually(t, d, "DfE's figures for every authority imported", measurePage, viewer, env, "Nationally, in the")
	})
}

// eventually checks that a write made beside the app shows on path: on
// SQLite at the next request, which reads the revisions; on PostgreSQL once
// the notification, sent at commit, has arrived, within seconds.
func eventually(t *testing.T, d modeltest.DB, what, path string, c *apptest.Client, env *apptest.Env, want string) {
	t.Helper()
	deadline := time.Now().Add(5 * time.Second)
	for !strings.Contains(mustStatus(t, env.Get(c, path), http.StatusOK, path), want) {
		if d.Name != "postgres" || time.Now().After(deadline) {
			t.Errorf("%s: GET %s lacks %q", what, path, want)
			return
		}
		time.Sleep(10 * time.Millisecond)
	}
}
