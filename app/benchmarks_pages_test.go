package app_test

import (
	"context"
	"net/http"
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

// maxBenchmarkQueries bounds the statements of a measure's page, including the
// session lookup, whatever the number of authorities imported.
const maxBenchmarkQueries = 10

func TestBenchmarkPages(t *testing.T) {
	t.Parallel()
	apptest.EachWithBenchmarks(t, func(t *testing.T, env *apptest.Env, d modeltest.DB) {
		viewer := env.SignIn(t, models.RoleViewer)
		rec := env.Get(viewer, "/benchmarks")
		body := rec.Body.String()
		if rec.Code != http.StatusOK || !strings.Contains(body, "DfE benchmarks for Dorset") || !strings.Contains(body, "Better than England") ||
			!strings.Contains(body, "Dorset (Pre LG)") || !strings.Contains(body, `href="/benchmarks/SEN_EHC_All_20wks"`) {
			t.Fatalf("/benchmarks: %d %s", rec.Code, snippet(body))
		}
		rec = env.Get(viewer, "/benchmarks/SEN_EHC_All_20wks")
		body = rec.Body.String()
		for _, want := range []string{"<svg", `role="img"`, "2024: Dorset&#39;s 49.1% is better than England (45.9%).",
			"better than South West (31.0%)", "Ranked 1st of 11 among Dorset", "National quarter not shown",
			"Dorset&#39;s figures for 2016, 2017, 2018 are those of Dorset (Pre LG) (LA 835)", "North Yorkshire", "<th scope=\"row\" class=\"govuk-table__header\">2024</th>"} {
			if !strings.Contains(body, want) {
				t.Errorf("measure page lacks %q", want)
			}
		}
		if rec := env.Get(viewer, "/benchmarks/SEN_EHC_All_20wks?la=x1"); rec.Code != http.StatusBadRequest {
			t.Errorf("?la=x1: %d", rec.Code)
		}
		if rec := env.Get(viewer, "/benchmarks/NOPE"); rec.Code != http.StatusNotFound {
			t.Errorf("unknown measure: %d", rec.Code)
		}
		// An admin links the measure to action 3.6 and to a KPI; both show on the page.
		admin := env.SignIn(t, models.RoleAdmin)
		if rec := env.PostForm(admin, "/benchmarks/SEN_EHC_All_20wks/links", map[string][]string{"kind": {"action"}, "action": {"3.6"}}); rec.Code != http.StatusSeeOther {
			t.Fatalf("link action: %d %s", rec.Code, snippet(rec.Body.String()))
		}
		if rec := env.PostForm(admin, "/benchmarks/SEN_EHC_All_20wks/links", map[string][]string{"kind": {"kpi"}, "kpi": {"sendiass.initial_enquiries"}}); rec.Code != http.StatusSeeOther {
			t.Fatalf("link kpi: %d", rec.Code)
		}
		if rec := env.PostForm(admin, "/benchmarks/SEN_EHC_All_20wks/links", map[string][]string{"kind": {"action"}, "action": {"9.9"}}); rec.Code != http.StatusBadRequest {
			t.Errorf("link unknown action: %d", rec.Code)
		}
		body = env.Get(viewer, "/benchmarks/SEN_EHC_All_20wks").Body.String()
		if !strings.Contains(body, `href="/actions/3.6"`) || !strings.Contains(body, `href="/kpis#kpi-sendiass.initial_enquiries"`) {
			t.Errorf("links not shown")
		}
		if rec := env.PostForm(viewer, "/benchmarks/SEN_EHC_All_20wks/links", map[string][]string{"kind": {"action"}, "action": {"3.6"}}); rec.Code != http.StatusForbidden {
			t.Errorf("viewer links: %d", rec.Code)
		}
		// A plan's own LA number overrides SENDBOARD_LA_CODE; ?la= overrides both.
		if err := d.DB.Model(&models.Plan{}).Where("1 = 1").Update("la_code", "933").Error; err != nil {
			t.Fatal(err)
		}
		if b := env.API(viewer, "GET", "/api/v1/benchmarks/SEN_EHC_All_20wks", "").Body.String(); !strings.Contains(b, `"la":{"code":"933","name":"Somerset"}`) {
			t.Errorf("plan la_code not used: %s", snippet(b))
		}
		if b := env.API(viewer, "GET", "/api/v1/benchmarks/SEN_EHC_All_20wks?la=838", "").Body.String(); !strings.Contains(b, `"la":{"code":"838","name":"Dorset"}`) {
			t.Errorf("?la= does not override the plan: %s", snippet(b))
		}
	})
}

// TestBenchmarkPageQueries: with every authority of the shipped file imported
// (153 of them), a measure's page and its API twin stay within a fixed,
// small number of statements, the same as with the seeded 14 areas.
func TestBenchmarkPageQueries(t *testing.T) {
	t.Parallel()
	dir := modeltest.BenchmarkDir(t)
	apptest.EachWithBenchmarks(t, func(t *testing.T, env *apptest.Env, d modeltest.DB) {
		c := env.SignIn(t, models.RoleViewer)
		counter := modeltest.CountQueries(d.DB)
		count := func(path string, api bool) int64 {
			get := func() int {
				if api {
					return env.API(c, "GET", path, "").Code
				}
				return env.Get(c, path).Code
			}
			get()
			counter.Reset()
			if code := get(); code != http.StatusOK {
				t.Fatalf("GET %s = %d", path, code)
			}
			return counter.N()
		}
		paths := []struct {
			p   string
			api bool
		}{{"/benchmarks/SEN_EHC_All_20wks", false}, {"/api/v1/benchmarks/SEN_EHC_All_20wks", true}, {"/benchmarks", false}}
		small := map[string]int64{}
		for _, p := range paths {
			small[p.p] = count(p.p, p.api)
		}
		// Every authority's figures for the measure shown (the page reads no
		// other measure), as the shipped file gives them.
		for _, f := range []string{"la_codes.csv", "statistical_neighbours_may_2025.csv", "lait_send_measures.csv"} {
			body, err := os.ReadFile(filepath.Join(dir, f))
			if err != nil {
				t.Fatal(err)
			}
			if f == "lait_send_measures.csv" {
				lines := strings.SplitAfter(string(body), "\n")
				keep := lines[0]
				for _, l := range lines[1:] {
					if strings.HasPrefix(l, "SEN_EHC_All_20wks,") {
						keep += l
					}
				}
				body = []byte(keep)
			}
			if _, err := measure.ImportBenchmark(context.Background(), d.DB, f, body, time.Now()); err != nil {
				t.Fatal(err)
			}
		}
		var las int64
		d.DB.Model(&measure.BenchmarkValue{}).Where("area_code < 970").Distinct("area_code").Count(&las)
		if las < 153 {
			t.Fatalf("%d authorities imported", las)
		}
		for _, p := range paths {
			n := count(p.p, p.api)
			t.Logf("%s GET %s: %d statements with 14 areas, %d with %d authorities", d.Name, p.p, small[p.p], n, las)
			if n != small[p.p] || n > maxBenchmarkQueries {
				t.Errorf("GET %s: %d statements with 14 areas, %d with all; want the same and at most %d", p.p, small[p.p], n, maxBenchmarkQueries)
			}
		}
		body := env.Get(c, "/benchmarks/SEN_EHC_All_20wks").Body.String()
		if !strings.Contains(body, "Nationally, in the") {
			t.Errorf("national quarter missing with every authority loaded")
		}
	})
}

// TestBrowserBenchmarkPage opens a measure's page in Chromium: axe-clean, no
// sideways scroll at 320px, and the chart has its table beside it.
func TestBrowserBenchmarkPage(t *testing.T) {
	t.Parallel()
	browser := startBrowser(t)
	onSQLite(t, apptest.SeededWithBenchmarks, func(t *testing.T, env *apptest.Env, d modeltest.DB) {
		srv := env.Serve(t)
		viewer := env.SignIn(t, models.RoleViewer)
		b := &tab{t: t, base: srv.URL, ctx: newTab(t, browser)}
		b.navigate("/login")
		b.signIn(viewer.User.Email)
		b.navigate("/benchmarks")
		b.review("benchmarks")
		b.navigate("/benchmarks/SEN_EHC_All_20wks")
		b.mustHave(`svg[role="img"][aria-labelledby]`)
		if n := b.eval(`String(document.querySelectorAll('main table.govuk-table tbody tr').length)`); n != "18" {
			t.Errorf("%s table rows, want 9 years in each of two tables", n)
		}
		b.review("benchmark-measure")
	})
}
