package app_test

import (
	"fmt"
	"testing"
	"time"

	"sendboard/app/apptest"
	"sendboard/models"
)

// checkPlans exercises every plans operation against the spec: an admin
// builds a plan through the API, then edits, revises and retires.
func (k *contract) checkPlans(t *testing.T, env *apptest.Env, call caller) {
	t.Helper()
	admin := env.SignIn(t, models.RoleAdmin)
	viewer := env.SignIn(t, models.RoleViewer)
	const base = "/api/v1/plans/local-send-reform-plan"
	call(viewer, "POST", "/api/v1/plans", `{"name":"X","type":"other","start_date":"2026-01-05"}`, 403, true)
	call(admin, "POST", "/api/v1/plans", `{"name":"X","type":"plan","start_date":"2026-01-05"}`, 400, false)
	call(admin, "POST", "/api/v1/plans", `{"name":"X","type":"other","start_date":"2026-02-30"}`, 400, true)
	call(admin, "POST", "/api/v1/plans", `{"name":"Local SEND reform plan","type":"reform_plan","start_date":"2026-01-05"}`, 201, true)
	call(admin, "PUT", base, `{"name":"Local SEND reform plan","type":"reform_plan","start_date":"2026-01-05","partnership":"Dorset","la_code":"835"}`, 200, true)
	call(admin, "PUT", "/api/v1/plans/no-such-plan", `{"name":"X","type":"other","start_date":"2026-01-05"}`, 404, true)
	call(admin, "POST", base+"/areas", `{"code":"A","title":"Inclusion in mainstream schools","owners":"council"}`, 201, true)
	call(admin, "PUT", base+"/areas/A", `{"code":"A","title":"Inclusion in mainstream schools","owners":"both"}`, 200, true)
	call(admin, "POST", base+"/areas", `{"code":"A","title":"Again","owners":"council"}`, 400, true)
	call(admin, "POST", base+"/milestones", `{"label":"Year one","due":"2026-12"}`, 201, true)
	call(admin, "PUT", base+"/milestones/1", `{"label":"Year one (2026)","due":"2026-12"}`, 200, true)
	call(admin, "POST", "/api/v1/boards", `{"name":"SEND Reform Board"}`, 201, true)
	call(admin, "PUT", "/api/v1/boards/send-reform-board", `{"name":"SEND Reform Partnership Board"}`, 200, true)
	call(admin, "POST", "/api/v1/leads", `{"name":"Director of Education","aliases":["DoE"]}`, 201, true)
	call(admin, "PUT", "/api/v1/leads/director-of-education", `{"name":"Director of Education","aliases":["DoE","Director for Education"]}`, 200, true)
	call(admin, "POST", base+"/actions", `{"number":"1.1","area":"A","action":"Train SENCOs","lead":"DCO","sro":"DoE","boards":["SEND Reform Partnership Board"],"due":"2026-03-31"}`, 201, true)
	call(admin, "POST", base+"/actions", `{"number":"1.2","area":"A","milestone":1,"action":"Audit plans"}`, 201, true)
	call(admin, "POST", base+"/actions", `{"number":"1.3","area":"Z","action":"x"}`, 400, true)

	var got struct {
		Version     int     `json:"version"`
		Due         string  `json:"due"`
		DueOriginal string  `json:"due_original"`
		SRO         *string `json:"sro"`
		Milestone   *struct {
			Section int `json:"section"`
		} `json:"milestone"`
	}
	decode(t, call(viewer, "GET", base+"/actions/1.1", "", 200, true), &got)
	if got.Milestone != nil || got.SRO == nil || *got.SRO != "Director of Education" || got.Due != "2026-03-31" {
		t.Errorf("1.1 = %+v", got)
	}
	call(viewer, "GET", base+"/actions/9.9", "", 404, true)
	call(admin, "PATCH", base+"/actions/1.1", fmt.Sprintf(`{"version":%d,"success_criteria":"90%% of SENCOs trained"}`, got.Version), 200, true)
	call(admin, "PATCH", base+"/actions/1.1", fmt.Sprintf(`{"version":%d,"aim":"stale"}`, got.Version), 409, true)
	decode(t, call(viewer, "GET", base+"/actions/1.1", "", 200, true), &got)
	decode(t, call(admin, "POST", base+"/actions/1.1/due", fmt.Sprintf(`{"due":"2026-05-31","reason":"Training provider changed","version":%d}`, got.Version), 200, true), &got)
	if got.Due != "2026-05-31" || got.DueOriginal != "2026-03-31" {
		t.Errorf("after revising: due %s, original %s", got.Due, got.DueOriginal)
	}
	call(admin, "POST", base+"/actions/1.1/due", fmt.Sprintf(`{"due":"31/05/2026","reason":"x","version":%d}`, got.Version), 400, false)
	call(admin, "POST", base+"/actions/1.1/updates", fmt.Sprintf(`{"narrative":"First cohort booked","status":"in_progress","rag":"green","version":%d}`, got.Version), 201, true)
	// Completed, 1.1 is signed off through its plan's path.
	call(admin, "POST", base+"/actions/1.1/updates", fmt.Sprintf(`{"narrative":"All trained","status":"complete","rag":"blue","evidence":"Register","version":%d}`, got.Version+1), 201, true)
	today := time.Now().Format(time.DateOnly)
	call(viewer, "POST", base+"/actions/1.1/signoff", fmt.Sprintf(`{"meeting_date":%q}`, today), 403, true)
	call(admin, "POST", base+"/actions/1.1/signoff", fmt.Sprintf(`{"meeting_date":%q,"minute":"4.1"}`, today), 200, true)
	decode(t, call(viewer, "GET", base+"/actions/1.2", "", 200, true), &got)
	call(admin, "POST", base+"/actions/1.2/retire", fmt.Sprintf(`{"reason":"Merged into 1.1","version":%d}`, got.Version), 200, true)
	var list struct {
		Total int `json:"total"`
	}
	decode(t, call(viewer, "GET", base+"/actions", "", 200, true), &list)
	if list.Total != 1 {
		t.Errorf("the plan lists %d actions after retiring one of two, want 1", list.Total)
	}
	decode(t, call(viewer, "GET", base+"/actions?retired=1", "", 200, true), &list)
	if list.Total != 1 {
		t.Errorf("%d retired actions listed, want 1", list.Total)
	}
	call(viewer, "GET", "/api/v1/plans/no-such-plan/actions", "", 404, true)
	var plans struct {
		Plans []struct {
			Slug    string `json:"slug"`
			Actions int    `json:"actions"`
		} `json:"plans"`
	}
	decode(t, call(viewer, "GET", "/api/v1/plans", "", 200, true), &plans)
	if len(plans.Plans) != 2 || plans.Plans[0].Slug != "dorset-wsoa-2019" || plans.Plans[0].Actions != 60 || plans.Plans[1].Actions != 1 {
		t.Errorf("plans = %+v", plans.Plans)
	}
}
