package app_test

import (
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"sendboard/app/apptest"
	"sendboard/models"
)

// TestPagesSayWhatTheyMean: the smaller wording and layout faults people met
// on the pages, each checked where it was seen.
func TestPagesSayWhatTheyMean(t *testing.T) {
	t.Parallel()
	env := apptest.SQLite(t)
	ctx := t.Context()
	db := env.DB.DB
	admin := env.SignIn(t, models.RoleAdmin)
	now := env.App.Now()

	t.Run("no navigation before sign-in", func(t *testing.T) {
		body := env.Get(nil, "/login").Body.String()
		if strings.Contains(body, "govuk-service-navigation") || strings.Contains(body, `href="/plans"`) {
			t.Error("the sign-in page shows the app's navigation to a visitor")
		}
		if !strings.Contains(env.Get(admin, "/plans").Body.String(), "govuk-service-navigation") {
			t.Error("a signed-in page lost its navigation")
		}
	})

	t.Run("audit names fields by their labels", func(t *testing.T) {
		ref, err := models.LoadReference(ctx, db)
		if err != nil {
			t.Fatal(err)
		}
		a, err := models.FindAction(ctx, db, ref.Plan.ID, "1.1")
		if err != nil {
			t.Fatal(err)
		}
		in := models.EditOf(a)
		in.ImpactMeasure = "Fewer tribunals → ≥ 90% of plans on time"
		if err := models.EditAction(ctx, db, admin.User, ref, "1.1", in, now, models.FlagConfig{Location: env.App.Config.Location(), UpdateOverdueDays: env.App.Config.UpdateOverdueDays}); err != nil {
			t.Fatal(err)
		}
		body := env.Get(admin, "/actions/1.1").Body.String()
		if !strings.Contains(body, `data-label="Field">Impact measure</td>`) || strings.Contains(body, ">impact_measure<") {
			t.Error("the audit log shows the raw field name, not its label")
		}
	})

	t.Run("a plain due date passed says so", func(t *testing.T) {
		ref, err := models.LoadReference(ctx, db)
		if err != nil {
			t.Fatal(err)
		}
		_, err = models.CreateAction(ctx, db, admin.User, ref, models.ActionInput{Number: "9.1", PriorityAreaID: ref.PriorityAreas[0].ID,
			Text: "Publish the Łódź-style local offer", Due: now.AddDate(0, -2, 0).Format("2006-01-02"), Status: models.StatusInProgress}, now, models.DefaultFlagConfig)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := models.RunFlags(ctx, db, now, env.App.Config.Location(), env.App.Config.UpdateOverdueDays); err != nil {
			t.Fatal(err)
		}
		body := env.Get(admin, "/actions/9.1").Body.String()
		if !strings.Contains(body, "Due date passed: due ") || strings.Contains(body, "Milestone passed") {
			t.Error("an action with its own due date and no milestone is flagged as a milestone passed")
		}
		dash := env.Get(admin, "/?size=100").Body.String()
		i := strings.Index(dash, "Publish the Łódź-style local offer")
		if i < 0 {
			t.Fatal("the new action is not on the overview")
		}
		row := dash[i:]
		row = row[:strings.Index(row, "</td>")]
		if strings.Contains(row, "·") {
			t.Errorf("an action without a milestone has a dangling separator: %s", row)
		}
	})

	t.Run("retire and due pages quote the action", func(t *testing.T) {
		for _, p := range []string{"/plans/dorset-wsoa-2019/actions/1.2/retire", "/plans/dorset-wsoa-2019/actions/1.2/due"} {
			rec := env.Get(admin, p)
			if rec.Code != http.StatusOK || !strings.Contains(rec.Body.String(), `class="govuk-inset-text" id="f-about"`) {
				t.Errorf("%s does not show the action's text (%d)", p, rec.Code)
			}
		}
	})

	t.Run("admin tables have no empty headers", func(t *testing.T) {
		for _, p := range []string{"/admin/boards", "/admin/leads"} {
			if body := env.Get(admin, p).Body.String(); strings.Contains(body, `class="govuk-table__header"></th>`) {
				t.Errorf("%s has a table header with no text", p)
			}
		}
	})

	t.Run("filters come back to the results", func(t *testing.T) {
		if body := env.Get(admin, "/").Body.String(); !strings.Contains(body, `action="/#results"`) || !strings.Contains(body, `id="results"`) {
			t.Error("applying filters does not return to the results")
		}
	})

	t.Run("KPI wording", func(t *testing.T) {
		body := env.Get(admin, "/kpis").Body.String()
		if strings.Contains(body, " 1 decimal places") {
			t.Error(`the KPI page says "1 decimal places"`)
		}
	})
}

// TestSignOffQueueNamesEveryLead: an action led jointly is shown awaiting
// sign-off with both its leads, not only the first.
func TestSignOffQueueNamesEveryLead(t *testing.T) {
	t.Parallel()
	env := apptest.SQLite(t)
	ctx, db := t.Context(), env.DB.DB
	lead := env.SignIn(t, models.RoleLead, "DCO")
	ref, err := models.LoadReference(ctx, db)
	if err != nil {
		t.Fatal(err)
	}
	a, err := models.FindAction(ctx, db, ref.Plan.ID, "1.2")
	if err != nil {
		t.Fatal(err)
	}
	var ids []uint
	for _, l := range ref.Leads {
		if l.Name == "DCO" || len(ids) == 0 && l.Name != "DCO" {
			ids = append(ids, l.ID)
		}
	}
	if len(ids) != 2 {
		t.Fatalf("leads chosen: %v", ids)
	}
	if err := models.SetActionLeads(db, a.ID, ids); err != nil {
		t.Fatal(err)
	}
	completeAction(t, env, lead, "1.2")
	board := env.SignInBoard(t, "SEND Improvement Board")
	body := env.Get(board, "/boards/send-improvement-board/signoff").Body.String()
	var names []string
	for _, l := range ref.Leads {
		if l.ID == ids[0] || l.ID == ids[1] {
			names = append(names, l.Name)
		}
	}
	for _, n := range names {
		if !strings.Contains(body, n) {
			t.Errorf("the sign-off queue does not name the lead %q", n)
		}
	}
}

// TestRAGByReviewPeriod: the action page and the API give the action's status
// and RAG at each quarter's end, as its updates say.
func TestRAGByReviewPeriod(t *testing.T) {
	t.Parallel()
	env := apptest.SQLite(t)
	lead := env.SignIn(t, models.RoleLead, "DCO")
	rec := env.PostForm(lead, "/actions/1.2/updates", url.Values{"narrative": {"Paused → restarted"}, "status": {"in_progress"}, "rag": {"red"},
		"version": {fmt.Sprint(actionVersion(t, env, lead, "1.2"))}})
	if rec.Code != http.StatusSeeOther {
		t.Fatalf("update: %d", rec.Code)
	}
	now := models.QuarterOf(env.App.Now()).String()
	page := env.Get(lead, "/actions/1.2").Body.String()
	i := strings.Index(page, `id="rag-history"`)
	if i < 0 {
		t.Fatal("the action page has no RAG by review period")
	}
	if row := page[i:]; !strings.Contains(row, `<th scope="row" class="govuk-table__header">`+now+`</th><td class="govuk-table__cell">In progress</td><td class="govuk-table__cell"><strong class="govuk-tag govuk-tag--red">Red</strong>`) {
		t.Errorf("the current quarter's row is not red: %.600s", row)
	}
	var got struct {
		RAGHistory []struct {
			Period, Status string
			RAG            *string
		} `json:"rag_history"`
	}
	rec = env.API(lead, "GET", "/api/v1/actions/1.2", "")
	if err := json.Unmarshal(rec.Body.Bytes(), &got); err != nil || len(got.RAGHistory) == 0 {
		t.Fatalf("rag_history: %v %s", err, snippet(rec.Body.String()))
	}
	if h := got.RAGHistory[0]; h.Period != now || h.Status != "in_progress" || h.RAG == nil || *h.RAG != "red" {
		t.Errorf("the newest rag_history entry is %+v, want %s in progress and red", h, now)
	}
}
