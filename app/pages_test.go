package app_test

import (
	"net/http"
	"net/http/httptest"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"sendboard/app/apptest"
	"sendboard/models"
	"sendboard/models/modeltest"
)

var actionLinkRE = regexp.MustCompile(`<a class="govuk-link" href="/actions/([0-9]+\.[0-9]+)">`)

// listedNumbers are the action numbers in a page's action table, in order.
func listedNumbers(t *testing.T, rec *httptest.ResponseRecorder) []string {
	t.Helper()
	if rec.Code != http.StatusOK {
		t.Fatalf("status %d: %.300s", rec.Code, rec.Body.String())
	}
	// Only the action table: the attention list above it links actions too.
	body := rec.Body.String()
	if i := strings.Index(body, `id="actions"`); i >= 0 {
		body = body[i:]
		if j := strings.Index(body, "</table>"); j >= 0 {
			body = body[:j]
		}
	}
	var out []string
	for _, m := range actionLinkRE.FindAllStringSubmatch(body, -1) {
		out = append(out, m[1])
	}
	return out
}

// markActions gives 1.4 a red RAG and 1.5 an amber one, raises an open
// overdue-initiation flag on 2.1 and a resolved update-overdue flag on 2.2.
func markActions(t *testing.T, env *apptest.Env) {
	t.Helper()
	db := env.DB.DB
	for num, rag := range map[string]string{"1.4": "red", "1.5": "amber"} {
		if err := db.Model(&models.Action{}).Where("number = ?", num).Update("rag", rag).Error; err != nil {
			t.Fatal(err)
		}
	}
	id := func(num string) uint {
		var a models.Action
		if err := db.Where("number = ?", num).Take(&a).Error; err != nil {
			t.Fatal(err)
		}
		return a.ID
	}
	now := time.Date(2019, 10, 1, 6, 0, 0, 0, time.UTC)
	flags := []models.Flag{{ActionID: id("2.1"), Kind: models.FlagOverdueInitiation, RaisedAt: now},
		{ActionID: id("2.2"), Kind: models.FlagUpdateOverdue, RaisedAt: now, ResolvedAt: &now}}
	if err := db.Create(&flags).Error; err != nil {
		t.Fatal(err)
	}
}

func TestDashboardFilters(t *testing.T) {
	t.Parallel()
	apptest.Each(t, func(t *testing.T, env *apptest.Env, d modeltest.DB) {
		markActions(t, env)
		c := env.SignIn(t, models.RoleViewer)

		all := listedNumbers(t, env.Get(c, "/"))
		if len(all) != models.DefaultLimit || all[0] != "1.1" || all[49] != "3.7" {
			t.Fatalf("first page = %v", all)
		}
		// Numeric order: 1.2 before 1.10, 1.9 before 1.10, 1.21 before 2.1.
		for _, pair := range [][2]string{{"1.2", "1.10"}, {"1.9", "1.10"}, {"1.21", "2.1"}, {"2.9", "2.10"}} {
			if slices.Index(all, pair[0]) > slices.Index(all, pair[1]) {
				t.Errorf("%s listed after %s: %v", pair[0], pair[1], all)
			}
		}
		body := env.Get(c, "/").Body.String()
		if !strings.Contains(body, "60 actions") || !strings.Contains(body, "1 flagged") {
			t.Errorf("dashboard summary missing 60 actions / 1 flagged")
		}
		// The summary tables: label cell, then its count.
		for label, n := range map[string]int{"3 Month Milestones (July 2019)": 21, "6 Month Milestones (October 2019)": 22,
			"12 Month Milestones (May 2020)": 17, "Area 1": 15, "Area 2": 11, "Area 3": 22, "Area 4": 12,
			"Not started": 12, "In progress": 48} {
			re := regexp.MustCompile(regexp.QuoteMeta(label) + `</a></th><td class="govuk-table__cell govuk-table__cell--numeric">(\d+)</td>`)
			if m := re.FindStringSubmatch(body); m == nil || m[1] != strconv.Itoa(n) {
				t.Errorf("summary %q = %v, want %d", label, m, n)
			}
		}
		if !strings.Contains(body, `href="/?page=2#actions"`) {
			t.Error("no link to the next page of actions")
		}

		cases := []struct {
			query string
			want  []string
		}{
			{"milestone=3", []string{"3.1", "3.2", "3.3", "3.4", "3.5", "3.6", "3.7", "3.8", "3.9", "3.10", "3.11", "3.12", "3.13", "3.14", "3.15", "3.16", "3.17"}},
			{"priority=4", []string{"1.17", "1.18", "1.19", "1.20", "1.21", "2.16", "2.17", "2.18", "2.19", "2.20", "2.21", "2.22"}},
			{"board=schools-forum", []string{"2.8", "2.13", "3.4", "3.5", "3.9", "3.10", "3.11"}},
			{"board=ccg-audit-and-quality-group", []string{"2.3"}},
			{"board=strategic-alliance", []string{"1.8", "1.11", "1.16", "2.15", "3.7"}},
			{"lead=dco", []string{"1.2", "2.3", "3.3", "3.6", "3.8", "3.12", "3.13", "3.14", "3.15", "3.16", "3.17"}},
			{"lead=send-adviser", []string{"1.21", "2.10", "3.1"}},
			{"lead=family-partnership-zone-fpz-strategic-lead", []string{"1.8", "1.16"}},
			{"status=not_started", []string{"2.1", "2.2", "2.6", "2.7", "2.12", "2.19", "2.22", "3.2", "3.4", "3.6", "3.7", "3.17"}},
			{"status=complete", nil},
			{"milestone=2&status=not_started", []string{"2.1", "2.2", "2.6", "2.7", "2.12", "2.19", "2.22"}},
			{"rag=red", []string{"1.4"}},
			{"rag=amber", []string{"1.5"}},
			{"rag=green", nil},
			{"flag=any", []string{"2.1"}},
			{"flag=overdue_initiation", []string{"2.1"}},
			{"flag=update_overdue", nil}, // 2.2's flag is resolved
			{"q=autism", []string{"3.12", "3.13", "3.14", "3.15", "3.16", "3.17"}},
			{"q=ANSBURY", []string{"1.3"}},                      // impact measure, any case
			{"q=3788", []string{"1.14"}},                        // progress
			{"q=50%25", []string{"1.1", "2.3", "2.16", "2.22"}}, // % is literal, not a wildcard
			{"q=newsletter&milestone=1", []string{"1.10", "1.14"}},
			{"board=send-health-forum&lead=dco&milestone=3", []string{"3.3", "3.6", "3.8", "3.12", "3.13", "3.14", "3.15", "3.16", "3.17"}},
		}
		for _, tc := range cases {
			got := listedNumbers(t, env.Get(c, "/?"+tc.query))
			if !slices.Equal(got, tc.want) {
				t.Errorf("/?%s:\n got %v\nwant %v", tc.query, got, tc.want)
			}
		}
		rag := listedNumbers(t, env.Get(c, "/?rag=none&milestone=1"))
		if len(rag) != 19 || slices.Contains(rag, "1.4") || slices.Contains(rag, "1.5") {
			t.Errorf("rag=none in milestone 1 = %v, want the 19 unrated", rag)
		}
		// The second page continues after the first.
		next := listedNumbers(t, env.Get(c, "/?page=2"))
		if !slices.Equal(next, []string{"3.8", "3.9", "3.10", "3.11", "3.12", "3.13", "3.14", "3.15", "3.16", "3.17"}) {
			t.Errorf("page after 3.7 = %v", next)
		}
	})
}

func TestBadFiltersAndMissingPages(t *testing.T) {
	t.Parallel()
	apptest.Each(t, func(t *testing.T, env *apptest.Env, d modeltest.DB) {
		c := env.SignIn(t, models.RoleViewer)
		bad := map[string]string{"milestone=abc": "milestone", "priority=9x": "priority", "status=finished": "status",
			"rag=purple": "rag", "flag=late": "flag", "board=no-such-board": "board", "lead=nobody": "lead",
			"after=x": "after", "limit=999": "limit",
			"size=75": "size", "page=0": "page", "sort=priority": "sort"}
		for q, field := range bad {
			rec := env.Get(c, "/?"+q)
			body := rec.Body.String()
			if rec.Code != http.StatusBadRequest || !strings.Contains(body, "<strong>"+field+"</strong>") ||
				!strings.Contains(body, "There is a problem") {
				t.Errorf("/?%s = %d, want a 400 page naming %q: %.200s", q, rec.Code, field, body)
			}
			if rec := env.Get(c, "/boards/schools-forum?"+q); rec.Code != http.StatusBadRequest && field != "board" {
				t.Errorf("/boards/schools-forum?%s = %d, want 400", q, rec.Code)
			}
		}
		for _, p := range []string{"/actions/9.99", "/actions/1.1x", "/actions/abc", "/boards/no-such-board", "/leads/nobody", "/nowhere"} {
			rec := env.Get(c, p)
			if rec.Code != http.StatusNotFound || !strings.Contains(rec.Body.String(), "Page not found") {
				t.Errorf("GET %s = %d, want the 404 page", p, rec.Code)
			}
		}
	})
}

func TestBoardAndLeadPages(t *testing.T) {
	t.Parallel()
	apptest.Each(t, func(t *testing.T, env *apptest.Env, d modeltest.DB) {
		c := env.SignIn(t, models.RoleViewer)
		pages := []struct {
			path, heading string
			count         int
		}{
			{"/boards/send-improvement-board", "SEND Improvement Board", 40},
			{"/boards/send-health-forum", "SEND Health Forum", 16},
			{"/boards/schools-forum", "Schools Forum", 7},
			{"/leads/dco", "DCO", 11},
			{"/leads/senior-educational-psychologist-ep", "Senior Educational Psychologist (EP)", 2},
		}
		for _, p := range pages {
			rec := env.Get(c, p.path)
			got := listedNumbers(t, rec)
			body := rec.Body.String()
			if len(got) != p.count || !strings.Contains(body, `<h1 class="govuk-heading-l">`+p.heading+`</h1>`) {
				t.Errorf("%s: %d actions (want %d), heading %q present: %v", p.path, len(got), p.count, p.heading,
					strings.Contains(body, p.heading))
			}
			if !strings.Contains(body, strconv.Itoa(p.count)+" actions") {
				t.Errorf("%s: summary does not say %d actions", p.path, p.count)
			}
		}
		// A board page filters within the board.
		got := listedNumbers(t, env.Get(c, "/boards/schools-forum?status=not_started"))
		if !slices.Equal(got, []string{"3.4"}) {
			t.Errorf("schools forum not started = %v, want [3.4]", got)
		}
		// 2.12 has no lead; 2.7 has no board: their pages say so.
		body := env.Get(c, "/actions/2.12").Body.String()
		for _, s := range []string{"No lead named in the plan", "No governance board named in the plan", "initiate by September 2019", "Initiate September 2019"} {
			if !strings.Contains(body, s) {
				t.Errorf("/actions/2.12 lacks %q", s)
			}
		}
		body = env.Get(c, "/actions/1.16").Body.String()
		for _, s := range []string{"FPZ Strategic Lead", `href="/leads/family-partnership-zone-fpz-strategic-lead"`,
			`href="/boards/strategic-alliance"`, "3. Talking to, listening to", "due July 2019", ">Action 1.16</h1>",
			models.ImportAuthor, "FPZ dashboard has been rolled out"} {
			if !strings.Contains(body, s) {
				t.Errorf("/actions/1.16 lacks %q", s)
			}
		}
	})
}

func TestKPIsPage(t *testing.T) {
	t.Parallel()
	apptest.Each(t, func(t *testing.T, env *apptest.Env, d modeltest.DB) {
		c := env.SignIn(t, models.RoleViewer)
		rec := env.Get(c, "/kpis")
		body := rec.Body.String()
		if rec.Code != http.StatusOK {
			t.Fatalf("/kpis = %d", rec.Code)
		}
		i := strings.Index(body, `id="kpi-sendiass.initial_enquiries"`)
		if i < 0 {
			t.Fatal("no initial enquiries section")
		}
		section := body[i:]
		section = section[:strings.Index(section, "</section>")]
		for _, s := range []string{"<svg", `role="img"`, "<polyline", "2022-23 Q1", "2024-25 Q4", ">362<", ">218<", ">1309<"} {
			if !strings.Contains(section, s) {
				t.Errorf("initial enquiries section lacks %q", s)
			}
		}
		// The chart plots the twelve quarters, not the yearly totals among them.
		label := `aria-label="Initial enquiries: 2022-23 Q1 218 to 2024-25 Q4 364"`
		points := regexp.MustCompile(`<polyline[^>]* points="([^"]*)"`).FindStringSubmatch(section)
		if !strings.Contains(section, label) || len(points) < 2 || len(strings.Fields(points[1])) != 12 {
			t.Errorf("initial enquiries chart should have 12 quarterly points and %s; got %q", label, points)
		}
		if n := strings.Count(body, "<svg"); n < 10 {
			t.Errorf("%d inline charts, want one per series with figures", n)
		}
		if !strings.Contains(body, "Original benchmark = 3.93") || !strings.Contains(body, "Target not met") {
			t.Error("satisfaction target and its status are not shown")
		}
		if strings.Contains(body, "<script") {
			t.Error("the KPI page should not need JavaScript")
		}
	})
}

func TestHealthAndSignIn(t *testing.T) {
	t.Parallel()
	apptest.Each(t, func(t *testing.T, env *apptest.Env, d modeltest.DB) {
		for path, want := range map[string]string{"/healthz": `"ok"`, "/readyz": `"ready"`} {
			if rec := env.Get(nil, path); rec.Code != http.StatusOK || !strings.Contains(rec.Body.String(), want) {
				t.Errorf("GET %s = %d %s", path, rec.Code, rec.Body.String())
			}
		}
		for _, p := range []string{"/", "/actions/1.1", "/boards/schools-forum", "/leads/dco", "/kpis", "/?milestone=2"} {
			rec := env.Get(nil, p)
			if loc := rec.Header().Get("Location"); rec.Code != http.StatusSeeOther || !strings.HasPrefix(loc, "/login") {
				t.Errorf("anonymous GET %s = %d to %q, want 303 to /login", p, rec.Code, loc)
			}
		}
		for _, p := range []string{"/api/v1/actions", "/api/v1/actions/1.1", "/api/v1/boards", "/api/v1/leads", "/api/v1/kpis", "/api/v1/kpis/sendiass.initial_enquiries/figures"} {
			rec := env.API(nil, "GET", p, "")
			if rec.Code != http.StatusUnauthorized || !strings.HasPrefix(rec.Header().Get("Content-Type"), "application/json") ||
				!strings.Contains(rec.Body.String(), `"error"`) {
				t.Errorf("anonymous GET %s = %d %s %s, want 401 JSON", p, rec.Code, rec.Header().Get("Content-Type"), rec.Body.String())
			}
		}
		// A wrong bearer token is refused too, not treated as anonymous.
		req := httptest.NewRequest("GET", "/api/v1/actions", nil)
		req.Header.Set("Authorization", "Bearer not-a-token")
		rec := httptest.NewRecorder()
		env.E.ServeHTTP(rec, req)
		if rec.Code != http.StatusUnauthorized {
			t.Errorf("bad token = %d, want 401", rec.Code)
		}
	})
}

// httpResult is a recorded response.
type httpResult = httptest.ResponseRecorder

func snippet(s string) string {
	if len(s) > 300 {
		return s[:300] + "…"
	}
	return s
}

func itoa(n uint) string { return strconv.FormatUint(uint64(n), 10) }
