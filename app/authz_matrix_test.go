package app_test

import (
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"sendboard/app/apptest"
	"sendboard/models"
	"sendboard/models/modeltest"
)

// writeRoute is one write route and which callers may use it.
type writeRoute struct {
	method, path string // concrete path
	pattern      string // as registered with Echo
	form         url.Values
	json         string
	allowed      map[string]bool // caller name -> allowed
}

// callers of the matrix: each role, plus a lead who does not lead action 1.2
// and a board member of a board that does not govern it ("board" sits on the
// SEND Improvement Board, which governs 1.2).
var callers = []string{"viewer", "lead-of-1.2", "other-lead", "board", "board-elsewhere", "admin"}

func allow(names ...string) map[string]bool {
	m := map[string]bool{}
	for _, n := range names {
		m[n] = true
	}
	return m
}

func writeRoutes() []writeRoute {
	progress := url.Values{"narrative": {"Matrix check"}, "status": {"in_progress"}, "rag": {"amber"}, "version": {"1"}}
	return []writeRoute{
		{method: "POST", path: "/actions/1.2/updates", pattern: "/actions/:number/updates", form: progress, allowed: allow("lead-of-1.2", "admin")},
		{method: "POST", path: "/actions/1.2/comments", pattern: "/actions/:number/comments", form: url.Values{"body": {"A comment"}}, allowed: allow("board", "admin")},
		{method: "POST", path: "/actions/1.2/signoff", pattern: "/actions/:number/signoff", form: url.Values{"version": {"1"}}, allowed: allow("board", "admin")},
		{method: "POST", path: "/actions/1.2/edit", pattern: "/actions/:number/edit", form: url.Values{"action": {"x"}, "version": {"1"}}, allowed: allow("admin")},
		{method: "POST", path: "/users", pattern: "/users", form: url.Values{"email": {"new@example.test"}, "name": {"New"}, "role": {"viewer"}}, allowed: allow("admin")},
		{method: "POST", path: "/users/999999", pattern: "/users/:id", form: url.Values{"name": {"X"}, "role": {"viewer"}}, allowed: allow("admin")},
		{method: "POST", path: "/users/999999/disable", pattern: "/users/:id/disable", form: url.Values{}, allowed: allow("admin")},
		{method: "POST", path: "/users/999999/enable", pattern: "/users/:id/enable", form: url.Values{}, allowed: allow("admin")},
		{method: "POST", path: "/users/999999/password", pattern: "/users/:id/password", form: url.Values{}, allowed: allow("admin")},
		{method: "POST", path: "/users/999999/invite", pattern: "/users/:id/invite", form: url.Values{}, allowed: allow("admin")},
		{method: "POST", path: "/users/999999/approve", pattern: "/users/:id/approve", form: url.Values{"role": {"viewer"}}, allowed: allow("admin")},
		{method: "POST", path: "/users/999999/refuse", pattern: "/users/:id/refuse", form: url.Values{}, allowed: allow("admin")},
		{method: "POST", path: "/account/password", pattern: "/account/password", form: url.Values{"current_password": {"not it at all"}, "new_password": {"a new long passphrase"}, "confirm_password": {"a new long passphrase"}}, allowed: allow(callers...)},
		{method: "POST", path: "/account/tokens", pattern: "/account/tokens", form: url.Values{"name": {"script"}}, allowed: allow(callers...)},
		{method: "POST", path: "/account/tokens/999999/revoke", pattern: "/account/tokens/:id/revoke", form: url.Values{}, allowed: allow(callers...)},
		{method: "POST", path: "/api/v1/actions/1.2/updates", pattern: "/api/v1/actions/:number/updates",
			json: `{"narrative":"Matrix","status":"in_progress","rag":"amber","version":1}`, allowed: allow("lead-of-1.2", "admin")},
		{method: "POST", path: "/api/v1/users", pattern: "/api/v1/users",
			json: `{"email":"api-new@example.test","name":"New","role":"viewer"}`, allowed: allow("admin")},
		{method: "POST", path: "/api/v1/users/999999/approve", pattern: "/api/v1/users/:id/approve",
			json: `{"role":"viewer"}`, allowed: allow("admin")},
		{method: "POST", path: "/api/v1/users/999999/refuse", pattern: "/api/v1/users/:id/refuse", json: `{}`, allowed: allow("admin")},
		{method: "POST", path: "/api/v1/actions/1.2/signoff", pattern: "/api/v1/actions/:number/signoff",
			json: `{"meeting_date":"2025-01-22","minute":"7.3"}`, allowed: allow("board", "admin")},
	}
}

// extraWriteRoutes are checked by their own packages' tests; listed here so the
// completeness check below knows about them.
// The emailed password links are public (the token is the credential):
// password_link_test.go checks them.
var extraWriteRoutes = map[string]bool{"POST /login": true, "POST /logout": true,
	"POST /password/forgot": true, "POST /password/:token": true}

// TestEveryWriteRouteIsInTheMatrix fails when a write route is added without an
// authorisation expectation.
func TestEveryWriteRouteIsInTheMatrix(t *testing.T) {
	t.Parallel()
	env := apptest.SQLite(t)
	known := map[string]bool{}
	for _, r := range writeRoutes() {
		known[r.method+" "+r.pattern] = true
	}
	for _, r := range append(append(append(dataMatrixRoutes(), planMatrixRoutes()...), riskMatrixRoutes(1)...), highlightMatrixRoutes()...) {
		known[r.method+" "+r.pattern] = true
	}
	for _, r := range env.E.Routes() {
		if r.Method == http.MethodGet || r.Method == http.MethodHead || r.Method == "echo_route_not_found" {
			continue
		}
		key := r.Method + " " + r.Path
		if !known[key] && !extraWriteRoutes[key] {
			t.Errorf("write route %s has no row in the authorisation matrix", key)
		}
	}
}

func TestAuthorisationMatrix(t *testing.T) {
	t.Parallel()
	apptest.EachWithBenchmarks(t, func(t *testing.T, env *apptest.Env, d modeltest.DB) {
		checkMatrix(t, env, matrixClients(t, env), append(append(writeRoutes(), dataMatrixRoutes()...), planMatrixRoutes()...), http.StatusInternalServerError)
	})
}

// matrixClients signs in one client per caller of the matrix.
func matrixClients(t *testing.T, env *apptest.Env) map[string]*apptest.Client {
	t.Helper()
	return map[string]*apptest.Client{
		"viewer":          env.SignIn(t, models.RoleViewer),
		"lead-of-1.2":     env.SignIn(t, models.RoleLead, "DCO"),
		"other-lead":      env.SignIn(t, models.RoleLead, "SEND Quality Assurance Officer"),
		"board":           env.SignInBoard(t, "SEND Improvement Board"),
		"board-elsewhere": env.SignInBoard(t, "SEND Health Forum"),
		"admin":           env.SignIn(t, models.RoleAdmin),
	}
}

// checkMatrix sends every route as every caller: an allowed caller must not
// be refused (401, 403) nor get a status from refusedFrom up; any other
// caller must get 403; someone signed out 401 from the API, a redirect to
// sign in from a page.
func checkMatrix(t *testing.T, env *apptest.Env, clients map[string]*apptest.Client, routes []writeRoute, refusedFrom int) {
	t.Helper()
	for _, r := range routes {
		for _, name := range callers {
			rec := send(env, clients[name], r)
			denied := rec.Code == http.StatusForbidden
			if r.allowed[name] && (denied || rec.Code == http.StatusUnauthorized || rec.Code >= refusedFrom) {
				t.Errorf("%s %s as %s: got %d, want allowed\n%s", r.method, r.path, name, rec.Code, snippet(rec.Body.String()))
			}
			if !r.allowed[name] && !denied {
				t.Errorf("%s %s as %s: got %d, want 403", r.method, r.path, name, rec.Code)
			}
		}
		anon := send(env, nil, r)
		if r.json != "" {
			if anon.Code != http.StatusUnauthorized {
				t.Errorf("%s %s anonymous: got %d, want 401", r.method, r.path, anon.Code)
			}
		} else if anon.Code != http.StatusSeeOther || !strings.HasPrefix(anon.Header().Get("Location"), "/login") {
			t.Errorf("%s %s anonymous: got %d %q, want a redirect to /login", r.method, r.path, anon.Code, anon.Header().Get("Location"))
		}
	}
}

func send(env *apptest.Env, c *apptest.Client, r writeRoute) *httpResult {
	if r.json != "" {
		return (*httpResult)(env.API(c, r.method, r.path, r.json))
	}
	return (*httpResult)(env.PostForm(c, r.path, r.form))
}

func TestFormWithoutCSRFTokenIsRefused(t *testing.T) {
	t.Parallel()
	apptest.Each(t, func(t *testing.T, env *apptest.Env, d modeltest.DB) {
		lead := env.SignIn(t, models.RoleLead, "DCO")
		form := url.Values{"narrative": {"Forged"}, "status": {"in_progress"}, "rag": {"green"}, "version": {"1"}}
		rec := env.PostFormRaw(lead, "/actions/1.2/updates", form, true) // cookie but no field
		if rec.Code != http.StatusForbidden {
			t.Fatalf("no _csrf field: got %d, want 403", rec.Code)
		}
		form.Set("_csrf", "some-other-token")
		if rec := env.PostFormRaw(lead, "/actions/1.2/updates", form, true); rec.Code != http.StatusForbidden {
			t.Fatalf("wrong _csrf: got %d, want 403", rec.Code)
		}
		var n int64
		d.DB.Model(&models.ProgressUpdate{}).Where("narrative = ?", "Forged").Count(&n)
		if n != 0 {
			t.Fatalf("a forged form saved %d updates", n)
		}
	})
}

// dataMatrixRoutes holds the rows for packs, jobs, KPIs, benchmarks and plan
// import, and the round rows.
func dataMatrixRoutes() []writeRoute {
	return append([]writeRoute{
		// The whole plan's pack shows every board's actions: admins only, as
		// no seeded board governs every action of the plan.
		{method: "POST", path: "/packs", pattern: "/packs", form: url.Values{"board": {"all"}, "quarter": {"2024-25 Q4"}}, allowed: allow("admin")},
		{method: "POST", path: "/api/v1/packs", pattern: "/api/v1/packs", json: `{"board":"all","quarter":"2024-25 Q4"}`, allowed: allow("admin")},
		// A board's own pack is for its members.
		{method: "POST", path: "/packs", pattern: "/packs", form: url.Values{"board": {"send-improvement-board"}, "quarter": {"2024-25 Q4"}}, allowed: allow("board", "admin")},
		{method: "POST", path: "/api/v1/packs", pattern: "/api/v1/packs", json: `{"board":"send-improvement-board","quarter":"2024-25 Q4"}`, allowed: allow("board", "admin")},
		{method: "POST", path: "/jobs/flag-overdue/run", pattern: "/jobs/:name/run", form: url.Values{}, allowed: allow("admin")},
		{method: "POST", path: "/kpis/import", pattern: "/kpis/import", form: url.Values{}, allowed: allow("admin")},
		{method: "POST", path: "/kpis/new", pattern: "/kpis/new", form: url.Values{"code": {"matrix.kpi"}, "name": {"Matrix"}}, allowed: allow("admin")},
		{method: "POST", path: "/kpis/sendiass.initial_enquiries/edit", pattern: "/kpis/:code/edit", form: url.Values{"name": {"Initial enquiries"}}, allowed: allow("admin")},
		{method: "POST", path: "/kpis/sendiass.response_within_2_days_pct/commentary", pattern: "/kpis/:code/commentary", form: url.Values{"commentary": {"Matrix"}}, allowed: allow("admin")},
		{method: "POST", path: "/benchmarks/SEN_EHC_All_20wks/links", pattern: "/benchmarks/:measure/links", form: url.Values{"kind": {"action"}, "action": {"3.6"}}, allowed: allow("admin")},
		{method: "POST", path: "/api/v1/kpis", pattern: "/api/v1/kpis", json: `{"code":"matrix.api","name":"Matrix"}`, allowed: allow("admin")},
		{method: "PUT", path: "/api/v1/kpis/sendiass.initial_enquiries", pattern: "/api/v1/kpis/:code", json: `{"name":"Initial enquiries"}`, allowed: allow("admin")},
		{method: "POST", path: "/plans/import", pattern: "/plans/import", form: url.Values{"name": {"Matrix plan"}, "type": {"other"}}, allowed: allow("admin")},
	}, append(append(roundMatrixRoutes(), decisionMatrixRoutes()...), meetingMatrixRoutes()...)...)
}

// meetingMatrixRoutes are the rows of a board's meetings: its members and
// admins open them and write their agenda and minutes. The form's row opens
// meeting 1 (the admin's same day answers 409, allowed), the API's meeting 2;
// the rows on each close it before correcting it (the admin's second close
// answers 409 and the same correction again 400, both allowed).
func meetingMatrixRoutes() []writeRoute {
	const b = "/boards/send-improvement-board"
	members := allow("board", "admin")
	return []writeRoute{
		{method: "POST", path: b + "/meetings", pattern: "/boards/:slug/meetings", form: url.Values{"date-day": {"22"}, "date-month": {"1"}, "date-year": {"2025"}}, allowed: members},
		{method: "POST", path: "/api/v1" + b + "/meetings", pattern: "/api/v1/boards/:slug/meetings", json: `{"date":"2025-03-19"}`, allowed: members},
		{method: "POST", path: "/meetings/1/items", pattern: "/meetings/:id/items", form: url.Values{"title": {"Matrix item"}}, allowed: members},
		{method: "POST", path: "/meetings/1/move", pattern: "/meetings/:id/move", form: url.Values{"item": {"apologies-0"}, "dir": {"down"}}, allowed: members},
		{method: "POST", path: "/meetings/1/minutes", pattern: "/meetings/:id/minutes", form: url.Values{"others_present": {"Matrix"}}, allowed: members},
		{method: "POST", path: "/meetings/1/close", pattern: "/meetings/:id/close", form: url.Values{}, allowed: members},
		{method: "POST", path: "/meetings/1/corrections", pattern: "/meetings/:id/corrections",
			form: url.Values{"item": {"apologies-0"}, "note": {"Corrected"}, "reason": {"Matrix"}}, allowed: members},
		{method: "POST", path: "/api/v1/meetings/2/items", pattern: "/api/v1/meetings/:id/items", json: `{"title":"Matrix API item"}`, allowed: members},
		{method: "POST", path: "/api/v1/meetings/2/items/apologies-0/move", pattern: "/api/v1/meetings/:id/items/:item/move", json: `{"direction":"down"}`, allowed: members},
		{method: "PUT", path: "/api/v1/meetings/2/minutes", pattern: "/api/v1/meetings/:id/minutes", json: `{"attendance":{"present":["Matrix"]},"notes":[]}`, allowed: members},
		{method: "POST", path: "/api/v1/meetings/2/close", pattern: "/api/v1/meetings/:id/close", json: `{}`, allowed: members},
		{method: "POST", path: "/api/v1/meetings/2/corrections", pattern: "/api/v1/meetings/:id/corrections",
			json: `{"item":"apologies-0","note":"Corrected","reason":"Matrix"}`, allowed: members},
	}
}

// decisionMatrixRoutes are the rows of a board's decisions and its own
// actions. Leads and the board's members (and admins) raise decisions; only
// the board's members and admins decide, withdraw and set or close board
// actions. The ids count the rows above them: the form's raise row makes
// decisions 1 to 4, the API's 5 to 8; the board action rows make 1 and 2,
// then 3 and 4. An admin's second go at a closed one answers 409, and a
// second identical correction 400: both allowed.
func decisionMatrixRoutes() []writeRoute {
	const b = "/boards/send-improvement-board"
	raise := url.Values{"question": {"Matrix decision?"}}
	decide := url.Values{"decision": {"Agreed"}, "meeting_date-day": {"22"}, "meeting_date-month": {"1"}, "meeting_date-year": {"2025"}}
	correct := url.Values{"decision": {"Agreed"}, "meeting_date-day": {"22"}, "meeting_date-month": {"1"}, "meeting_date-year": {"2025"},
		"minute": {"4.1"}, "reason": {"The minute was missing"}}
	act := url.Values{"title": {"Matrix"}, "owner": {"The chair"}, "meeting_date-day": {"22"}, "meeting_date-month": {"1"}, "meeting_date-year": {"2025"}}
	raisers := allow("lead-of-1.2", "other-lead", "board", "admin")
	return []writeRoute{
		{method: "POST", path: b + "/decisions", pattern: "/boards/:slug/decisions", form: raise, allowed: raisers},
		{method: "POST", path: "/api/v1" + b + "/decisions", pattern: "/api/v1/boards/:slug/decisions", json: `{"question":"Matrix API decision?"}`, allowed: raisers},
		{method: "POST", path: b + "/decisions/1/decide", pattern: "/boards/:slug/decisions/:id/decide", form: decide, allowed: allow("board", "admin")},
		{method: "POST", path: b + "/decisions/1/correct", pattern: "/boards/:slug/decisions/:id/correct", form: correct, allowed: allow("board", "admin")},
		{method: "POST", path: b + "/decisions/2/withdraw", pattern: "/boards/:slug/decisions/:id/withdraw", form: url.Values{}, allowed: allow("board", "admin")},
		{method: "POST", path: "/api/v1" + b + "/decisions/5/decide", pattern: "/api/v1/boards/:slug/decisions/:id/decide",
			json: `{"decision":"Agreed","meeting_date":"2025-01-22"}`, allowed: allow("board", "admin")},
		{method: "POST", path: "/api/v1" + b + "/decisions/5/correct", pattern: "/api/v1/boards/:slug/decisions/:id/correct",
			json: `{"decision":"Agreed","meeting_date":"2025-01-22","minute":"4.1","reason":"The minute was missing"}`, allowed: allow("board", "admin")},
		{method: "POST", path: "/api/v1" + b + "/decisions/6/withdraw", pattern: "/api/v1/boards/:slug/decisions/:id/withdraw", json: `{}`, allowed: allow("board", "admin")},
		{method: "POST", path: b + "/actions", pattern: "/boards/:slug/actions", form: act, allowed: allow("board", "admin")},
		{method: "POST", path: "/api/v1" + b + "/board-actions", pattern: "/api/v1/boards/:slug/board-actions",
			json: `{"title":"Matrix","owner":"The chair","meeting_date":"2025-01-22"}`, allowed: allow("board", "admin")},
		{method: "POST", path: b + "/actions/1/done", pattern: "/boards/:slug/actions/:id/done", form: url.Values{}, allowed: allow("board", "admin")},
		{method: "POST", path: "/api/v1" + b + "/board-actions/3/done", pattern: "/api/v1/boards/:slug/board-actions/:id/done", json: `{}`, allowed: allow("board", "admin")},
	}
}

// planMatrixRoutes are the rows for the plan write routes. Versions that
// cannot match (999) keep the admin's calls from retiring or revising the
// seeded actions the other rows use: a 409 is still "allowed".
func planMatrixRoutes() []writeRoute {
	const act = "/plans/dorset-wsoa-2019/actions/1.2"
	const apiAct = "/api/v1/plans/dorset-wsoa-2019/actions/1.2"
	progress := url.Values{"narrative": {"Matrix check"}, "status": {"in_progress"}, "rag": {"amber"}, "version": {"1"}}
	plan := url.Values{"name": {"Matrix plan"}, "type": {"pap"}, "start_date-day": {"1"}, "start_date-month": {"4"}, "start_date-year": {"2025"}, "status": {"active"}}
	return []writeRoute{
		{method: "POST", path: "/plans", pattern: "/plans", form: plan, allowed: allow("admin")},
		{method: "POST", path: "/plans/home", pattern: "/plans/home", form: url.Values{"home": {"default"}}, allowed: allow("admin")},
		{method: "POST", path: "/plans/dorset-wsoa-2019/settings", pattern: "/plans/:plan/settings", form: url.Values{"name": {""}}, allowed: allow("admin")},
		{method: "POST", path: "/plans/dorset-wsoa-2019/areas", pattern: "/plans/:plan/areas", form: url.Values{"code": {"M"}, "title": {"Matrix"}, "owners": {"both"}}, allowed: allow("admin")},
		{method: "POST", path: "/plans/dorset-wsoa-2019/milestones", pattern: "/plans/:plan/milestones", form: url.Values{"label": {"Matrix"}, "due": {"2030-01"}}, allowed: allow("admin")},
		{method: "POST", path: "/plans/dorset-wsoa-2019/actions", pattern: "/plans/:plan/actions", form: url.Values{"number": {"9.1"}}, allowed: allow("admin")},
		{method: "POST", path: act + "/updates", pattern: "/plans/:plan/actions/:number/updates", form: progress, allowed: allow("lead-of-1.2", "admin")},
		{method: "POST", path: act + "/comments", pattern: "/plans/:plan/actions/:number/comments", form: url.Values{"body": {"A comment"}}, allowed: allow("board", "admin")},
		{method: "POST", path: act + "/signoff", pattern: "/plans/:plan/actions/:number/signoff", form: url.Values{"version": {"999"}}, allowed: allow("board", "admin")},
		{method: "POST", path: act + "/edit", pattern: "/plans/:plan/actions/:number/edit", form: url.Values{"action": {"x"}, "version": {"999"}}, allowed: allow("admin")},
		{method: "POST", path: act + "/due", pattern: "/plans/:plan/actions/:number/due", form: url.Values{"due-month": {"1"}, "due-year": {"2030"}, "reason": {"x"}, "version": {"999"}}, allowed: allow("admin")},
		{method: "POST", path: act + "/retire", pattern: "/plans/:plan/actions/:number/retire", form: url.Values{"reason": {"x"}, "version": {"999"}}, allowed: allow("admin")},
		{method: "POST", path: "/admin/boards", pattern: "/admin/boards", form: url.Values{"name": {"Matrix Board"}}, allowed: allow("admin")},
		{method: "POST", path: "/admin/leads", pattern: "/admin/leads", form: url.Values{"name": {"Matrix Lead"}}, allowed: allow("admin")},
		{method: "POST", path: "/admin/leads/merge", pattern: "/admin/leads/merge", form: url.Values{"from": {"0"}, "into": {"0"}}, allowed: allow("admin")},
		{method: "POST", path: "/admin/boards/merge", pattern: "/admin/boards/merge", form: url.Values{"from": {"0"}, "into": {"0"}}, allowed: allow("admin")},
		{method: "POST", path: "/api/v1/plans", pattern: "/api/v1/plans", json: `{"name":"Matrix API plan","type":"other","start_date":"2025-04-01"}`, allowed: allow("admin")},
		{method: "PUT", path: "/api/v1/plans/dorset-wsoa-2019", pattern: "/api/v1/plans/:plan", json: `{"name":""}`, allowed: allow("admin")},
		{method: "POST", path: "/api/v1/plans/dorset-wsoa-2019/areas", pattern: "/api/v1/plans/:plan/areas", json: `{"code":"N","title":"T","owners":"council"}`, allowed: allow("admin")},
		{method: "PUT", path: "/api/v1/plans/dorset-wsoa-2019/areas/1", pattern: "/api/v1/plans/:plan/areas/:code", json: `{"code":""}`, allowed: allow("admin")},
		{method: "POST", path: "/api/v1/plans/dorset-wsoa-2019/milestones", pattern: "/api/v1/plans/:plan/milestones", json: `{"label":"M","due":"2031-01"}`, allowed: allow("admin")},
		{method: "PUT", path: "/api/v1/plans/dorset-wsoa-2019/milestones/1", pattern: "/api/v1/plans/:plan/milestones/:section", json: `{"label":""}`, allowed: allow("admin")},
		{method: "POST", path: "/api/v1/plans/dorset-wsoa-2019/actions", pattern: "/api/v1/plans/:plan/actions", json: `{"number":"9.2","area":"1","action":"x"}`, allowed: allow("admin")},
		{method: "PATCH", path: apiAct, pattern: "/api/v1/plans/:plan/actions/:number", json: `{"version":999}`, allowed: allow("admin")},
		{method: "POST", path: apiAct + "/updates", pattern: "/api/v1/plans/:plan/actions/:number/updates",
			json: `{"narrative":"Matrix","status":"in_progress","rag":"amber","version":999}`, allowed: allow("lead-of-1.2", "admin")},
		{method: "POST", path: apiAct + "/signoff", pattern: "/api/v1/plans/:plan/actions/:number/signoff",
			json: `{"meeting_date":"2025-01-22","version":999}`, allowed: allow("board", "admin")},
		{method: "POST", path: apiAct + "/due", pattern: "/api/v1/plans/:plan/actions/:number/due", json: `{"due":"2030-01","reason":"x","version":999}`, allowed: allow("admin")},
		{method: "POST", path: apiAct + "/retire", pattern: "/api/v1/plans/:plan/actions/:number/retire", json: `{"reason":"x","version":999}`, allowed: allow("admin")},
		{method: "POST", path: "/api/v1/boards", pattern: "/api/v1/boards", json: `{"name":"Matrix API Board"}`, allowed: allow("admin")},
		{method: "PUT", path: "/api/v1/boards/schools-forum", pattern: "/api/v1/boards/:slug", json: `{"name":""}`, allowed: allow("admin")},
		{method: "POST", path: "/api/v1/leads", pattern: "/api/v1/leads", json: `{"name":"Matrix API Lead"}`, allowed: allow("admin")},
		{method: "PUT", path: "/api/v1/leads/dco", pattern: "/api/v1/leads/:slug", json: `{"name":""}`, allowed: allow("admin")},
	}
}

// roundMatrixRoutes are the authorisation rows of update rounds, the outbox
// and the digest choice. The matrix's board member sits on the SEND
// Improvement Board, so it may open and close rounds for that board only.
func roundMatrixRoutes() []writeRoute {
	due := time.Now().AddDate(0, 0, 10)
	apiDue := due.AddDate(0, 0, 1) // a round of its own: one open round per board, plan and due date
	form := url.Values{"board": {"send-improvement-board"}, "due-day": {due.Format("2")}, "due-month": {due.Format("1")}, "due-year": {due.Format("2006")}}
	other := url.Values{"board": {"schools-forum"}, "due-day": form["due-day"], "due-month": form["due-month"], "due-year": form["due-year"]}
	return []writeRoute{
		{method: "POST", path: "/rounds/check", pattern: "/rounds/check", form: form, allowed: allow("board", "admin")},
		{method: "POST", path: "/rounds/check", pattern: "/rounds/check", form: other, allowed: allow("admin")},
		// Round 1: the board member opens it; the admin's identical request
		// is sent to that round.
		{method: "POST", path: "/rounds", pattern: "/rounds", form: form, allowed: allow("board", "admin")},
		// Round 2, the Schools Forum's.
		{method: "POST", path: "/rounds", pattern: "/rounds", form: other, allowed: allow("admin")},
		// Round 3, the board's through the API (the admin's copy answers 409).
		{method: "POST", path: "/api/v1/rounds", pattern: "/api/v1/rounds",
			json: `{"board":"SEND Improvement Board","due":"` + apiDue.Format(time.DateOnly) + `"}`, allowed: allow("board", "admin")},
		// Round 4, the admin's over the whole plan.
		{method: "POST", path: "/api/v1/rounds", pattern: "/api/v1/rounds", json: `{"due":"` + due.Format(time.DateOnly) + `"}`, allowed: allow("admin")},
		{method: "POST", path: "/rounds/1/close", pattern: "/rounds/:id/close", form: url.Values{}, allowed: allow("board", "admin")},
		{method: "POST", path: "/rounds/1/reopen", pattern: "/rounds/:id/reopen", form: url.Values{}, allowed: allow("board", "admin")},
		{method: "POST", path: "/api/v1/rounds/3/close", pattern: "/api/v1/rounds/:id/close", json: `{}`, allowed: allow("board", "admin")},
		{method: "POST", path: "/api/v1/rounds/3/reopen", pattern: "/api/v1/rounds/:id/reopen", json: `{}`, allowed: allow("board", "admin")},
		{method: "POST", path: "/rounds/1/pack", pattern: "/rounds/:id/pack", form: url.Values{}, allowed: allow("board", "admin")},
		{method: "POST", path: "/api/v1/rounds/1/pack", pattern: "/api/v1/rounds/:id/pack", json: `{}`, allowed: allow("board", "admin")},
		// Round 4's pack is the whole plan's: admins only, as no seeded board governs every action.
		{method: "POST", path: "/api/v1/rounds/4/pack", pattern: "/api/v1/rounds/:id/pack", json: `{}`, allowed: allow("admin")},
		{method: "POST", path: "/account/digests", pattern: "/account/digests", form: url.Values{"digests": {"off"}}, allowed: allow(callers...)},
		{method: "POST", path: "/outbox/1/resend", pattern: "/outbox/:id/resend", form: url.Values{}, allowed: allow("admin")},
	}
}
