package app_test

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/getkin/kin-openapi/openapi3"
	"github.com/getkin/kin-openapi/openapi3filter"
	"github.com/getkin/kin-openapi/routers"
	"github.com/getkin/kin-openapi/routers/gorillamux"

	"sendboard/app/apptest"
	"sendboard/models"
	"sendboard/models/modeltest"
	packs "sendboard/models/pack"
)

// contract checks real responses from the real router against the OpenAPI
// document, and records which operations were exercised.
type contract struct {
	doc    *openapi3.T
	router routers.Router
	seen   map[string]bool
}

func loadContract(t *testing.T, served []byte) *contract {
	t.Helper()
	onDisk, err := os.ReadFile("openapi.json")
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(served, onDisk) {
		t.Fatal("GET /api/v1/openapi.json does not serve app/openapi.json")
	}
	ctx := context.Background()
	doc, err := openapi3.NewLoader().LoadFromData(served)
	if err != nil {
		t.Fatalf("load spec: %v", err)
	}
	if err := doc.Validate(ctx); err != nil {
		t.Fatalf("spec is not a valid OpenAPI 3 document: %v", err)
	}
	r, err := gorillamux.NewRouter(doc)
	if err != nil {
		t.Fatalf("router: %v", err)
	}
	return &contract{doc: doc, router: r, seen: map[string]bool{}}
}

// validate checks one exchange. With requestOK the request must satisfy the
// spec too; without it the spec must refuse the request, as the server did.
func (k *contract) validate(method, target, reqBody string, rec *httptest.ResponseRecorder, requestOK bool) error {
	ctx := context.Background()
	var body io.Reader
	if reqBody != "" {
		body = strings.NewReader(reqBody)
	}
	req := httptest.NewRequest(method, target, body)
	req.Header.Set("Content-Type", "application/json")
	route, params, err := k.router.FindRoute(req)
	if err != nil {
		return err
	}
	k.seen[route.Operation.OperationID+" "+http.StatusText(rec.Code)] = true
	in := &openapi3filter.RequestValidationInput{Request: req, PathParams: params, Route: route,
		Options: &openapi3filter.Options{AuthenticationFunc: openapi3filter.NoopAuthenticationFunc}}
	rerr := openapi3filter.ValidateRequest(ctx, in)
	switch {
	case requestOK && rerr != nil:
		return rerr
	case !requestOK && rerr == nil:
		return fmt.Errorf("the spec accepts %s %s, which the server refused with %d", method, target, rec.Code)
	}
	return openapi3filter.ValidateResponse(ctx, &openapi3filter.ResponseValidationInput{
		RequestValidationInput: in, Status: rec.Code, Header: rec.Header(),
		Body:    io.NopCloser(bytes.NewReader(rec.Body.Bytes())),
		Options: &openapi3filter.Options{IncludeResponseStatus: true},
	})
}

func TestOpenAPIContract(t *testing.T) {
	t.Parallel()
	apptest.EachWithBenchmarks(t, func(t *testing.T, env *apptest.Env, d modeltest.DB) {
		viewer := env.SignIn(t, models.RoleViewer)
		// Raise flags (the plan's 2019 milestones have passed) so responses carry some.
		if _, err := models.RunFlags(context.Background(), d.DB, time.Now(), time.UTC, 90); err != nil {
			t.Fatal(err)
		}

		spec := env.API(nil, "GET", "/api/v1/openapi.json", "")
		if spec.Code != http.StatusOK {
			t.Fatalf("GET /api/v1/openapi.json = %d", spec.Code)
		}
		k := loadContract(t, spec.Body.Bytes())
		if err := k.validate("GET", "/api/v1/openapi.json", "", spec, true); err != nil {
			t.Errorf("the document does not match its own description: %v", err)
		}
		k.checkRoutesDocumented(t, env)

		// call sends a request and checks the answer has the status and matches the spec.
		call := func(c *apptest.Client, method, target, body string, want int, requestOK bool) *httptest.ResponseRecorder {
			t.Helper()
			rec := env.API(c, method, target, body)
			if rec.Code != want {
				t.Fatalf("%s %s = %d, want %d: %s", method, target, rec.Code, want, rec.Body)
			}
			if err := k.validate(method, target, body, rec, requestOK); err != nil {
				t.Errorf("%s %s (%d) does not match the spec: %v\n%s", method, target, rec.Code, err, rec.Body)
			}
			return rec
		}

		// Lists: first page (with next), the page it points to, filters.
		var page struct {
			Total int     `json:"total"`
			Next  *string `json:"next"`
		}
		decode(t, call(viewer, "GET", "/api/v1/actions", "", 200, true), &page)
		if page.Total != 60 || page.Next == nil {
			t.Fatalf("first page: total %d, next %v; want 60 and a cursor", page.Total, page.Next)
		}
		decode(t, call(viewer, "GET", "/api/v1/actions?after="+*page.Next, "", 200, true), &page)
		if page.Next != nil {
			t.Errorf("second page of 60 has next %q, want null", *page.Next)
		}
		decode(t, call(viewer, "GET", "/api/v1/actions?flag=any&limit=5", "", 200, true), &page)
		if page.Total == 0 || page.Next == nil {
			t.Fatalf("flag=any: total %d, next %v; want flagged actions over more than one page", page.Total, page.Next)
		}
		for _, q := range []string{"milestone=1&priority=1&limit=3", "status=not_started", "status=in_progress&rag=green",
			"rag=none", "flag=milestone_passed", "q=parent", "board=send-health-forum&lead=dco", "limit=200", "signoff=awaiting", "signoff=signed_off"} {
			call(viewer, "GET", "/api/v1/actions?"+q, "", 200, true)
		}
		// Details chosen for their blanks: 2.12 has no lead, 2.7 no board, 3.5 no aim.
		for _, n := range []string{"1.2", "1.10", "2.12", "2.7", "3.5"} {
			call(viewer, "GET", "/api/v1/actions/"+n, "", 200, true)
		}
		call(viewer, "GET", "/api/v1/boards", "", 200, true)
		call(viewer, "GET", "/api/v1/leads", "", 200, true)
		var kpis struct {
			KPIs []struct{ Code string } `json:"kpis"`
		}
		decode(t, call(viewer, "GET", "/api/v1/kpis", "", 200, true), &kpis)
		if len(kpis.KPIs) == 0 {
			t.Fatal("no KPIs")
		}
		for _, kp := range kpis.KPIs {
			call(viewer, "GET", "/api/v1/kpis/"+kp.Code+"/figures", "", 200, true)
		}
		call(viewer, "GET", "/api/v1/kpis/sendiass.initial_enquiries/figures?history=true", "", 200, true)

		// Errors: the server and the spec both refuse bad filters.
		for _, q := range []string{"status=bogus", "limit=500", "limit=0", "rag=purple", "after=x", "milestone=two", "signoff=maybe"} {
			call(viewer, "GET", "/api/v1/actions?"+q, "", 400, false)
		}
		call(viewer, "GET", "/api/v1/actions/9.99", "", 404, true)
		call(viewer, "GET", "/api/v1/kpis/no.such.kpi/figures", "", 404, true)
		call(nil, "GET", "/api/v1/actions", "", 401, true)
		call(nil, "GET", "/api/v1/kpis", "", 401, true)
		bad := &apptest.Client{Token: "sbt_not-a-real-token"}
		call(bad, "GET", "/api/v1/actions/1.2", "", 401, true)

		k.checkProgress(t, env, call)
		k.checkSignOff(t, env, call)
		k.checkPacks(t, env, call)
		k.checkRounds(t, env, call)
		k.checkBenchmarks(t, env, call)
		k.checkKPIAdmin(t, env, call)
		k.checkPlans(t, env, call)
		k.checkRisks(t, env, call)
		k.checkDecisions(t, env, call)
		k.checkHighlights(t, env, call)
		k.checkMeetings(t, env, call)
		k.checkUsers(t, env, call)
		k.checkCoverage(t)
	})
}

func decode(t *testing.T, rec *httptest.ResponseRecorder, v any) {
	t.Helper()
	if err := json.Unmarshal(rec.Body.Bytes(), v); err != nil {
		t.Fatalf("decode %s: %v", rec.Body, err)
	}
}

// notYetDocumented lists /api/v1 routes that are still being built elsewhere;
// a route must leave this list when app/openapi.json describes it.
var notYetDocumented = map[string]string{}

// checkRoutesDocumented fails for any /api/v1 route the spec does not describe,
// so the document cannot fall behind the route table.
func (k *contract) checkRoutesDocumented(t *testing.T, env *apptest.Env) {
	t.Helper()
	for _, r := range env.E.Routes() {
		// Echo lists its per-group not-found handlers as routes too.
		if !strings.HasPrefix(r.Path, "/api/v1/") || strings.HasSuffix(r.Path, "*") {
			continue
		}
		item := k.doc.Paths.Find(specPath(r.Path))
		documented := item != nil && item.GetOperation(r.Method) != nil
		why, pending := notYetDocumented[r.Method+" "+r.Path]
		switch {
		case !documented && !pending:
			t.Errorf("route %s %s is not in app/openapi.json", r.Method, r.Path)
		case documented && pending:
			t.Errorf("route %s %s is documented now: remove it from notYetDocumented (%s)", r.Method, r.Path, why)
		}
	}
}

// specPath turns Echo's /actions/:number into OpenAPI's /actions/{number}.
func specPath(p string) string {
	parts := strings.Split(p, "/")
	for i, s := range parts {
		if name, ok := strings.CutPrefix(s, ":"); ok {
			parts[i] = "{" + name + "}"
		}
	}
	return strings.Join(parts, "/")
}

type caller func(c *apptest.Client, method, target, body string, want int, requestOK bool) *httptest.ResponseRecorder

// checkProgress validates every answer of the write endpoint: 400 (refused by the
// server only, and by both), 401, 403, 201 and 409.
func (k *contract) checkProgress(t *testing.T, env *apptest.Env, call caller) {
	t.Helper()
	const target = "/api/v1/actions/1.2/updates"
	dco := env.SignIn(t, models.RoleLead, "DCO")
	var act struct {
		Version int `json:"version"`
	}
	decode(t, call(dco, "GET", "/api/v1/actions/1.2", "", 200, true), &act)
	body := func(version int, status, rag, evidence string) string {
		b, _ := json.Marshal(map[string]any{"narrative": "Sessions held with two more teams.", "status": status,
			"rag": rag, "evidence": evidence, "evidence_url": "", "version": version, "date": time.Now().Format(time.DateOnly)})
		return string(b)
	}
	call(dco, "POST", target, body(act.Version, "complete", "blue", ""), 400, true) // complete needs evidence
	call(dco, "POST", target, body(act.Version, "in_progress", "purple", ""), 400, false)
	call(nil, "POST", target, body(act.Version, "in_progress", "amber", ""), 401, true)
	call(env.SignIn(t, models.RoleViewer), "POST", target, body(act.Version, "in_progress", "amber", ""), 403, true)
	other := env.SignIn(t, models.RoleLead, "Communications Officer") // leads 2.7, not 1.2
	call(other, "POST", target, body(act.Version, "in_progress", "amber", ""), 403, true)
	call(dco, "POST", target, body(act.Version, "in_progress", "amber", ""), 201, true)
	call(dco, "POST", target, body(act.Version, "in_progress", "green", ""), 409, true) // stale version
	padded := strings.Replace(body(act.Version+1, "in_progress", "green", ""), "{", "{"+strings.Repeat(" ", 1<<20), 1)
	call(dco, "POST", target, padded, 413, true)
}

// checkCoverage insists every documented operation was seen succeeding and the
// main errors were seen, so a new endpoint cannot slip past this test.
func (k *contract) checkCoverage(t *testing.T) {
	t.Helper()
	for _, item := range k.doc.Paths.Map() {
		for _, op := range item.Operations() {
			var ok bool
			for status := range op.Responses.Map() {
				if code, err := strconv.Atoi(status); err == nil && code/100 == 2 {
					ok = ok || k.seen[op.OperationID+" "+http.StatusText(code)]
				}
			}
			if !ok {
				t.Errorf("operation %s was never exercised successfully", op.OperationID)
			}
		}
	}
	for _, want := range []string{"listActions Bad Request", "getAction Not Found", "listActions Unauthorized", "createUpdate Request Entity Too Large"} {
		if !k.seen[want] {
			t.Errorf("%s was never checked", want)
		}
	}
}

// TestOpenAPIContractCatchesDrift shows the validator is not a rubber stamp: a
// real list response with a field removed, renamed or mistyped is refused.
func TestOpenAPIContractCatchesDrift(t *testing.T) {
	t.Parallel()
	env := apptest.SQLite(t)
	viewer := env.SignIn(t, models.RoleViewer)
	k := loadContract(t, env.API(nil, "GET", "/api/v1/openapi.json", "").Body.Bytes())
	got := env.API(viewer, "GET", "/api/v1/actions?limit=2", "")
	if err := k.validate("GET", "/api/v1/actions?limit=2", "", got, true); err != nil {
		t.Fatalf("real response refused: %v", err)
	}
	mutations := map[string]func(m map[string]any){
		"total removed":        func(m map[string]any) { delete(m, "total") },
		"unknown field":        func(m map[string]any) { m["count"] = 2 },
		"number not a string":  func(m map[string]any) { first(m)["number"] = 1.2 },
		"status outside enum":  func(m map[string]any) { first(m)["status"] = "done" },
		"due not YYYY-MM":      func(m map[string]any) { first(m)["milestone"].(map[string]any)["due"] = "July 2019" },
		"boards null":          func(m map[string]any) { first(m)["boards"] = nil },
		"updated_at not dated": func(m map[string]any) { first(m)["updated_at"] = "yesterday" },
	}
	for name, mutate := range mutations {
		var m map[string]any
		if err := json.Unmarshal(got.Body.Bytes(), &m); err != nil {
			t.Fatal(err)
		}
		mutate(m)
		b, _ := json.Marshal(m)
		rec := httptest.NewRecorder()
		rec.Header().Set("Content-Type", "application/json")
		rec.Code = http.StatusOK
		rec.Body = bytes.NewBuffer(b)
		if err := k.validate("GET", "/api/v1/actions?limit=2", "", rec, true); err == nil {
			t.Errorf("%s: the spec accepted %s", name, b)
		}
	}
}

func first(m map[string]any) map[string]any {
	return m["actions"].([]any)[0].(map[string]any)
}

// checkPacks exercises the packs API against the OpenAPI document: refused
// (403, 400), created (201), listed and downloaded in every format.
func (k *contract) checkPacks(t *testing.T, env *apptest.Env, call caller) {
	t.Helper()
	viewer := env.SignIn(t, models.RoleViewer)
	member := env.SignInBoard(t, "SEND Improvement Board")
	call(viewer, "POST", "/api/v1/packs", `{"board":"all","quarter":"2024-25 Q4"}`, 403, true)
	call(member, "POST", "/api/v1/packs", `{"board":"nowhere","quarter":"2024-25 Q4"}`, 400, true)
	call(member, "POST", "/api/v1/packs", `{"board":"send-improvement-board","quarter":"2024-25"}`, 400, true)
	call(member, "POST", "/api/v1/packs", `{"board":"all","quarter":"2024-25 Q4"}`, 403, true) // the whole plan's is an admin's
	var created struct {
		ID int `json:"id"`
	}
	env.PrintPDF(t) // every format's download is in the contract
	decode(t, call(member, "POST", "/api/v1/packs", `{"board":"send-improvement-board","quarter":"2024-25 Q4"}`, 201, true), &created)
	call(member, "POST", "/api/v1/packs", `{"board":"send-improvement-board","quarter":"2024-25 Q4","plan":"dorset-wsoa-2019"}`, 201, true)
	call(member, "POST", "/api/v1/packs", `{"board":"send-improvement-board","quarter":"2024-25 Q4","plan":"no-such-plan"}`, 400, true)
	call(member, "POST", "/api/v1/packs", `{"board":"send-improvement-board","quarter":"2024-25 Q4","plan":7}`, 400, false)
	call(viewer, "GET", "/api/v1/packs", "", 200, true)
	base := "/api/v1/packs/" + strconv.Itoa(created.ID) + "/"
	for _, f := range packs.Formats {
		call(viewer, "GET", base+f, "", 200, true)
	}
	call(viewer, "GET", "/api/v1/packs/999999/pdf", "", 404, true)
	call(viewer, "GET", base+"docx", "", 404, false)
	call(nil, "GET", "/api/v1/packs", "", 401, true)
}
