package app_test

import (
	"net/http"
	"net/url"
	"strings"
	"testing"

	"sendboard/app/apptest"
	"sendboard/models"
	"sendboard/models/modeltest"
)

// TestKPIAdminAndCommentary: an admin's bad form shows every error at once with
// the input kept; a good one saves and is judged; the seeded response-time KPI
// (30% against 90%) is off track and its owner's role holder comments.
func TestKPIAdminAndCommentary(t *testing.T) {
	t.Parallel()
	apptest.EachWithBenchmarks(t, func(t *testing.T, env *apptest.Env, d modeltest.DB) {
		admin := env.SignIn(t, models.RoleAdmin)
		if rec := env.Get(admin, "/kpis/new"); rec.Code != http.StatusOK || !strings.Contains(rec.Body.String(), `name="targets"`) {
			t.Fatalf("/kpis/new: %d", rec.Code)
		}
		bad := url.Values{"code": {"Bad Code"}, "name": {""}, "unit": {"percent"}, "decimals": {"x"}, "direction": {"up"},
			"period_type": {"financial_quarter"}, "targets": {"2025-26 Q1: 90\nsoon: 95"}, "source": {"Kept text"}}
		rec := env.PostForm(admin, "/kpis/new", bad)
		body := rec.Body.String()
		if rec.Code != http.StatusBadRequest || !strings.Contains(body, "<title>Error: ") {
			t.Fatalf("bad form: %d", rec.Code)
		}
		for _, want := range []string{`href="#k-code"`, `href="#k-name"`, `href="#k-decimals"`, "Line 2:", `value="Kept text"`, "soon: 95"} {
			if !strings.Contains(body, want) {
				t.Errorf("bad form lacks %q", want)
			}
		}
		good := url.Values{"code": {"local.ehcp_20wk"}, "name": {"EHC plans within 20 weeks"}, "unit": {"percent"}, "decimals": {"1"},
			"direction": {"up"}, "period_type": {"financial_year"}, "baseline_value": {"49.1"}, "baseline_period": {"2024-25"},
			"targets": {"2026-27: 65"}, "tolerance": {"5"}, "owner_role": {"DCO"}, "benchmark_measure": {"SEN_EHC_All_20wks"}}
		if rec := env.PostForm(admin, "/kpis/new", good); rec.Code != http.StatusSeeOther {
			t.Fatalf("good form: %d %s", rec.Code, snippet(rec.Body.String()))
		}
		page := env.Get(admin, "/kpis").Body.String()
		for _, want := range []string{`id="kpi-local.ehcp_20wk"`, "49.1% in 2024-25", `href="/benchmarks/SEN_EHC_All_20wks"`, "2026-27 65.0%",
			"Scorecard", `href="/kpis/template.csv"`, "<code>sendiass.initial_enquiries</code>", "Initial enquiries: quarterly figures", "Initial enquiries: whole-year figures"} {
			if !strings.Contains(page, want) {
				t.Errorf("/kpis lacks %q", want)
			}
		}
		if i, j := strings.Index(page, "Scorecard"), strings.Index(page, `id="kpi-sendiass.initial_enquiries"`); i < 0 || j < i {
			t.Errorf("the scorecard is not first")
		}
		// The seeded 2 working days KPI is red: 30% against 90%.
		section := page[strings.Index(page, `id="kpi-sendiass.response_within_2_days_pct"`):]
		if !strings.Contains(section[:strings.Index(section, "</section>")], "Off track since") {
			t.Errorf("seeded red figure shows no exception")
		}
		csv := env.Get(admin, "/kpis/template.csv")
		if csv.Code != http.StatusOK || !strings.HasPrefix(csv.Body.String(), "kpi,period,value,commentary\n") || !strings.Contains(csv.Body.String(), "local.ehcp_20wk,2025-26,,") {
			t.Errorf("template: %d %q", csv.Code, csv.Body.String())
		}
		// The owner role's holder is asked for commentary; another lead is not.
		owner := env.SignIn(t, models.RoleLead, "DCO")
		if rec := env.PostForm(admin, "/kpis/sendiass.response_within_2_days_pct/edit", url.Values{"name": {"Response within 2 working days"},
			"unit": {"percent"}, "decimals": {"1"}, "direction": {"up"}, "period_type": {"financial_quarter"}, "target_min": {"90"},
			"target_text": {"90%"}, "owner_role": {"DCO"}, "tolerance": {"0"}}); rec.Code != http.StatusSeeOther {
			t.Fatalf("edit: %d %s", rec.Code, snippet(rec.Body.String()))
		}
		other := env.SignIn(t, models.RoleLead, "Strategic Lead Manager Learning Disability")
		if rec := env.PostForm(other, "/kpis/sendiass.response_within_2_days_pct/commentary", url.Values{"commentary": {"x"}}); rec.Code != http.StatusForbidden {
			t.Errorf("another lead: %d", rec.Code)
		}
		if rec := env.PostForm(owner, "/kpis/sendiass.response_within_2_days_pct/commentary", url.Values{"commentary": {""}}); rec.Code != http.StatusBadRequest ||
			!strings.Contains(rec.Body.String(), "govuk-error-summary") {
			t.Errorf("empty commentary: %d", rec.Code)
		}
		if rec := env.PostForm(owner, "/kpis/sendiass.response_within_2_days_pct/commentary", url.Values{"commentary": {"Triage officer starts in May."}}); rec.Code != http.StatusSeeOther {
			t.Fatalf("owner commentary: %d %s", rec.Code, snippet(rec.Body.String()))
		}
		if b := env.Get(owner, "/kpis").Body.String(); !strings.Contains(b, "Owner's commentary: Triage officer starts in May.") || !strings.Contains(b, "Owner&#39;s commentary (off track): Triage officer starts in May.") {
			t.Errorf("commentary not shown beside the figure")
		}
	})
}
