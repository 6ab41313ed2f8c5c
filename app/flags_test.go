package app_test

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"testing"
	"time"

	"sendboard/app/apptest"
	"sendboard/models"
	"sendboard/models/modeltest"
)

type apiFlagJSON struct {
	Kind       string     `json:"kind"`
	Since      string     `json:"since"`
	RaisedAt   time.Time  `json:"raised_at"`
	ResolvedAt *time.Time `json:"resolved_at"`
}

// openFlagsAPI reads an action's flags through the API, open ones by kind.
func openFlagsAPI(t *testing.T, env *apptest.Env, c *apptest.Client, number string) map[string]apiFlagJSON {
	t.Helper()
	rec := env.API(c, "GET", "/api/v1/actions/"+number, "")
	var a struct{ Flags []apiFlagJSON }
	if rec.Code != http.StatusOK || json.Unmarshal(rec.Body.Bytes(), &a) != nil {
		t.Fatalf("GET %s: %d", number, rec.Code)
	}
	out := map[string]apiFlagJSON{}
	for _, f := range a.Flags {
		if f.ResolvedAt == nil {
			out[f.Kind] = f
		}
	}
	return out
}

// TestFlagsFollowTheWork: a progress update, completion, sign-off and an
// admin edit each re-evaluate the action's flags in the same request; the
// page shown after saving, the API and the dashboard agree at once.
func TestFlagsFollowTheWork(t *testing.T) {
	t.Parallel()
	apptest.Each(t, func(t *testing.T, env *apptest.Env, d modeltest.DB) {
		ctx := context.Background()
		if _, err := models.RunFlags(ctx, d.DB, time.Now(), time.UTC, 90); err != nil {
			t.Fatal(err)
		}
		lead := env.SignIn(t, models.RoleLead, "DCO")
		open := openFlagsAPI(t, env, lead, "1.2")
		if open[models.FlagUpdateOverdue].Since != "2019-09-28" || open[models.FlagMilestonePassed].Since != "2019-08-01" {
			t.Fatalf("1.2's open flags before the update: %+v", open)
		}
		page := env.Get(lead, "/actions/1.2").Body.String()
		if !strings.Contains(page, "Milestone passed: due July 2019") || !strings.Contains(page, "Update overdue") {
			t.Fatalf("the action page does not word its flags from the plan:\n%s", snippet(page))
		}

		v := actionVersion(t, env, lead, "1.2")
		rec := env.PostForm(lead, "/actions/1.2/updates", url.Values{"narrative": {"Shared with all health teams"},
			"status": {"in_progress"}, "rag": {"green"}, "version": {fmt.Sprint(v)}})
		if rec.Code != http.StatusSeeOther {
			t.Fatalf("save: %d", rec.Code)
		}
		page = env.Get(lead, rec.Header().Get("Location")).Body.String()
		if strings.Contains(page, `govuk-tag--yellow">Update overdue`) {
			t.Fatal("the page shown after saving an update still says Update overdue")
		}
		open = openFlagsAPI(t, env, lead, "1.2")
		if _, ok := open[models.FlagUpdateOverdue]; ok {
			t.Fatalf("update overdue still open after the update: %+v", open)
		}
		if _, ok := open[models.FlagMilestonePassed]; !ok {
			t.Fatal("milestone passed resolved by an in-progress update")
		}
		if slices.Contains(listedNumbers(t, env.Get(lead, "/?flag=update_overdue")), "1.2") {
			t.Fatal("the dashboard still lists 1.2 as update overdue")
		}

		// Completion resolves milestone passed; sign-off keeps it resolved.
		rec = env.PostForm(lead, "/actions/1.2/updates", url.Values{"narrative": {"Done"}, "status": {"complete"},
			"rag": {"blue"}, "evidence": {"Minutes of May"}, "version": {fmt.Sprint(v + 1)}})
		if rec.Code != http.StatusSeeOther {
			t.Fatalf("complete: %d", rec.Code)
		}
		if open = openFlagsAPI(t, env, lead, "1.2"); len(open) != 0 {
			t.Fatalf("a complete action keeps open flags: %+v", open)
		}
		// Only a member of a board governing 1.2 may sign it off.
		board := env.SignInBoard(t, "SEND Improvement Board")
		today := time.Now()
		if rec := env.PostForm(board, "/actions/1.2/signoff", url.Values{"version": {fmt.Sprint(v + 2)},
			"meeting_date-day": {fmt.Sprint(today.Day())}, "meeting_date-month": {fmt.Sprint(int(today.Month()))},
			"meeting_date-year": {fmt.Sprint(today.Year())}}); rec.Code != http.StatusSeeOther {
			t.Fatalf("sign off: %d\n%s", rec.Code, snippet(rec.Body.String()))
		}
		if open = openFlagsAPI(t, env, lead, "1.2"); len(open) != 0 {
			t.Fatalf("a signed-off action has open flags: %+v", open)
		}
	})
}

// TestAdminEditReevaluatesFlags: an admin edit re-evaluates the action's
// flags in its transaction. The action's due date is moved under the flags
// (as a revision by another route would, before its own re-evaluation), then
// an edit of its text brings the milestone-passed flag into line.
func TestAdminEditReevaluatesFlags(t *testing.T) {
	t.Parallel()
	apptest.Each(t, func(t *testing.T, env *apptest.Env, d modeltest.DB) {
		if _, err := models.RunFlags(context.Background(), d.DB, time.Now(), time.UTC, 90); err != nil {
			t.Fatal(err)
		}
		admin := env.SignIn(t, models.RoleAdmin)
		d.DB.Model(&models.Action{}).Where("number = ?", "2.7").Update("due", "2020-05-15")
		var a models.Action
		d.DB.Preload("Boards").Where("number = ?", "2.7").Take(&a)
		form := url.Values{"aim": {a.Aim}, "action": {a.Text + " Reviewed."}, "impact_measure": {a.ImpactMeasure},
			"lead": {fmt.Sprint(*a.LeadID)}, "priority": {fmt.Sprint(a.PriorityAreaID)}, "version": {fmt.Sprint(a.Version)}}
		if a.MilestoneID != nil {
			form.Set("milestone", fmt.Sprint(*a.MilestoneID))
		}
		for _, b := range a.Boards {
			form.Add("boards", fmt.Sprint(b.ID))
		}
		if f := openFlagsAPI(t, env, admin, "2.7")[models.FlagMilestonePassed]; f.Since != "2019-11-01" {
			t.Fatalf("before the edit milestone passed = %+v, want since 2019-11-01", f)
		}
		if rec := env.PostForm(admin, "/actions/2.7/edit", form); rec.Code != http.StatusSeeOther {
			t.Fatalf("edit: %d %s", rec.Code, snippet(rec.Body.String()))
		}
		if f := openFlagsAPI(t, env, admin, "2.7")[models.FlagMilestonePassed]; f.Since != "2020-05-16" {
			t.Fatalf("milestone passed after the edit: %+v, want since 2020-05-16 (the day after 15 May 2020)", f)
		}
		if page := env.Get(admin, "/actions/2.7").Body.String(); !strings.Contains(page, "Milestone passed: due 15 May 2020") {
			t.Fatal("the action page does not word the day-precise due date")
		}
	})
}
