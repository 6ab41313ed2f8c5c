package app_test

import (
	"context"
	"fmt"
	"net/http"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"sendboard/app/apptest"
	"sendboard/models"
	"sendboard/models/modeltest"
)

// attentionCounts reads each attention group's count from the page.
func attentionCounts(t *testing.T, body string) map[string]string {
	t.Helper()
	re := regexp.MustCompile(`id="attention-([a-z_]+)">\s*<h3[^>]*><a[^>]*>[^<]*</a> <strong[^>]*>(\d+)<`)
	out := map[string]string{}
	for _, m := range re.FindAllStringSubmatch(body, -1) {
		out[m[1]] = m[2]
	}
	return out
}

// attentionItems lists the action numbers of one attention group, in order.
func attentionItems(body, group string) []string {
	i := strings.Index(body, `id="attention-`+group+`"`)
	if i < 0 {
		return nil
	}
	part := body[i:]
	part = part[:strings.Index(part, "</li>\n  \n")+1]
	var out []string
	for _, m := range actionLinkRE.FindAllStringSubmatch(part, -1) {
		out = append(out, m[1])
	}
	return out
}

// TestDashboardNeedsAttention: the attention list counts red actions, each
// flag kind and complete actions awaiting sign-off, lists milestone-passed
// actions longest first, and links each group to the table filtered to it.
func TestDashboardNeedsAttention(t *testing.T) {
	t.Parallel()
	apptest.Each(t, func(t *testing.T, env *apptest.Env, d modeltest.DB) {
		if _, err := models.RunFlags(context.Background(), d.DB, time.Date(2020, 1, 15, 9, 0, 0, 0, time.UTC), time.UTC, 90); err != nil {
			t.Fatal(err)
		}
		d.DB.Model(&models.Action{}).Where("number IN ?", []string{"1.4", "2.9"}).Update("rag", "red")
		lead := env.SignIn(t, models.RoleLead, "DCO")
		completeAction(t, env, lead, "3.8")
		c := env.SignIn(t, models.RoleViewer)
		body := env.Get(c, "/").Body.String()
		if a, h := strings.Index(body, "Needs attention"), strings.Index(body, `id="actions"`); a < 0 || a > h {
			t.Fatal("the attention list is not above the action table")
		}
		// On 15 January 2020 sections 1 and 2 (July and October 2019) have passed, not 3 (May 2020);
		// 9 actions were to start by December 2019; 3.8 is complete since the test's update, so
		// it is out of every flag and awaits sign-off.
		want := map[string]string{"red": "2", "overdue_initiation": "9", "milestone_passed": "43",
			"update_overdue": "59", "awaiting_signoff": "1"}
		if got := attentionCounts(t, body); fmt.Sprint(got) != fmt.Sprint(want) {
			t.Errorf("attention counts = %v, want %v", got, want)
		}
		// Longest first: the July 2019 milestone (since 1 August) before October's (since 1 November).
		if got := attentionItems(body, "milestone_passed"); !slices.Equal(got, []string{"1.1", "1.2", "1.3", "1.4", "1.5"}) {
			t.Errorf("milestone passed lists %v first", got)
		}
		if !strings.Contains(body, "— due July 2019") || !strings.Contains(body, "and 38 more") {
			t.Error("milestone passed does not say the due month and how many more")
		}
		if got := attentionItems(body, "red"); !slices.Equal(got, []string{"1.4", "2.9"}) {
			t.Errorf("red lists %v", got)
		}
		if got := attentionItems(body, "awaiting_signoff"); !slices.Equal(got, []string{"3.8"}) {
			t.Errorf("awaiting sign-off lists %v", got)
		}
		for _, href := range []string{`href="/?rag=red#actions"`, `href="/?flag=milestone_passed&amp;sort=due#actions"`,
			`href="/?flag=overdue_initiation#actions"`, `href="/?flag=update_overdue#actions"`} {
			if !strings.Contains(body, href) {
				t.Errorf("no attention link %s", href)
			}
		}
		// A board's page: attention within the board only.
		board := env.Get(c, "/boards/schools-forum").Body.String()
		if got := attentionCounts(t, board); got["overdue_initiation"] != "1" || got["red"] != "0" {
			t.Errorf("schools forum attention = %v, want 1 overdue initiation (3.4), none red", got)
		}
	})
}

// TestDashboardSortPagesAndCounts: sortable columns by link, page sizes
// 50/100/500, "Showing 1–50 of 60", and no "match the selection" when
// nothing was selected.
func TestDashboardSortPagesAndCounts(t *testing.T) {
	t.Parallel()
	apptest.Each(t, func(t *testing.T, env *apptest.Env, d modeltest.DB) {
		d.DB.Model(&models.Action{}).Where("number = ?", "2.9").Update("rag", "red")
		d.DB.Model(&models.Action{}).Where("number = ?", "3.2").Update("rag", "amber")
		c := env.SignIn(t, models.RoleViewer)
		body := env.Get(c, "/").Body.String()
		if !strings.Contains(body, "Showing 1–50 of 60 actions.") || strings.Contains(body, "match the selection") {
			t.Errorf("unfiltered results line wrong")
		}
		if !strings.Contains(body, "Due July 2019") || !strings.Contains(body, "Last update 30 June 2019") {
			t.Error("no due / last update column")
		}
		second := env.Get(c, "/?page=2").Body.String()
		if !strings.Contains(second, "Showing 51–60 of 60 actions.") || !strings.Contains(second, "Page 2 of 2") {
			t.Error("second page counts wrong")
		}
		if got := listedNumbers(t, env.Get(c, "/?size=100")); len(got) != 60 {
			t.Errorf("size=100 lists %d", len(got))
		}
		filtered := env.Get(c, "/?milestone=3").Body.String()
		if !strings.Contains(filtered, "Showing 1–17 of 17 actions that match the selection.") {
			t.Error("filtered results line wrong")
		}
		cases := []struct {
			sort  string
			first []string
		}{
			{"", []string{"1.1", "1.2"}},
			{"-number", []string{"3.17", "3.16"}},
			{"due", []string{"1.1", "1.2"}},
			{"-due", []string{"3.17", "3.16"}},
			{"rag", []string{"2.9", "3.2"}}, // red, amber, then the unrated in number order
			{"-rag", []string{"3.17", "3.16"}},
			{"status", []string{"2.1", "2.2"}}, // not started first
			{"lead", nil},
		}
		for _, tc := range cases {
			got := listedNumbers(t, env.Get(c, "/?milestone=&sort="+tc.sort))
			if len(got) != 50 || (tc.first != nil && !slices.Equal(got[:2], tc.first)) {
				t.Errorf("sort=%s: first %v of %d, want %v", tc.sort, got[:min(2, len(got))], len(got), tc.first)
			}
		}
		// Lead order is alphabetical, no-lead last.
		var leads []string
		d.DB.Model(&models.Action{}).Where("lead_text <> ''").Order("LOWER(lead_text), major, minor").Limit(1).Pluck("number", &leads)
		if got := listedNumbers(t, env.Get(c, "/?sort=lead")); got[0] != leads[0] {
			t.Errorf("sort=lead starts %s, want %s", got[0], leads[0])
		}
		// Headings link to their sort, the current one to its reverse; the sort is kept across pages.
		sorted := env.Get(c, "/?sort=due&status=in_progress").Body.String()
		for _, s := range []string{`aria-sort="ascending"`, `href="/?sort=-due&amp;status=in_progress#actions"`,
			`href="/?sort=rag&amp;status=in_progress#actions"`} {
			if !strings.Contains(sorted, s) {
				t.Errorf("sorted page lacks %s", s)
			}
		}
		if !strings.Contains(env.Get(c, "/?sort=due").Body.String(), `href="/?page=2&amp;sort=due#actions"`) {
			t.Error("the next page link drops the sort")
		}
		// Every number on every page once, whatever the sort.
		for _, s := range []string{"due", "-last_update", "rag"} {
			all := append(listedNumbers(t, env.Get(c, "/?sort="+s)), listedNumbers(t, env.Get(c, "/?page=2&sort="+s))...)
			slices.Sort(all)
			if len(slices.Compact(all)) != 60 {
				t.Errorf("sort=%s: the two pages hold %d distinct actions, want 60", s, len(slices.Compact(all)))
			}
		}
		if rec := env.Get(c, "/?page=9"); rec.Code != http.StatusOK || !strings.Contains(rec.Body.String(), "Showing 51–60 of 60") {
			t.Errorf("a page past the end = %d, want the last page", rec.Code)
		}
	})
}

// TestDashboardStatementsUncached: an overview rendered afresh (not from
// the page cache) runs the same number of statements with 60 actions as with
// 5,000, and the charts and attention list add a fixed two.
func TestDashboardStatementsUncached(t *testing.T) {
	t.Parallel()
	apptest.Each(t, func(t *testing.T, env *apptest.Env, d modeltest.DB) {
		n := 0
		measurer := func(env *apptest.Env) func(path string) int64 {
			c := env.SignIn(t, models.RoleViewer)
			counter := modeltest.CountQueries(env.DB.DB)
			return func(path string) int64 {
				env.Get(c, path+"&warm=1") // the session's last-seen write and the reference cache
				n++
				counter.Reset()
				if rec := env.Get(c, fmt.Sprintf("%s&fresh=%d", path, n)); rec.Code != http.StatusOK {
					t.Fatalf("GET %s = %d", path, rec.Code)
				}
				return counter.N()
			}
		}
		paths := []string{"/?x=1", "/?sort=due&size=500", "/boards/send-improvement-board?sort=-rag", "/leads/dco?x=1",
			"/boards?x=1", "/leads?x=1"}
		small := map[string]int64{}
		measure := measurer(env)
		for _, p := range paths {
			small[p] = measure(p)
		}
		measure = measurer(apptest.Like(t, d, apptest.Synthetic))
		for _, p := range paths {
			l := measure(p)
			t.Logf("%s GET %s uncached: %d statements with 60 actions, %d with 5,000", d.Name, p, small[p], l)
			if small[p] != l || l > maxQueriesPerPage {
				t.Errorf("GET %s: %d statements with 60 actions, %d with 5,000", p, small[p], l)
			}
		}
	})
}
