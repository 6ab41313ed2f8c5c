package app_test

import (
	"context"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"sendboard/app/apptest"
	"sendboard/app/mailtest"
	"sendboard/models"
	"sendboard/models/modeltest"
	"sendboard/models/round"
)

// TestJointLeadsShareAnAction gives action 1.2 a second lead role through the
// edit page and checks that each lead is asked for updates by email, may
// record progress and sees the action on "My actions", and that the API,
// the action page, the lead filter and the export name both.
func TestJointLeadsShareAnAction(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	apptest.Each(t, func(t *testing.T, base *apptest.Env, d modeltest.DB) {
		env := newRoundEnv(t, base, time.Date(2026, 12, 1, 9, 0, 0, 0, time.UTC))
		var act models.Action
		if err := d.DB.Preload("Boards").Preload("Lead").Where("number = ?", "1.2").Take(&act).Error; err != nil || act.Lead == nil || len(act.Boards) == 0 {
			t.Fatalf("action 1.2: %v", err)
		}
		first := act.Lead.Name
		_, second := boardLeads(t, d, act.Boards[0].Slug) // a lead role with no action on 1.2's board
		var joint models.Lead
		d.DB.Where("name = ?", second).Take(&joint)

		admin := env.SignIn(t, models.RoleAdmin)
		form := url.Values{"aim": {act.Aim}, "action": {act.Text}, "impact_measure": {act.ImpactMeasure},
			"lead": {fmt.Sprint(*act.LeadID)}, "joint_leads": {fmt.Sprint(joint.ID)}, "sro": {"0"},
			"priority": {fmt.Sprint(act.PriorityAreaID)}, "version": {fmt.Sprint(act.Version)}}
		if act.MilestoneID != nil {
			form.Set("milestone", fmt.Sprint(*act.MilestoneID))
		}
		for _, b := range act.Boards {
			form.Add("boards", fmt.Sprint(b.ID))
		}
		if rec := env.PostForm(admin, "/actions/1.2/edit", form); rec.Code != http.StatusSeeOther {
			t.Fatalf("edit: %d %s", rec.Code, snippet(rec.Body.String()))
		}
		if page := env.Get(admin, "/actions/1.2/edit").Body.String(); !strings.Contains(page, fmt.Sprintf(`value="%d" checked`, joint.ID)) {
			t.Error("the edit page does not show the joint lead ticked")
		}

		var got struct {
			Lead     *string
			LeadRole *string `json:"lead_role"`
			Leads    []string
		}
		rec := env.API(admin, "GET", "/api/v1/actions/1.2", "")
		if err := json.Unmarshal(rec.Body.Bytes(), &got); err != nil || !slices.Equal(got.Leads, []string{first, second}) ||
			got.LeadRole == nil || *got.LeadRole != first {
			t.Fatalf("API leads %v, lead_role %v (%v): %s", got.Leads, got.LeadRole, err, rec.Body)
		}
		page := env.Get(admin, "/actions/1.2").Body.String()
		for _, l := range []models.Lead{*act.Lead, joint} {
			if !strings.Contains(page, `href="/leads/`+l.Slug+`">`) {
				t.Errorf("the action page does not link lead %s", l.Name)
			}
		}
		if !slices.Contains(listedNumbers(t, env.Get(admin, "/?lead="+joint.Slug)), "1.2") {
			t.Error("filtering by the joint lead leaves 1.2 out")
		}
		rows, err := csv.NewReader(strings.NewReader(env.Get(admin, "/actions.csv").Body.String())).ReadAll()
		if err != nil {
			t.Fatal(err)
		}
		head := slices.IndexFunc(rows, func(r []string) bool { return len(r) > 0 && r[0] == "Number" }) // below the plan's name
		if head < 0 {
			t.Fatalf("no header row in the export: %q", rows[:min(2, len(rows))])
		}
		col := slices.Index(rows[head], "Leads")
		if i := slices.IndexFunc(rows, func(r []string) bool { return r[0] == "1.2" }); col < 0 || i < 0 || rows[i][col] != first+"; "+second {
			t.Errorf("the export's Leads column for 1.2 is not %q", first+"; "+second)
		}

		leadA := env.SignIn(t, models.RoleLead, first)
		leadB := env.SignIn(t, models.RoleLead, second)
		for _, c := range []*apptest.Client{leadA, leadB} {
			if !strings.Contains(env.Get(c, "/me").Body.String(), `/actions/1.2#record"`) {
				t.Errorf("My actions of %s does not list 1.2", c.User.Email)
			}
		}

		env.SignIn(t, models.RoleLead, first, second) // holds both roles: one person on the joint row
		chair := env.SignInBoard(t, act.Boards[0].Name)
		opened, n, err := env.App.OpenRound(ctx, chair.User, round.Input{Board: act.Boards[0].Name, Due: "2026-12-15"})
		if err != nil || n < 2 {
			t.Fatalf("open round: %d requests, %v", n, err)
		}
		tracker := env.Get(chair, fmt.Sprintf("/rounds/%d", opened.ID)).Body.String()
		row := regexp.MustCompile(`<th scope="row" class="govuk-table__header">[^<]*` + regexp.QuoteMeta(second) + `[^<]*</th><td class="govuk-table__cell">([^<]*)</td>`).FindStringSubmatch(tracker)
		if row == nil || row[1] != "3 people" {
			t.Errorf("the joint row's emailed count = %q, want 3 people (each lead's own and one holding both)", row)
		}
		if _, err := env.App.DeliverMail(ctx, env.now); err != nil {
			t.Fatal(err)
		}
		for _, c := range []*apptest.Client{leadA, leadB} {
			msgs := env.SMTP.Messages()
			i := slices.IndexFunc(msgs, func(m mailtest.Message) bool { return slices.Contains(m.To, c.User.Email) })
			if i < 0 || !strings.Contains(msgs[i].Text, testBaseURL+"/actions/1.2") {
				t.Errorf("%s was not asked about 1.2 by email", c.User.Email)
			}
		}

		for i, c := range []*apptest.Client{leadB, leadA} {
			rec := env.PostForm(c, "/actions/1.2/updates", url.Values{"narrative": {fmt.Sprintf("Joint update %d", i)},
				"status": {"in_progress"}, "rag": {"amber"}, "version": {fmt.Sprint(actionVersion(t, env.Env, c, "1.2"))}})
			if rec.Code != http.StatusSeeOther {
				t.Errorf("lead %s recording progress: %d %s", c.User.Email, rec.Code, snippet(rec.Body.String()))
			}
		}
		outsider := env.SignIn(t, models.RoleLead)
		rec = env.PostForm(outsider, "/actions/1.2/updates", url.Values{"narrative": {"Not mine"},
			"status": {"in_progress"}, "rag": {"amber"}, "version": {fmt.Sprint(actionVersion(t, env.Env, outsider, "1.2"))}})
		if rec.Code != http.StatusForbidden {
			t.Errorf("a lead of neither role recorded progress: %d", rec.Code)
		}
	})
}
