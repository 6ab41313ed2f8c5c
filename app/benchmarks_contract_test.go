package app_test

import (
	"bytes"
	"encoding/json"
	"testing"

	"sendboard/app/apptest"
	"sendboard/models"
	"sendboard/models/measure"
)

// checkBenchmarks exercises the benchmark API against the spec, and checks the
// JSON carries exactly the documented keys, with null for a missing figure.
func (k *contract) checkBenchmarks(t *testing.T, env *apptest.Env, call caller) {
	viewer := env.SignIn(t, models.RoleViewer)
	var list struct {
		Measures []struct{ Measure string } `json:"measures"`
	}
	decode(t, call(viewer, "GET", "/api/v1/benchmarks", "", 200, true), &list)
	if len(list.Measures) != 76 {
		t.Errorf("%d seeded measures, want 76", len(list.Measures))
	}
	rec := call(viewer, "GET", "/api/v1/benchmarks/SEN_EHC_All_20wks", "", 200, true)
	var raw map[string]json.RawMessage
	decode(t, rec, &raw)
	if len(raw) != 8 || string(raw["measure"]) != `"SEN_EHC_All_20wks"` || string(raw["la"]) != `{"code":"838","name":"Dorset"}` {
		t.Errorf("body keys/la: %s", rec.Body.String()[:200])
	}
	// 2016: Dorset's figure is 835's (1.9); 2019 onward 838's. A "-" is null.
	if !bytes.Contains(rec.Body.Bytes(), []byte(`{"period":"2016","la":1.9,"england":55.7,"region":59.1,`)) ||
		!bytes.Contains(rec.Body.Bytes(), []byte(`{"period":"2020","la":79.9,`)) {
		t.Errorf("series: %s", rec.Body)
	}
	// 835 "Dorset (Pre LG)" has "-" for the appeal rate in 2016.
	rec = call(viewer, "GET", "/api/v1/benchmarks/SEN_AppealableDec?la=835", "", 200, true)
	if !bytes.Contains(rec.Body.Bytes(), []byte(`{"period":"2016","la":null,"england":`)) {
		t.Errorf("a \"-\" figure is not null: %s", rec.Body)
	}
	call(viewer, "GET", "/api/v1/benchmarks/SEN_EHC_All_20wks?la=933", "", 200, true)
	call(viewer, "GET", "/api/v1/benchmarks/SEN_EHC_All_20wks?la=abc", "", 400, false)
	call(viewer, "GET", "/api/v1/benchmarks/SEN_EHC_All_20wks?la=123", "", 400, true)
	call(viewer, "GET", "/api/v1/benchmarks/NO_SUCH", "", 404, true)
	call(nil, "GET", "/api/v1/benchmarks", "", 401, true)
}

// checkKPIAdmin adds and edits a KPI through the API against the spec.
func (k *contract) checkKPIAdmin(t *testing.T, env *apptest.Env, call caller) {
	admin := env.SignIn(t, models.RoleAdmin)
	body := `{"code":"test.ehcp_20wk","name":"EHC plans within 20 weeks","unit":"percent","direction":"up","period_type":"calendar_year",` +
		`"decimals":1,"baseline_value":49.1,"baseline_period":"2024-25","tolerance":5,"owner_role":"DCO","source":"DfE SEN2",` +
		`"benchmark_measure":"SEN_EHC_All_20wks","targets":[{"period":"2026-27","target_min":65}]}`
	var saved struct {
		KPI     measure.KPI         `json:"kpi"`
		Targets []measure.KPITarget `json:"targets"`
	}
	decode(t, call(admin, "POST", "/api/v1/kpis", body, 201, true), &saved)
	if saved.KPI.Decimals != 1 || saved.KPI.Tolerance != 5 || len(saved.Targets) != 1 || saved.Targets[0].Period != "2026-27" {
		t.Errorf("saved %+v", saved)
	}
	call(admin, "POST", "/api/v1/kpis", body, 400, true) // the code exists
	call(admin, "PUT", "/api/v1/kpis/test.ehcp_20wk", `{"name":"EHC plans within 20 weeks","unit":"percent","direction":"up","period_type":"calendar_year","decimals":1}`, 200, true)
	call(admin, "PUT", "/api/v1/kpis/test.ehcp_20wk", `{"name":"X","unit":"furlongs","direction":"up","period_type":"calendar_year"}`, 400, false)
	rec := call(admin, "PUT", "/api/v1/kpis/test.ehcp_20wk", `{"name":"","unit":"count","direction":"up","period_type":"calendar_year","decimals":9}`, 400, true)
	if !bytes.Contains(rec.Body.Bytes(), []byte(`"field":"name"`)) {
		t.Errorf("first field in error: %s", rec.Body)
	}
	call(admin, "PUT", "/api/v1/kpis/no.such", `{"name":"x"}`, 404, true)
	call(env.SignIn(t, models.RoleBoard), "POST", "/api/v1/kpis", body, 403, true)
}
