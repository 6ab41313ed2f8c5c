package app_test

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"sendboard/app/apptest"
	"sendboard/models"
	"sendboard/models/modeltest"
	"sendboard/models/risk"
)

const risksAPI = "/api/v1/plans/dorset-wsoa-2019/risks"

// riskTitle has names in several scripts, as real registers hold.
const riskTitle = "Łódź → Dŵr: therapy waits ≥ 18 weeks for Aydın's cohort"

type riskJSON struct {
	ID          uint     `json:"id"`
	Kind        string   `json:"kind"`
	Title       string   `json:"title"`
	Owner       string   `json:"owner"`
	Likelihood  int      `json:"likelihood"`
	Impact      int      `json:"impact"`
	Score       int      `json:"score"`
	TargetScore *int     `json:"target_score"`
	ReviewBy    *string  `json:"review_by"`
	Status      string   `json:"status"`
	Area        *string  `json:"area"`
	Actions     []string `json:"actions"`
	Escalated   bool     `json:"escalated"`
	History     []struct {
		By, Changed, Owner, Status, Kind, Reason string
		Score                                    int
	} `json:"history"`
}

func decodeRisk(t *testing.T, body []byte) riskJSON {
	t.Helper()
	var r riskJSON
	if err := json.Unmarshal(body, &r); err != nil {
		t.Fatalf("decode %s: %v", body, err)
	}
	return r
}

// boardAttention is the "Needs attention" section of the SEND Improvement
// Board's page in the seeded plan.
func boardAttention(t *testing.T, env *apptest.Env, c *apptest.Client) string {
	t.Helper()
	rec := env.Get(c, "/plans/dorset-wsoa-2019/boards/send-improvement-board")
	if rec.Code != http.StatusOK {
		t.Fatalf("board page: %d", rec.Code)
	}
	body := rec.Body.String()
	start := strings.Index(body, `id="attention-h"`)
	end := strings.Index(body[start:], "</section>")
	if start < 0 || end < 0 {
		t.Fatalf("no Needs attention section on the board page")
	}
	return body[start : start+end]
}

// TestRiskScoringAndEscalation: a risk on action 1.2 at 4 × 4 (16, at or
// above the default threshold of 15) appears in the SEND Improvement Board's
// "Needs attention" and not in a board that governs neither it nor 1.2; at
// 3 × 4 it drops out; the plan's threshold moves it back; closing it takes it
// out again. Every change of score, owner and status is in its history.
func TestRiskScoringAndEscalation(t *testing.T) {
	t.Parallel()
	apptest.Each(t, func(t *testing.T, env *apptest.Env, d modeltest.DB) {
		lead := env.SignIn(t, models.RoleLead, "DCO")
		admin := env.SignIn(t, models.RoleAdmin)
		viewer := env.SignIn(t, models.RoleViewer)
		rec := env.API(lead, "POST", risksAPI, `{"title":"`+riskTitle+`","description":"Cause → event → effect","owner":"DCO",
			"likelihood":4,"impact":4,"target_score":6,"mitigation":"Ŵyn's locum list","review_by":"2026-01-31","area":"1","actions":["1.2"]}`)
		if rec.Code != http.StatusCreated {
			t.Fatalf("create: %d %s", rec.Code, rec.Body)
		}
		r := decodeRisk(t, rec.Body.Bytes())
		if r.Score != 16 || !r.Escalated || r.Kind != "risk" || r.Status != "open" || r.Owner != "DCO" ||
			len(r.Actions) != 1 || r.Actions[0] != "1.2" || r.Area == nil || *r.Area != "1" || len(r.History) != 1 {
			t.Fatalf("created risk: %+v", r)
		}
		if at := boardAttention(t, env, viewer); !strings.Contains(at, "Escalated risks and issues") || !strings.Contains(at, "Łódź → Dŵr") ||
			!strings.Contains(at, "score 16 (4 × 4)") {
			t.Fatalf("a 4 × 4 risk is not in the board's Needs attention:\n%s", at)
		}
		if body := env.Get(viewer, "/plans/dorset-wsoa-2019/actions/1.2").Body.String(); !strings.Contains(body, "Łódź → Dŵr") ||
			!strings.Contains(body, ">Escalated</strong>") {
			t.Fatal("the action page does not show the escalated risk naming it")
		}
		// The SEND Health Forum does not govern 1.2.
		rec = env.Get(viewer, "/plans/dorset-wsoa-2019/boards/send-health-forum")
		if strings.Contains(rec.Body.String(), "Łódź → Dŵr") {
			t.Fatal("the risk is escalated to a board that does not govern its action")
		}

		path := fmt.Sprintf("%s/%d", risksAPI, r.ID)
		if rec := env.API(lead, "PATCH", path, `{"likelihood":3}`); rec.Code != http.StatusBadRequest || !strings.Contains(rec.Body.String(), "reason") {
			t.Fatalf("a score change without a reason: %d %s", rec.Code, rec.Body)
		}
		rec = env.API(lead, "PATCH", path, `{"likelihood":3,"reason":"Locums in post"}`)
		if rec.Code != http.StatusOK {
			t.Fatalf("patch: %d %s", rec.Code, rec.Body)
		}
		if r = decodeRisk(t, rec.Body.Bytes()); r.Score != 12 || r.Escalated {
			t.Fatalf("at 3 × 4: %+v", r)
		}
		if at := boardAttention(t, env, viewer); strings.Contains(at, "Łódź → Dŵr") {
			t.Fatalf("a 3 × 4 risk is still in the board's Needs attention:\n%s", at)
		}

		// The plan's threshold is its own: at 12 the risk is escalated again.
		if rec := env.PostForm(admin, "/plans/dorset-wsoa-2019/risks/threshold", url.Values{"threshold": {"12"}}); rec.Code != http.StatusSeeOther {
			t.Fatalf("threshold: %d %s", rec.Code, snippet(rec.Body.String()))
		}
		if at := boardAttention(t, env, viewer); !strings.Contains(at, "Łódź → Dŵr") {
			t.Fatalf("at threshold 12 a score of 12 is not escalated:\n%s", at)
		}
		rec = env.API(lead, "PATCH", path, `{"status":"closed","owner":"`+"test"+`","reason":"Waits back under 18 weeks"}`)
		if rec.Code != http.StatusBadRequest || !strings.Contains(rec.Body.String(), "owner") {
			t.Fatalf("an unknown owner: %d %s", rec.Code, rec.Body)
		}
		rec = env.API(lead, "PATCH", path, `{"status":"closed","reason":"Waits back under 18 weeks"}`)
		if rec.Code != http.StatusOK {
			t.Fatalf("close: %d %s", rec.Code, rec.Body)
		}
		if at := boardAttention(t, env, viewer); strings.Contains(at, "Łódź → Dŵr") {
			t.Fatalf("a closed risk is still in the board's Needs attention:\n%s", at)
		}
		r = decodeRisk(t, env.API(viewer, "GET", path, "").Body.Bytes())
		var got []string
		for _, h := range r.History {
			got = append(got, fmt.Sprintf("%s %d %s %s", h.Changed, h.Score, h.Status, h.Reason))
		}
		want := []string{"created 16 open ", "score 12 open Locums in post", "status 12 closed Waits back under 18 weeks"}
		if strings.Join(got, "|") != strings.Join(want, "|") {
			t.Fatalf("history:\n got %q\nwant %q", got, want)
		}
	})
}

// TestRiskTurnIntoIssue: "Turn into an issue" on the risk page keeps the
// risk's id, score and history and records why; the register filters by kind.
func TestRiskTurnIntoIssue(t *testing.T) {
	t.Parallel()
	apptest.Each(t, func(t *testing.T, env *apptest.Env, d modeltest.DB) {
		board := env.SignInBoard(t, "SEND Improvement Board")
		rec := env.PostForm(board, "/plans/dorset-wsoa-2019/risks", url.Values{"title": {riskTitle}, "kind": {"risk"},
			"owner": {"DCO"}, "likelihood": {"2"}, "impact": {"5"}, "status": {"open"}, "actions": {"1.2, 1.3"}})
		if rec.Code != http.StatusSeeOther {
			t.Fatalf("add: %d %s", rec.Code, snippet(rec.Body.String()))
		}
		page := rec.Header().Get("Location")
		page = page[:strings.Index(page, "?")]
		if body := env.Get(board, "/plans/dorset-wsoa-2019/actions/1.3").Body.String(); !strings.Contains(body, "Łódź → Dŵr") || !strings.Contains(body, page) {
			t.Fatal("the action page does not list the risk naming it")
		}
		body := env.Get(board, page).Body.String()
		if !strings.Contains(body, "Turn into an issue") || !strings.Contains(body, "Łódź → Dŵr") {
			t.Fatalf("risk page lacks its title or the issue form:\n%s", snippet(body))
		}
		rec = env.PostForm(board, page+"/issue", url.Values{"version": {"1"}, "reason": {"Waits reached 20 weeks in Isparta ward"}})
		if rec.Code != http.StatusSeeOther {
			t.Fatalf("turn into an issue: %d %s", rec.Code, snippet(rec.Body.String()))
		}
		body = env.Get(board, page).Body.String()
		if strings.Contains(body, `action="`+page+`/issue"`) || !strings.Contains(body, "Waits reached 20 weeks in Isparta ward") {
			t.Fatalf("the issue page:\n%s", snippet(body))
		}
		issues := env.Get(board, "/plans/dorset-wsoa-2019/risks?kind=issue").Body.String()
		risks := env.Get(board, "/plans/dorset-wsoa-2019/risks?kind=risk").Body.String()
		if !strings.Contains(issues, "Łódź → Dŵr") || strings.Contains(risks, "Łódź → Dŵr") {
			t.Fatal("the kind filter does not follow the change")
		}
	})
}

// TestRiskFormRefusal: a form with several problems is refused with each
// named on its field, the user's text kept, and nothing saved.
func TestRiskFormRefusal(t *testing.T) {
	t.Parallel()
	apptest.Each(t, func(t *testing.T, env *apptest.Env, d modeltest.DB) {
		admin := env.SignIn(t, models.RoleAdmin)
		rec := env.PostForm(admin, "/plans/dorset-wsoa-2019/risks", url.Values{"title": {riskTitle}, "owner": {"Nobody Ŵ"},
			"likelihood": {"6"}, "impact": {"x"}, "review_by": {"31/01/2026"}, "actions": {"1.2, 9.99"}, "mitigation": {"Keep → this"}})
		body := rec.Body.String()
		if rec.Code != http.StatusBadRequest {
			t.Fatalf("refusal: %d", rec.Code)
		}
		for _, want := range []string{`href="#f-owner"`, `href="#f-likelihood"`, `href="#f-impact"`, `href="#f-review_by"`, "no action 9.99",
			"Keep → this", "Łódź → Dŵr"} {
			if !strings.Contains(body, want) {
				t.Errorf("the refused form lacks %q", want)
			}
		}
		var n int64
		d.DB.Table("risks").Count(&n)
		if n != 0 {
			t.Fatalf("%d risks saved from a refused form", n)
		}
	})
}

// TestRiskReviewOverdue: an open risk whose review-by day has passed raises a
// risk_review_overdue exception for its owner (a person or a lead role they
// hold) from the next day, shown on the register; closing it ends it.
func TestRiskReviewOverdue(t *testing.T) {
	t.Parallel()
	apptest.Each(t, func(t *testing.T, env *apptest.Env, d modeltest.DB) {
		ctx := context.Background()
		admin := env.SignIn(t, models.RoleAdmin)
		rec := env.API(admin, "POST", risksAPI, `{"title":"`+riskTitle+`","owner":"DCO","likelihood":2,"impact":2,"review_by":"2026-01-31","actions":["1.2"]}`)
		if rec.Code != http.StatusCreated {
			t.Fatalf("create: %d %s", rec.Code, rec.Body)
		}
		id := decodeRisk(t, rec.Body.Bytes()).ID
		dco := models.User{ID: 0, Role: models.RoleLead}
		if err := d.DB.Table("leads").Where("name = ?", "DCO").Find(&dco.Leads).Error; err != nil {
			t.Fatal(err)
		}
		other := models.User{ID: 0, Role: models.RoleLead}
		at := func(u *models.User, day string) int {
			now, _ := time.Parse(time.DateOnly, day)
			list, err := risk.ReviewOverdue(ctx, d.DB, u, now.Add(10*time.Hour), 50)
			if err != nil {
				t.Fatal(err)
			}
			if len(list) > 0 && (list[0].ID != id || list[0].PlanSlug != "dorset-wsoa-2019") {
				t.Fatalf("overdue: %+v", list[0])
			}
			return len(list)
		}
		if at(&dco, "2026-01-31") != 0 || at(&dco, "2026-02-01") != 1 || at(&other, "2026-02-01") != 0 {
			t.Fatal("review-by 31 January is overdue from 1 February, for the owner alone")
		}
		env.App.Now = func() time.Time { return time.Date(2026, 2, 1, 9, 0, 0, 0, time.UTC) }
		if body := env.Get(admin, "/plans/dorset-wsoa-2019/risks").Body.String(); !strings.Contains(body, "Review overdue") {
			t.Fatal("the register does not show the overdue review")
		}
		dcoLead, otherLead := env.SignIn(t, models.RoleLead, "DCO"), env.SignIn(t, models.RoleLead, "SEND Quality Assurance Officer")
		if body := env.Get(dcoLead, "/me").Body.String(); !strings.Contains(body, "Risk reviews overdue") || !strings.Contains(body, "Łódź → Dŵr") {
			t.Fatal("the owner's My actions does not list the overdue review")
		}
		if body := env.Get(otherLead, "/me").Body.String(); strings.Contains(body, "Risk reviews overdue") {
			t.Fatal("another lead is told of a review that is not theirs")
		}
		env.App.Now = func() time.Time { return time.Date(2026, 1, 31, 23, 0, 0, 0, time.UTC) }
		if body := env.Get(dcoLead, "/me").Body.String(); strings.Contains(body, "Risk reviews overdue") {
			t.Fatal("a review due today is listed as overdue")
		}
		if rec := env.API(admin, "PATCH", fmt.Sprintf("%s/%d", risksAPI, id), `{"status":"closed","reason":"Gone"}`); rec.Code != http.StatusOK {
			t.Fatalf("close: %d %s", rec.Code, rec.Body)
		}
		if at(&dco, "2026-02-01") != 0 {
			t.Fatal("a closed risk's review is still overdue")
		}
	})
}

// TestRiskRegisterQueriesDoNotGrow: the register page, its API list and a
// board's page run the same number of statements for 1 risk as for 40.
func TestRiskRegisterQueriesDoNotGrow(t *testing.T) {
	t.Parallel()
	apptest.Each(t, func(t *testing.T, env *apptest.Env, d modeltest.DB) {
		admin := env.SignIn(t, models.RoleAdmin)
		add := func(i int) {
			body := fmt.Sprintf(`{"title":"Risk %d ı","owner":"DCO","likelihood":%d,"impact":4,"review_by":"2026-01-31","actions":["1.2","1.%d"]}`, i, 1+(i+3)%5, 3+i%10)
			if rec := env.API(admin, "POST", risksAPI, body); rec.Code != http.StatusCreated {
				t.Fatalf("create: %d %s", rec.Code, rec.Body)
			}
		}
		counter := modeltest.CountQueries(d.DB)
		measure := func() []int64 {
			var out []int64
			for _, p := range []string{"/plans/dorset-wsoa-2019/risks", risksAPI, "/plans/dorset-wsoa-2019/boards/send-improvement-board",
				"/plans/dorset-wsoa-2019/risks.csv", "/plans/dorset-wsoa-2019/risks.xlsx"} {
				counter.Reset()
				var rec *httpResult
				if strings.HasPrefix(p, "/api/") {
					rec = env.API(admin, "GET", p, "")
				} else {
					rec = env.Get(admin, p)
				}
				if rec.Code != http.StatusOK {
					t.Fatalf("%s: %d", p, rec.Code)
				}
				out = append(out, counter.N())
			}
			return out
		}
		env.Get(admin, "/account") // the session's first use reads it from the database, later ones from memory
		add(0)
		one := measure()
		for i := 1; i < 40; i++ {
			add(i)
		}
		forty := measure()
		if fmt.Sprint(one) != fmt.Sprint(forty) {
			t.Fatalf("statements per request grow with risks: 1 risk %v, 40 risks %v", one, forty)
		}
		t.Logf("statements per request (register, API list, board page, CSV, XLSX): %v", forty)
	})
}

// TestRiskExports: the register's CSV and XLSX hold the filtered rows with
// their names intact and text that looks like a formula defused.
func TestRiskExports(t *testing.T) {
	t.Parallel()
	apptest.Each(t, func(t *testing.T, env *apptest.Env, d modeltest.DB) {
		admin := env.SignIn(t, models.RoleAdmin)
		for _, b := range []string{
			`{"title":"` + riskTitle + `","owner":"DCO","likelihood":5,"impact":4,"mitigation":"=HYPERLINK(\"x\")","actions":["1.2"]}`,
			`{"title":"Closed one","owner":"DCO","likelihood":1,"impact":1,"status":"closed"}`,
		} {
			if rec := env.API(admin, "POST", risksAPI, b); rec.Code != http.StatusCreated {
				t.Fatalf("create: %d %s", rec.Code, rec.Body)
			}
		}
		rec := env.Get(admin, "/plans/dorset-wsoa-2019/risks.csv?status=open")
		csv := rec.Body.String()
		if rec.Code != 200 || !strings.Contains(csv, riskTitle) || strings.Contains(csv, "Closed one") || !strings.Contains(csv, `'=HYPERLINK`) ||
			!strings.Contains(csv, ",20,") || !strings.Contains(csv, ",yes\n") {
			t.Fatalf("CSV: %d\n%s", rec.Code, csv)
		}
		rec = env.Get(admin, "/plans/dorset-wsoa-2019/risks.xlsx")
		wb, err := excelize.OpenReader(rec.Body)
		if err != nil {
			t.Fatal(err)
		}
		rows, err := wb.GetRows("Risks")
		if err != nil {
			t.Fatal(err)
		}
		if len(rows) != 4 || rows[1][2] != "Title" || rows[2][2] != riskTitle || rows[2][7] != "20" || rows[3][2] != "Closed one" {
			t.Fatalf("XLSX rows: %q", rows)
		}
	})
}

// TestRiskBoardOnAnotherPlan: a board member may not add risks to a plan
// whose actions none of their boards governs; an admin may.
func TestRiskBoardOnAnotherPlan(t *testing.T) {
	t.Parallel()
	apptest.Each(t, func(t *testing.T, env *apptest.Env, d modeltest.DB) {
		admin := env.SignIn(t, models.RoleAdmin)
		board := env.SignInBoard(t, "SEND Improvement Board")
		if rec := env.API(admin, "POST", "/api/v1/plans", `{"name":"Reform plan Ł","slug":"reform","type":"other","start_date":"2026-04-01"}`); rec.Code != http.StatusCreated {
			t.Fatalf("plan: %d %s", rec.Code, rec.Body)
		}
		body := `{"title":"Ŵ","owner":"DCO","likelihood":3,"impact":3}`
		if rec := env.API(board, "POST", "/api/v1/plans/reform/risks", body); rec.Code != http.StatusForbidden {
			t.Fatalf("board member on another plan: %d %s", rec.Code, rec.Body)
		}
		if rec := env.API(admin, "POST", "/api/v1/plans/reform/risks", body); rec.Code != http.StatusCreated {
			t.Fatalf("admin: %d %s", rec.Code, rec.Body)
		}
	})
}

// riskMatrixRoutes are the authorisation rows of the risk write routes for
// the risk id, a risk on action 1.2. Versions that cannot match (999) keep
// the rows from changing it: a 409 is still "allowed". Any board member whose
// board governs an action of the plan may write (board-elsewhere's SEND
// Health Forum governs others of the seeded plan); a lead only on actions
// they lead.
func riskMatrixRoutes(id uint) []writeRoute {
	base := "/plans/dorset-wsoa-2019/risks"
	one := fmt.Sprintf("%s/%d", base, id)
	writers := allow("lead-of-1.2", "board", "board-elsewhere", "admin")
	add := url.Values{"title": {"Matrix ŵ"}, "owner": {"DCO"}, "likelihood": {"2"}, "impact": {"2"}, "actions": {"1.2"}}
	return []writeRoute{
		{method: "POST", path: base, pattern: "/plans/:plan/risks", form: add, allowed: writers},
		{method: "POST", path: one, pattern: "/plans/:plan/risks/:id", form: url.Values{"title": {"Matrix"}, "owner": {"DCO"},
			"likelihood": {"2"}, "impact": {"2"}, "actions": {"1.2"}, "version": {"999"}}, allowed: writers},
		{method: "POST", path: one + "/issue", pattern: "/plans/:plan/risks/:id/issue", form: url.Values{"version": {"999"}, "reason": {"Matrix"}}, allowed: writers},
		{method: "POST", path: base + "/threshold", pattern: "/plans/:plan/risks/threshold", form: url.Values{"threshold": {"15"}}, allowed: allow("admin")},
		{method: "POST", path: "/api/v1" + base, pattern: "/api/v1/plans/:plan/risks",
			json: `{"title":"Matrix","owner":"DCO","likelihood":2,"impact":2,"actions":["1.2"]}`, allowed: writers},
		{method: "PATCH", path: "/api/v1" + one, pattern: "/api/v1/plans/:plan/risks/:id",
			json: `{"likelihood":3,"reason":"Matrix","version":999}`, allowed: writers},
		{method: "PUT", path: "/api/v1/plans/dorset-wsoa-2019/risk-threshold", pattern: "/api/v1/plans/:plan/risk-threshold",
			json: `{"threshold":15}`, allowed: allow("admin")},
	}
}

func TestRiskAuthorisationMatrix(t *testing.T) {
	t.Parallel()
	apptest.Each(t, func(t *testing.T, env *apptest.Env, d modeltest.DB) {
		clients := matrixClients(t, env)
		rec := env.API(clients["admin"], "POST", risksAPI, `{"title":"Matrix","owner":"DCO","likelihood":2,"impact":2,"actions":["1.2"]}`)
		if rec.Code != http.StatusCreated {
			t.Fatalf("create: %d %s", rec.Code, rec.Body)
		}
		checkMatrix(t, env, clients, riskMatrixRoutes(decodeRisk(t, rec.Body.Bytes()).ID), http.StatusInternalServerError)
	})
}

// TestRiskStaleEdit: two people editing one risk: the second save, made from
// the version both read, is refused with a clear message, the text typed is
// kept in the form, and the first change stands.
func TestRiskStaleEdit(t *testing.T) {
	t.Parallel()
	apptest.Each(t, func(t *testing.T, env *apptest.Env, d modeltest.DB) {
		dco := env.SignIn(t, models.RoleLead, "DCO")
		board := env.SignInBoard(t, "SEND Improvement Board")
		rec := env.API(dco, "POST", risksAPI, `{"title":"`+riskTitle+`","owner":"DCO","likelihood":2,"impact":2,"actions":["1.2"]}`)
		if rec.Code != http.StatusCreated {
			t.Fatalf("create: %d %s", rec.Code, rec.Body)
		}
		page := fmt.Sprintf("/plans/dorset-wsoa-2019/risks/%d", decodeRisk(t, rec.Body.Bytes()).ID)
		form := func(mitigation string) url.Values {
			return url.Values{"title": {riskTitle}, "kind": {"risk"}, "owner": {"DCO"}, "likelihood": {"2"}, "impact": {"2"},
				"status": {"open"}, "actions": {"1.2"}, "mitigation": {mitigation}, "version": {"1"}}
		}
		if rec := env.PostForm(dco, page, form("First: Ŵyn's locum list")); rec.Code != http.StatusSeeOther {
			t.Fatalf("first save: %d %s", rec.Code, snippet(rec.Body.String()))
		}
		rec = env.PostForm(board, page, form("Second: Aydın's plan → ICB"))
		body := rec.Body.String()
		if rec.Code != http.StatusConflict || !strings.Contains(body, "Someone else changed this risk") || !strings.Contains(body, "Second: Aydın&#39;s plan → ICB") {
			t.Fatalf("stale save: %d\n%s", rec.Code, snippet(body))
		}
		if body := env.Get(board, page).Body.String(); !strings.Contains(body, "First: Ŵyn&#39;s locum list") {
			t.Fatal("the first change was lost")
		}
	})
}

// checkRisks validates the register's endpoints: add (201, 400, 403), list
// with filters (200, 400), one risk with its history (200, 404), change (200,
// 400, 409).
func (k *contract) checkRisks(t *testing.T, env *apptest.Env, call caller) {
	t.Helper()
	const target = "/api/v1/plans/dorset-wsoa-2019/risks"
	dco := env.SignIn(t, models.RoleLead, "DCO")
	viewer := env.SignIn(t, models.RoleViewer)
	body := `{"kind":"risk","title":"Ł → ŵ ≥ ı","description":"","owner":"DCO","likelihood":4,"impact":4,"target_score":6,` +
		`"mitigation":"Locums","review_by":"2026-03-31","status":"open","area":"1","actions":["1.2"],"reason":"Raised at the board"}`
	r := decodeRisk(t, call(dco, "POST", target, body, 201, true).Body.Bytes())
	call(dco, "POST", target, `{"title":"No owner","likelihood":4,"impact":4,"actions":["1.2"]}`, 400, false)
	call(dco, "POST", target, `{"title":"Too likely","owner":"DCO","likelihood":6,"impact":4,"actions":["1.2"]}`, 400, false)
	call(dco, "POST", target, `{"title":"Unknown action","owner":"DCO","likelihood":2,"impact":4,"actions":["9.99"]}`, 400, true)
	call(viewer, "POST", target, body, 403, true)
	call(viewer, "GET", target, "", 200, true)
	call(viewer, "GET", target+"?status=open&kind=risk&owner=DCO&area=1&likelihood=4&impact=4", "", 200, true)
	call(viewer, "GET", target+"?status=maybe", "", 400, false)
	one := fmt.Sprintf("%s/%d", target, r.ID)
	call(viewer, "GET", one, "", 200, true)
	call(viewer, "GET", target+"/999999", "", 404, true)
	call(dco, "PATCH", one, `{"impact":3,"reason":"Waits falling"}`, 200, true)
	call(dco, "PATCH", one, `{"impact":2}`, 400, true) // a score change needs a reason
	call(dco, "PATCH", one, `{"kind":"issue","reason":"It happened","version":1}`, 409, true)
	call(dco, "PATCH", one, `{"kind":"issue","reason":"It happened"}`, 200, true)
	admin := env.SignIn(t, models.RoleAdmin)
	call(viewer, "GET", thresholdAPI, "", 200, true)
	call(admin, "PUT", thresholdAPI, `{"threshold":14}`, 200, true)
	call(admin, "PUT", thresholdAPI, `{"threshold":30}`, 400, false)
	call(viewer, "PUT", thresholdAPI, `{"threshold":14}`, 403, true)
	call(admin, "PUT", thresholdAPI, `{"threshold":15}`, 200, true)
}
