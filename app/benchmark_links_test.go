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

// TestBenchmarkLinkFlow: an admin links a DfE measure to an action by
// choosing the plan, then the action from that plan's list, and checks the
// action's text before saving; changing the plan without choosing it again
// never picks the other plan's action of the same number; the link is
// audited and can be removed; only an admin may do either.
func TestBenchmarkLinkFlow(t *testing.T) {
	t.Parallel()
	apptest.EachWith(t, twoPlans, func(t *testing.T, env *apptest.Env, d modeltest.DB) {
		env.App.Now = func() time.Time { return scopeNow.AddDate(0, 6, 0) }
		const page = "/benchmarks/SEN_EHC_All_20wks"
		admin, viewer := env.SignIn(t, models.RoleAdmin), env.SignIn(t, models.RoleViewer)
		get := func(q url.Values, want int) string {
			t.Helper()
			return mustStatus(t, env.Get(admin, page+"?"+q.Encode()), want, "measure page ?"+q.Encode())
		}
		body := get(url.Values{}, http.StatusOK)
		if !strings.Contains(body, `<option value="`+secondSlug+`">`+secondName+`</option>`) || strings.Contains(body, `name="link_action"`) {
			t.Errorf("the first step does not offer the plans alone")
		}
		body = get(url.Values{"link_plan": {secondSlug}, "step": {"plan"}}, http.StatusOK)
		if !strings.Contains(body, `<option value="1.1">1.1 `+secondText["1.1"]+`</option>`) || strings.Contains(body, seededText["1.1"]) {
			t.Errorf("the second step does not list %s's actions alone", secondName)
		}
		// The plan changed in the list, "Continue" pressed under the old plan's actions.
		body = get(url.Values{"link_plan": {secondSlug}, "step": {"action"}, "shown_plan": {"dorset-wsoa-2019"}, "link_action": {"1.1"}}, http.StatusBadRequest)
		if !strings.Contains(body, "You changed the plan: choose an action of "+secondName) || strings.Contains(body, "Link to action 1.1") {
			t.Errorf("a changed plan went on to confirm an action")
		}
		body = get(url.Values{"link_plan": {secondSlug}, "step": {"action"}, "shown_plan": {secondSlug}, "link_action": {"9.9"}}, http.StatusBadRequest)
		if !strings.Contains(body, "Choose a current action of "+secondName) {
			t.Errorf("an unknown action is not named as the problem")
		}
		body = get(url.Values{"link_plan": {secondSlug}, "step": {"action"}, "shown_plan": {secondSlug}, "link_action": {"1.1"}}, http.StatusOK)
		for _, want := range []string{"Check the action before linking", secondText["1.1"], `name="plan" value="` + secondSlug + `"`, "Link to action 1.1"} {
			if !strings.Contains(body, want) {
				t.Errorf("the check step lacks %q", want)
			}
		}
		link := url.Values{"kind": {"action"}, "plan": {secondSlug}, "action": {"1.1"}}
		if rec := env.PostForm(viewer, page+"/links", link); rec.Code != http.StatusForbidden {
			t.Errorf("a viewer links: %d", rec.Code)
		}
		if rec := env.PostForm(admin, page+"/links", url.Values{"kind": {"action"}, "plan": {"no-such-plan"}, "action": {"1.1"}}); rec.Code != http.StatusBadRequest {
			t.Errorf("an unknown plan: %d", rec.Code)
		}
		mustStatus(t, env.PostForm(admin, page+"/links", link), http.StatusSeeOther, "link")
		body = get(url.Values{}, http.StatusOK)
		list := body[strings.Index(body, "Linked to the plan"):]
		if !strings.Contains(list, `href="`+secondBase+`/actions/1.1"`) || strings.Contains(list, `href="/actions/1.1"`) {
			t.Errorf("the linked list does not link %s's 1.1 alone", secondName)
		}
		if !strings.Contains(list, `<input type="hidden" name="plan" value="`+secondSlug+`"><input type="hidden" name="action" value="1.1">`) {
			t.Errorf("no Remove link form for %s's 1.1", secondName)
		}
		if v := mustStatus(t, env.Get(viewer, page), http.StatusOK, "viewer's page"); strings.Contains(v, "Remove link") || strings.Contains(v, "Link this measure to an action") {
			t.Error("a viewer is offered the link forms")
		}
		var actionID uint
		d.DB.Raw("SELECT a.id FROM actions a JOIN plans p ON p.id = a.plan_id WHERE p.slug = ? AND a.number = '1.1'", secondSlug).Scan(&actionID)
		audit := func() []models.AuditEntry {
			var out []models.AuditEntry
			d.DB.Where("action_id = ? AND kind = ?", actionID, "benchmark_link").Order("id").Find(&out)
			return out
		}
		if a := audit(); len(a) != 1 || a[0].AfterValue != "SEN_EHC_All_20wks" || a[0].BeforeValue != "" || a[0].UserID == nil {
			t.Errorf("audit after linking = %+v", a)
		}
		unlink := url.Values{"kind": {"action"}, "plan": {secondSlug}, "action": {"1.1"}, "unlink": {"true"}}
		if rec := env.PostForm(viewer, page+"/links", unlink); rec.Code != http.StatusForbidden {
			t.Errorf("a viewer removes a link: %d", rec.Code)
		}
		mustStatus(t, env.PostForm(admin, page+"/links", unlink), http.StatusSeeOther, "remove link")
		if body := get(url.Values{}, http.StatusOK); strings.Contains(body, `href="`+secondBase+`/actions/1.1"`) {
			t.Error("the link is still listed after Remove link")
		}
		if a := audit(); len(a) != 2 || a[1].BeforeValue != "SEN_EHC_All_20wks" || a[1].AfterValue != "" {
			t.Errorf("audit after removing = %+v", a)
		}
	})
}
