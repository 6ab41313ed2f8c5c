package app_test

import (
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"sendboard/app/apptest"
	"sendboard/models"
	"sendboard/models/modeltest"
)

// TestCompleteSignOffAndReopen walks an action through completion, board
// sign-off, and reopening with a reason.
func TestCompleteSignOffAndReopen(t *testing.T) {
	t.Parallel()
	apptest.Each(t, func(t *testing.T, env *apptest.Env, d modeltest.DB) {
		lead := env.SignIn(t, models.RoleLead, "DCO")
		board := env.SignInBoard(t, "SEND Health Forum")
		post := func(c *apptest.Client, path string, f url.Values) int { return env.PostForm(c, path, f).Code }
		v := actionVersion(t, env, lead, "3.8")
		if code := post(lead, "/actions/3.8/updates", url.Values{"narrative": {"Pathway embedded"}, "status": {"complete"},
			"rag": {"blue"}, "evidence": {"Audit of referrals, March"}, "version": {fmt.Sprint(v)}}); code != http.StatusSeeOther {
			t.Fatalf("complete: %d", code)
		}
		page := env.Get(board, "/actions/3.8").Body.String()
		if !strings.Contains(page, "awaiting sign-off") || !strings.Contains(page, "Sign off completion") {
			t.Fatal("a complete action does not offer sign-off to the board")
		}
		if code := post(lead, "/actions/3.8/signoff", url.Values{"version": {fmt.Sprint(v + 1)}}); code != http.StatusForbidden {
			t.Fatalf("a lead signed off: %d", code)
		}
		today := time.Now()
		if code := post(board, "/actions/3.8/signoff", url.Values{"version": {fmt.Sprint(v + 1)}, "meeting_date-day": {fmt.Sprint(today.Day())},
			"meeting_date-month": {fmt.Sprint(int(today.Month()))}, "meeting_date-year": {fmt.Sprint(today.Year())}}); code != http.StatusSeeOther {
			t.Fatalf("sign off: %d", code)
		}
		page = env.Get(lead, "/actions/3.8").Body.String()
		if !strings.Contains(page, "signed off by "+board.User.Name) {
			t.Fatal("the action does not show who signed it off")
		}
		reopen := url.Values{"narrative": {"Reopened"}, "status": {"in_progress"}, "rag": {"amber"}, "version": {fmt.Sprint(v + 2)}}
		if code := post(lead, "/actions/3.8/updates", reopen); code != http.StatusBadRequest {
			t.Fatalf("reopen without a reason: %d", code)
		}
		reopen.Set("reason", "Waiting times rose again")
		if code := post(lead, "/actions/3.8/updates", reopen); code != http.StatusSeeOther {
			t.Fatalf("reopen with a reason: %d", code)
		}
		var a models.Action
		d.DB.Where("number = ?", "3.8").Take(&a)
		if a.Status != models.StatusInProgress || a.SignedOffAt != nil {
			t.Fatalf("after reopening: status %s signed %v", a.Status, a.SignedOffAt)
		}
	})
}

func TestAdminEditIsAudited(t *testing.T) {
	t.Parallel()
	apptest.Each(t, func(t *testing.T, env *apptest.Env, d modeltest.DB) {
		admin := env.SignIn(t, models.RoleAdmin)
		var a models.Action
		d.DB.Preload("Boards").Where("number = ?", "2.7").Take(&a)
		var forum models.Board
		d.DB.Where("name = ?", "SEND Health Forum").Take(&forum)
		form := url.Values{"aim": {a.Aim}, "action": {"Create and publish a joint communications plan."},
			"impact_measure": {a.ImpactMeasure}, "lead": {fmt.Sprint(*a.LeadID)}, "boards": {fmt.Sprint(forum.ID)},
			"milestone": {fmt.Sprint(*a.MilestoneID)}, "priority": {fmt.Sprint(a.PriorityAreaID)}, "version": {fmt.Sprint(a.Version)}}
		if rec := env.PostForm(admin, "/actions/2.7/edit", form); rec.Code != http.StatusSeeOther {
			t.Fatalf("edit: %d %s", rec.Code, snippet(rec.Body.String()))
		}
		var audit []models.AuditEntry
		d.DB.Where("action_id = ?", a.ID).Order("field").Find(&audit)
		if len(audit) != 2 || audit[0].Field != "action" || audit[0].BeforeValue != a.Text || audit[1].Field != "boards" ||
			audit[1].BeforeValue != "" || audit[1].AfterValue != "SEND Health Forum" || audit[0].AuthorName != admin.User.Name {
			t.Fatalf("audit entries %+v", audit)
		}
		page := env.Get(admin, "/actions/2.7").Body.String()
		if !strings.Contains(page, "Create and publish a joint communications plan.") || !strings.Contains(page, "SEND Health Forum") {
			t.Fatal("the action page does not show the edit and its audit entry")
		}
		// A stale version is refused and changes nothing.
		form.Set("action", "Stale edit")
		if rec := env.PostForm(admin, "/actions/2.7/edit", form); rec.Code != http.StatusConflict || !strings.Contains(rec.Body.String(), "Stale edit") {
			t.Fatalf("stale edit: %d", rec.Code)
		}
	})
}

func TestMyActionsPutsThoseNeedingAnUpdateFirst(t *testing.T) {
	t.Parallel()
	apptest.Each(t, func(t *testing.T, env *apptest.Env, d modeltest.DB) {
		lead := env.SignIn(t, models.RoleLead, "DCO")
		v := actionVersion(t, env, lead, "3.3")
		env.PostForm(lead, "/actions/3.3/updates", url.Values{"narrative": {"Fresh"}, "status": {"in_progress"}, "rag": {"green"}, "version": {fmt.Sprint(v)}})
		body := env.Get(lead, "/me").Body.String()
		rows := strings.Split(body, `<tr class="govuk-table__row">`)[2:]
		if len(rows) == 0 {
			t.Fatal("no actions listed")
		}
		// 3.3, just updated, is no longer overdue an update (its May 2020
		// milestone has still passed); every row saying why it needs attention
		// comes before any that is up to date.
		var row33 string
		seenUpToDate := false
		for _, r := range rows {
			if strings.Contains(r, `/actions/3.3#record`) {
				row33 = r
			}
			upToDate := strings.Contains(r, "Up to date")
			if seenUpToDate && !upToDate {
				t.Fatalf("a row needing attention comes after one that is up to date: %s", r)
			}
			seenUpToDate = seenUpToDate || upToDate
		}
		if row33 == "" || strings.Contains(row33, "Update overdue") || !strings.Contains(row33, "Milestone passed") {
			t.Fatalf("the freshly updated 3.3: %s", row33)
		}
		if !strings.Contains(rows[0], "Update overdue") {
			t.Fatal("the first row does not say it needs an update")
		}
		viewer := env.SignIn(t, models.RoleViewer)
		if env.Get(viewer, "/me").Code != http.StatusForbidden {
			t.Fatal("a viewer opened My actions")
		}
	})
}

func TestActionPageShowsLinkedKPIAgainstTarget(t *testing.T) {
	t.Parallel()
	apptest.Each(t, func(t *testing.T, env *apptest.Env, d modeltest.DB) {
		body := env.Get(env.SignIn(t, models.RoleViewer), "/actions/3.6").Body.String()
		for _, want := range []string{"Impact measured by KPIs", "30% on 2023-24", "1169", "1309", "Not yet met"} {
			if !strings.Contains(body, want) {
				t.Errorf("action 3.6 page lacks %q", want)
			}
		}
		if strings.Contains(env.Get(env.SignIn(t, models.RoleViewer), "/actions/3.5").Body.String(), "Impact measured by KPIs") {
			t.Error("an action without KPI links shows the KPI table")
		}
	})
}

// TestCachedPagesFollowEveryWrite checks the page cache never serves a page
// older than the plan: a write from anywhere (here straight to the database,
// as a job or another replica would) shows at once.
func TestCachedPagesFollowEveryWrite(t *testing.T) {
	t.Parallel()
	apptest.Each(t, func(t *testing.T, env *apptest.Env, d modeltest.DB) {
		v := env.SignIn(t, models.RoleViewer)
		for _, path := range []string{"/?rag=red", "/api/v1/actions?rag=red"} {
			if strings.Contains(env.Get(v, path).Body.String(), "/actions/2.5") {
				t.Fatalf("%s lists 2.5 before it is red", path)
			}
		}
		env.API(v, "GET", "/api/v1/actions?rag=red", "")
		d.DB.Model(&models.Action{}).Where("number = ?", "2.5").Update("rag", "red")
		if !strings.Contains(env.Get(v, "/?rag=red").Body.String(), `href="/actions/2.5"`) {
			t.Fatal("the dashboard served a cached page older than the change")
		}
		if !strings.Contains(env.API(v, "GET", "/api/v1/actions?rag=red", "").Body.String(), `"number":"2.5"`) {
			t.Fatal("the API served a cached list older than the change")
		}
	})
}
