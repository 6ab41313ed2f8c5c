package app_test

import (
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"sendboard/app/apptest"
	"sendboard/models"
	"sendboard/models/highlight"
	"sendboard/models/highlight/highlighttest"
	"sendboard/models/meeting"
	"sendboard/models/modeltest"
)

// hlSlug is the fixture plan loaded beside the seeded one: its actions are
// numbered 1.1 to 2.1 as the seeded plan's are.
const hlSlug = "łódź-hl"

var hlReport = "/plans/" + url.PathEscape(hlSlug) + "/highlights/1/2025-26-Q2"

type apiHighlightJSON struct {
	Area        string               `json:"area"`
	Period      string               `json:"period"`
	RAG         string               `json:"rag"`
	Calculated  bool                 `json:"rag_calculated"`
	Reason      string               `json:"reason"`
	ForecastRAG string               `json:"forecast_rag"`
	PreviousRAG string               `json:"previous_rag"`
	NextSteps   string               `json:"next_steps"`
	Counts      highlight.Counts     `json:"counts"`
	Slippage    []highlight.Slip     `json:"slippage"`
	Progress    []highlight.Progress `json:"progress"`
	Risks       []highlight.Risk     `json:"risks"`
	Decisions   []highlight.Decision `json:"decisions"`
	KPIs        []highlight.KPI      `json:"kpis"`
}

func decodeHighlight(t *testing.T, body []byte) apiHighlightJSON {
	t.Helper()
	var out apiHighlightJSON
	if err := json.Unmarshal(body, &out); err != nil {
		t.Fatalf("%v: %s", err, body)
	}
	return out
}

// TestHighlightReportPageAndAPI: a plan beside the seeded one with the same
// action numbers; its report's figures are the fixture's history as of the
// quarter's end, in the API and on the page; the SRO writes it by form and
// API, a red rating without a reason is refused with the input kept, and a
// board member may not write.
func TestHighlightReportPageAndAPI(t *testing.T) {
	t.Parallel()
	apptest.Each(t, func(t *testing.T, env *apptest.Env, d modeltest.DB) {
		w := highlighttest.Load(t, d.DB, hlSlug, "Łódź → second plan")
		viewer := env.SignIn(t, models.RoleViewer)
		sro := env.SignIn(t, models.RoleLead, "SRO ŵ "+hlSlug)
		member := env.SignInBoard(t, "Bwrdd "+hlSlug)

		rec := env.API(viewer, "GET", "/api/v1"+hlReport, "")
		if rec.Code != http.StatusOK {
			t.Fatalf("GET report: %d %s", rec.Code, rec.Body)
		}
		r := decodeHighlight(t, rec.Body.Bytes())
		if want := (highlight.Counts{Complete: 1, OnTrack: 1, Delayed: 2, NotStarted: 1, Total: 5}); r.Counts != want {
			t.Errorf("counts %+v, want %+v", r.Counts, want)
		}
		if len(r.Slippage) != 2 || r.Slippage[0].Action != "1.3" || r.Slippage[1].Kind != "milestone_missed" {
			t.Errorf("slippage %+v", r.Slippage)
		}
		if r.RAG != "amber" || !r.Calculated || r.PreviousRAG != "green" || r.Period != highlighttest.Quarter || r.Area != "1" {
			t.Errorf("report %+v", r)
		}
		if len(r.Risks) != 2 || len(r.Decisions) != 2 || len(r.KPIs) != 1 || len(r.Progress) != 3 {
			t.Errorf("risks %d decisions %d kpis %d progress %d", len(r.Risks), len(r.Decisions), len(r.KPIs), len(r.Progress))
		}
		// The seeded plan's area 1 has its own actions 1.1… in the same quarter.
		seeded := decodeHighlight(t, env.API(viewer, "GET", "/api/v1/plans/dorset-wsoa-2019/highlights/1/2025-26-Q2", "").Body.Bytes())
		if seeded.Counts.Total == 5 || seeded.Counts.Total == 0 || len(seeded.Slippage) != 0 {
			t.Errorf("the seeded plan's area 1: %+v", seeded.Counts)
		}

		page := env.Get(viewer, hlReport)
		body := page.Body.String()
		if page.Code != http.StatusOK {
			t.Fatalf("page: %d", page.Code)
		}
		for _, want := range []string{"Milestone missed: Summer milestones → Awst", "Back-dated: staff shortage in September",
			"Therapy waits → ≥ 20 weeks", "Fund the early help pilot ≥ £40k?", "calculated from the actions", "How actions are counted"} {
			if !strings.Contains(body, want) {
				t.Errorf("the page lacks %q", want)
			}
		}
		if strings.Contains(body, `name="next_steps"`) {
			t.Error("a viewer is shown the form")
		}

		form := url.Values{"rag": {"red"}, "reason": {""}, "forecast_rag": {"amber"}, "next_steps": {"Recruit → ŵ"}}
		bad := env.PostForm(sro, hlReport, form)
		if bad.Code != http.StatusBadRequest || !strings.Contains(bad.Body.String(), "govuk-error-summary") ||
			!strings.Contains(bad.Body.String(), "Give the reason the area is red") || !strings.Contains(bad.Body.String(), "Recruit → ŵ") {
			t.Errorf("red without a reason: %d", bad.Code)
		}
		form.Set("reason", "Staff ≥ 2 short")
		if ok := env.PostForm(sro, hlReport, form); ok.Code != http.StatusSeeOther {
			t.Fatalf("save: %d %s", ok.Code, snippet(ok.Body.String()))
		}
		if no := env.PostForm(member, hlReport, form); no.Code != http.StatusForbidden {
			t.Errorf("a board member's save: %d, want 403", no.Code)
		}
		rec = env.API(sro, "PUT", "/api/v1"+hlReport, `{"next_steps":"Recruit two → ı"}`)
		if rec.Code != http.StatusOK {
			t.Fatalf("PUT: %d %s", rec.Code, rec.Body)
		}
		r = decodeHighlight(t, rec.Body.Bytes())
		if r.RAG != "red" || r.Calculated || r.Reason != "Staff ≥ 2 short" || r.NextSteps != "Recruit two → ı" || r.ForecastRAG != "amber" {
			t.Errorf("after PUT: %+v", r)
		}
		if rec := env.API(sro, "PUT", "/api/v1"+hlReport, `{"rag":"amber","reason":""}`); rec.Code != http.StatusUnprocessableEntity && rec.Code != http.StatusBadRequest {
			t.Errorf("amber without a reason: %d %s", rec.Code, rec.Body)
		}
		// The next quarter's report shows Q2's written rating as the previous one.
		next := decodeHighlight(t, env.API(viewer, "GET", "/api/v1/plans/"+url.PathEscape(hlSlug)+"/highlights/1/2025-26-Q3", "").Body.Bytes())
		if next.PreviousRAG != "red" {
			t.Errorf("Q3's previous rating %q, want red", next.PreviousRAG)
		}
		idx := env.Get(viewer, "/plans/"+url.PathEscape(hlSlug)+"/highlights")
		if idx.Code != http.StatusOK || !strings.Contains(idx.Body.String(), "Łączność → early help ≥ 95%") {
			t.Errorf("index: %d", idx.Code)
		}
		// A meeting's agenda links an area's report for the meeting's quarter.
		agendaLink := "/plans/" + url.PathEscape(hlSlug) + "/highlights/1/" + meeting.HighlightPeriod(time.Date(2025, 8, 14, 0, 0, 0, 0, time.UTC))
		if rec := env.Get(viewer, agendaLink); rec.Code != http.StatusOK || !strings.Contains(rec.Body.String(), "Staff ≥ 2 short") {
			t.Errorf("the agenda's link %s: %d", agendaLink, rec.Code)
		}
		for _, p := range []string{"/highlights/9/2025-26-Q2", "/highlights/1/2025-26", "/highlights/1/Q2"} {
			if rec := env.Get(viewer, "/plans/"+url.PathEscape(hlSlug)+p); rec.Code != http.StatusNotFound {
				t.Errorf("%s: %d, want 404", p, rec.Code)
			}
		}
		_ = w
	})
}

// highlightMatrixRoutes are the rows of the highlight report writes on the
// seeded plan's area 3, where DCO (lead-of-1.2) leads actions and the SEND
// Quality Assurance Officer (other-lead) leads none: the area's leads and
// admins write; board members and viewers read.
func highlightMatrixRoutes() []writeRoute {
	const p = "/plans/dorset-wsoa-2019/highlights/3/2024-25-Q4"
	writers := allow("lead-of-1.2", "admin")
	return []writeRoute{
		{method: "POST", path: p, pattern: "/plans/:plan/highlights/:area/:period", form: url.Values{"rag": {"green"}, "next_steps": {"Matrix"}}, allowed: writers},
		{method: "PUT", path: "/api/v1" + p, pattern: "/api/v1/plans/:plan/highlights/:area/:period", json: `{"rag":"green","next_steps":"Matrix"}`, allowed: writers},
	}
}

func TestHighlightAuthorisationMatrix(t *testing.T) {
	t.Parallel()
	apptest.Each(t, func(t *testing.T, env *apptest.Env, d modeltest.DB) {
		clients := matrixClients(t, env)
		checkMatrix(t, env, clients, highlightMatrixRoutes(), http.StatusBadRequest)
	})
}

// TestHighlightQueriesDoNotGrow: the plan's highlights page, a report page
// and its API read the same number of statements with 60 more updates, due
// date revisions and risks on the area's actions.
func TestHighlightQueriesDoNotGrow(t *testing.T) {
	t.Parallel()
	apptest.Each(t, func(t *testing.T, env *apptest.Env, d modeltest.DB) {
		w := highlighttest.Load(t, d.DB, hlSlug, "Łódź → second plan")
		sro := env.SignIn(t, models.RoleLead, "SRO ŵ "+hlSlug)
		counter := modeltest.CountQueries(d.DB)
		once := func(p string) int64 {
			counter.Reset()
			var code int
			if strings.HasPrefix(p, "/api/") {
				code = env.API(sro, "GET", p, "").Code
			} else {
				code = env.Get(sro, p).Code
			}
			if code != http.StatusOK {
				t.Fatalf("%s: %d", p, code)
			}
			return counter.N()
		}
		measure := func() []int64 {
			var out []int64
			for _, p := range []string{"/plans/" + url.PathEscape(hlSlug) + "/highlights", hlReport, "/api/v1" + hlReport} {
				out = append(out, min(once(p), once(p)))
			}
			return out
		}
		before := measure()
		at := time.Date(2025, 8, 2, 9, 0, 0, 0, time.UTC)
		for i := range 60 {
			number := fmt.Sprintf("1.%d", 1+i%5)
			exec := func(sql string, args ...any) {
				if err := d.DB.Exec(sql, args...).Error; err != nil {
					t.Fatal(err)
				}
			}
			exec("INSERT INTO progress_updates (action_id, update_date, narrative, status, rag, author_name, created_at) VALUES (?, ?, 'More ŵ', 'in_progress', 'green', 'x', ?)",
				w.Actions[number], at.AddDate(0, 0, i%40), at)
			exec("INSERT INTO due_revisions (action_id, from_due, to_due, reason, author_name, created_at) VALUES (?, '2025-09', '2026-01', 'More', 'x', ?)", w.Actions[number], at)
			exec("INSERT INTO risks (plan_id, area_id, kind, title, likelihood, impact, score, status, created_at, updated_at) VALUES (?, ?, 'risk', ?, 2, 2, 4, 'open', ?, ?)",
				w.Plan.ID, w.Area.ID, fmt.Sprintf("More %d", i), at, at)
		}
		after := measure()
		if fmt.Sprint(before) != fmt.Sprint(after) {
			t.Fatalf("statements per request grow: %v, then %v", before, after)
		}
		t.Logf("statements per request (highlights, report page, report API): %v", after)
	})
}

// checkHighlights exercises the highlight report's API against the spec, on
// the fixture plan (every list filled) and the seeded one.
func (k *contract) checkHighlights(t *testing.T, env *apptest.Env, call caller) {
	t.Helper()
	highlighttest.Load(t, env.DB.DB, hlSlug, "Łódź → second plan")
	target := "/api/v1" + hlReport
	sro := env.SignIn(t, models.RoleLead, "SRO ŵ "+hlSlug)
	viewer := env.SignIn(t, models.RoleViewer)
	call(viewer, "GET", target, "", 200, true)
	call(viewer, "GET", "/api/v1/plans/dorset-wsoa-2019/highlights/1/2024-25-Q4", "", 200, true)
	call(viewer, "GET", "/api/v1/plans/dorset-wsoa-2019/highlights/9/2024-25-Q4", "", 404, true)
	call(sro, "PUT", target, `{"rag":"amber","reason":"Staff ≥ 2 short","forecast_rag":"green","next_steps":"Recruit → ŵ"}`, 200, true)
	call(sro, "PUT", target, `{"rag":"red","reason":""}`, 400, true)
	call(sro, "PUT", target, `{"rag":"purple"}`, 400, false)
	call(viewer, "PUT", target, `{"rag":"green"}`, 403, true)
}
