package app_test

import (
	"encoding/json"
	"net/http"
	"slices"
	"testing"
	"time"

	"sendboard/app/apptest"
	"sendboard/models"
	"sendboard/models/modeltest"
)

type apiListBody struct {
	Actions []struct {
		Number    string `json:"number"`
		Milestone struct {
			Label string `json:"label"`
			Due   string `json:"due"`
		} `json:"milestone"`
		PriorityArea struct {
			Number int    `json:"number"`
			Title  string `json:"title"`
		} `json:"priority_area"`
		Lead       *string  `json:"lead"`
		LeadRole   *string  `json:"lead_role"`
		Boards     []string `json:"boards"`
		Status     string   `json:"status"`
		InitiateBy *string  `json:"initiate_by"`
		Start      *string  `json:"start"`
		RAG        *string  `json:"rag"`
		Progress   string   `json:"progress"`
		Flags      []any    `json:"flags"`
		Version    int      `json:"version"`
	} `json:"actions"`
	Total int64   `json:"total"`
	Next  *string `json:"next"`
}

type apiErrorBody struct {
	Error string `json:"error"`
	Field string `json:"field"`
}

func apiGet(t *testing.T, env *apptest.Env, c *apptest.Client, path string, want int, v any) {
	t.Helper()
	rec := env.API(c, "GET", path, "")
	if rec.Code != want {
		t.Fatalf("GET %s = %d, want %d: %.300s", path, rec.Code, want, rec.Body.String())
	}
	if err := json.Unmarshal(rec.Body.Bytes(), v); err != nil {
		t.Fatalf("GET %s: %v in %.200s", path, err, rec.Body.String())
	}
}

func TestAPIActionsPaging(t *testing.T) {
	t.Parallel()
	apptest.Each(t, func(t *testing.T, env *apptest.Env, d modeltest.DB) {
		c := env.SignIn(t, models.RoleViewer)

		var first apiListBody
		apiGet(t, env, c, "/api/v1/actions", http.StatusOK, &first)
		if first.Total != 60 || len(first.Actions) != models.DefaultLimit || first.Next == nil || *first.Next != "3.7" {
			t.Fatalf("default page: total %d, %d actions, next %v", first.Total, len(first.Actions), first.Next)
		}
		var all200 apiListBody
		apiGet(t, env, c, "/api/v1/actions?limit=200", http.StatusOK, &all200)
		if len(all200.Actions) != 60 || all200.Next != nil {
			t.Errorf("limit=200: %d actions, next %v", len(all200.Actions), all200.Next)
		}
		for _, q := range []string{"limit=201", "limit=0", "limit=-5", "limit=many"} {
			var e apiErrorBody
			apiGet(t, env, c, "/api/v1/actions?"+q, http.StatusBadRequest, &e)
			if e.Field != "limit" || e.Error == "" {
				t.Errorf("%s: error %+v, want field limit", q, e)
			}
		}

		// Walking the cursor visits every action exactly once, in numeric order;
		// 21 is an exact multiple of the page size, so the last full page must say no next.
		for _, tc := range []struct {
			filter string
			want   int
		}{{"", 60}, {"&milestone=1", 21}, {"&milestone=2", 22}, {"&board=send-improvement-board", 40}, {"&q=autism", 6}} {
			var seen []string
			path := "/api/v1/actions?limit=7" + tc.filter
			pages := 0
			for ; ; pages++ {
				if pages > 20 {
					t.Fatalf("%s: cursor does not end", tc.filter)
				}
				var p apiListBody
				apiGet(t, env, c, path, http.StatusOK, &p)
				if p.Total != int64(tc.want) {
					t.Errorf("%s: total %d, want %d", tc.filter, p.Total, tc.want)
				}
				for _, a := range p.Actions {
					seen = append(seen, a.Number)
				}
				if p.Next == nil {
					pages++
					break
				}
				path = "/api/v1/actions?limit=7" + tc.filter + "&after=" + *p.Next
			}
			if len(seen) != tc.want || !slices.IsSortedFunc(seen, compareNumbers) || len(slices.Compact(slices.Clone(seen))) != tc.want {
				t.Errorf("%s: walked %d actions %v", tc.filter, len(seen), seen)
			}
			if want := (tc.want + 6) / 7; pages != want {
				t.Errorf("%s: %d pages of 7 for %d actions, want %d", tc.filter, pages, tc.want, want)
			}
		}
	})
}

func compareNumbers(a, b string) int {
	a1, a2, _ := models.SplitNumber(a)
	b1, b2, _ := models.SplitNumber(b)
	if a1 != b1 {
		return a1 - b1
	}
	return a2 - b2
}

func TestAPIActionFieldsAndErrors(t *testing.T) {
	t.Parallel()
	apptest.Each(t, func(t *testing.T, env *apptest.Env, d modeltest.DB) {
		c := env.SignIn(t, models.RoleViewer)

		var l apiListBody
		apiGet(t, env, c, "/api/v1/actions?status=not_started&milestone=2&limit=3", http.StatusOK, &l)
		if l.Total != 7 || len(l.Actions) != 3 || l.Next == nil || *l.Next != "2.6" {
			t.Fatalf("not started in milestone 2: total %d, %d actions, next %v", l.Total, len(l.Actions), l.Next)
		}
		a := l.Actions[0]
		if a.Number != "2.1" || a.Status != "not_started" || a.InitiateBy == nil || *a.InitiateBy != "2019-08" ||
			a.Start == nil || *a.Start != "2019-08" ||
			a.Milestone.Due != "2019-10" || a.PriorityArea.Number != 1 || a.RAG != nil || a.Flags == nil || a.Version != 1 {
			t.Errorf("2.1 = %+v", a)
		}

		apiGet(t, env, c, "/api/v1/actions?q=Case+studies+created", http.StatusOK, &l)
		if len(l.Actions) != 1 || l.Actions[0].Number != "2.12" || l.Actions[0].Lead != nil || l.Actions[0].LeadRole != nil ||
			l.Actions[0].Boards == nil || len(l.Actions[0].Boards) != 0 {
			t.Errorf("2.12 should have a null lead and an empty board list: %+v", l.Actions)
		}
		apiGet(t, env, c, "/api/v1/actions?lead=send-adviser", http.StatusOK, &l)
		var spellings []string
		for _, a := range l.Actions {
			spellings = append(spellings, *a.Lead+" → "+*a.LeadRole)
		}
		if want := []string{"SEND Advisor → SEND Adviser", "SEND Adviser → SEND Adviser", "SEND Advisor → SEND Adviser"}; !slices.Equal(spellings, want) {
			t.Errorf("SEND adviser leads = %q, want %q", spellings, want)
		}

		for q, field := range map[string]string{"status=done": "status", "milestone=x": "milestone", "rag=pink": "rag",
			"flag=nope": "flag", "board=nope": "board", "lead=nope": "lead", "after=1.x": "after", "priority=0": "priority"} {
			var e apiErrorBody
			apiGet(t, env, c, "/api/v1/actions?"+q, http.StatusBadRequest, &e)
			if e.Field != field || e.Error == "" {
				t.Errorf("%s: %+v, want field %q", q, e, field)
			}
		}
		var e apiErrorBody
		apiGet(t, env, c, "/api/v1/actions/9.99", http.StatusNotFound, &e)
		if e.Error == "" {
			t.Error("404 without an error message")
		}
		apiGet(t, env, c, "/api/v1/kpis/sendiass.nope/figures", http.StatusNotFound, &e)
	})
}

func TestAPIActionDetailUpdatesNewestFirst(t *testing.T) {
	t.Parallel()
	apptest.Each(t, func(t *testing.T, env *apptest.Env, d modeltest.DB) {
		c := env.SignIn(t, models.RoleViewer)
		var act models.Action
		if err := d.DB.Where("number = ?", "1.1").Take(&act).Error; err != nil {
			t.Fatal(err)
		}
		// Inserted out of date order: the API must sort them.
		for _, day := range []string{"2019-08-01", "2019-10-01", "2019-09-01"} {
			at, _ := time.Parse("2006-01-02", day)
			u := models.ProgressUpdate{ActionID: act.ID, UpdateDate: at, Narrative: "Update of " + day,
				Status: models.StatusInProgress, RAG: "green", AuthorName: "Test", CreatedAt: at}
			if err := d.DB.Create(&u).Error; err != nil {
				t.Fatal(err)
			}
		}
		var got struct {
			Number  string `json:"number"`
			Aim     string `json:"aim"`
			Updates []struct {
				Date, Narrative, Author string
			} `json:"updates"`
		}
		apiGet(t, env, c, "/api/v1/actions/1.1", http.StatusOK, &got)
		var dates []string
		for _, u := range got.Updates {
			dates = append(dates, u.Date)
		}
		if want := []string{"2019-10-01", "2019-09-01", "2019-08-01", "2019-06-30"}; !slices.Equal(dates, want) {
			t.Errorf("update dates = %v, want %v", dates, want)
		}
		if n := len(got.Updates); n == 0 || got.Updates[n-1].Author != models.ImportAuthor || got.Aim == "" {
			t.Errorf("oldest update should be the imported one: %+v", got)
		}

		var boards struct {
			Boards []struct{ Name, Slug string } `json:"boards"`
		}
		apiGet(t, env, c, "/api/v1/boards", http.StatusOK, &boards)
		if len(boards.Boards) != 5 {
			t.Errorf("%d boards, want 5", len(boards.Boards))
		}
		var leads struct {
			Leads []struct {
				Name    string   `json:"name"`
				Aliases []string `json:"aliases"`
			} `json:"leads"`
		}
		apiGet(t, env, c, "/api/v1/leads", http.StatusOK, &leads)
		aliases := map[string][]string{}
		for _, l := range leads.Leads {
			aliases[l.Name] = l.Aliases
		}
		if !slices.Equal(aliases["Senior Educational Psychologist (EP)"], []string{"Senior EP"}) || aliases["DCO"] == nil {
			t.Errorf("lead aliases = %v", aliases)
		}
		var figs struct {
			Figures []struct {
				Period string  `json:"period"`
				Value  float64 `json:"value"`
			} `json:"figures"`
		}
		apiGet(t, env, c, "/api/v1/kpis/sendiass.converted_to_cases/figures", http.StatusOK, &figs)
		periods := map[string]float64{}
		for _, f := range figs.Figures {
			if _, dup := periods[f.Period]; dup {
				t.Errorf("period %s twice", f.Period)
			}
			periods[f.Period] = f.Value
		}
		if periods["2022-23 Q1"] != 63 || periods["2023-24 Q3"] != 7 || periods["2024-25 Q4"] != 4 || len(periods) != 15 {
			t.Errorf("converted to cases figures = %v", periods)
		}
	})
}
