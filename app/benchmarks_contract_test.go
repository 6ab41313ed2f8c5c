package app_test

import (
	"bytes"
	"encoding/json"
	"testing"

	"sendboard/app/apptest"
	"sendboard/models"
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
