package app_test

import (
	"encoding/json"
	"fmt"
	"testing"
	"time"

	"sendboard/app/apptest"
	"sendboard/models"
	"sendboard/models/modeltest"
)

// checkSignOff validates every answer of the sign-off endpoint against the
// spec: 401, 403, 400 (refused by the server only, and by both), 404, 200 and 409.
func (k *contract) checkSignOff(t *testing.T, env *apptest.Env, call caller) {
	t.Helper()
	const target = "/api/v1/actions/3.8/signoff"
	dco := env.SignIn(t, models.RoleLead, "DCO")
	completeAction(t, env, dco, "3.8")
	member := boardMember(t, env, "SEND Health Forum")
	stale := actionVersion(t, env, member, "3.8") - 1
	today := time.Now().Format(time.DateOnly)
	ok := fmt.Sprintf(`{"meeting_date": %q, "minute": "7.3"}`, today)
	call(nil, "POST", target, ok, 401, true)
	call(env.SignIn(t, models.RoleViewer), "POST", target, ok, 403, true)
	call(member, "POST", target, `{"minute": "7.3"}`, 400, false)
	call(member, "POST", target, `{"meeting_date": "2999-01-01"}`, 400, true)
	call(member, "POST", target, `{"meeting_date": "2025-02-30"}`, 400, true)
	call(member, "POST", target, fmt.Sprintf(`{"meeting_date": %q, "minute": %q}`, today, string(make([]byte, 101))), 400, false)
	call(member, "POST", target, fmt.Sprintf(`{"meeting_date": %q, "when": "now"}`, today), 400, false)
	call(member, "POST", "/api/v1/actions/9.99/signoff", ok, 404, true)
	call(member, "POST", target, fmt.Sprintf(`{"meeting_date": %q, "version": %d}`, today, stale), 409, true)
	var got struct {
		SignOff     string  `json:"signoff"`
		Board       *string `json:"board"`
		MeetingDate string  `json:"meeting_date"`
		Minute      *string `json:"minute"`
		SignedBy    string  `json:"signed_by"`
	}
	decode(t, call(member, "POST", target, ok, 200, true), &got)
	if got.SignOff != "signed_off" || got.Board == nil || *got.Board != "SEND Health Forum" || got.MeetingDate != today ||
		got.Minute == nil || *got.Minute != "7.3" || got.SignedBy != member.User.Name {
		t.Errorf("sign-off answer %+v", got)
	}
	call(member, "POST", target, ok, 400, true) // already signed off
}

// boardMember signs in a board-role user sitting on the named boards.
func boardMember(t *testing.T, env *apptest.Env, boards ...string) *apptest.Client {
	t.Helper()
	return env.SignInBoard(t, boards...)
}

// TestSignOffFilterAndCounts shows the list filter and the counts tell
// "complete, awaiting sign-off" from "complete, signed off".
func TestSignOffFilterAndCounts(t *testing.T) {
	t.Parallel()
	apptest.Each(t, func(t *testing.T, env *apptest.Env, d modeltest.DB) {
		dco := env.SignIn(t, models.RoleLead, "DCO")
		completeAction(t, env, dco, "3.8")
		completeAction(t, env, dco, "1.2")
		member := boardMember(t, env, "SEND Health Forum")
		if rec := env.API(member, "POST", "/api/v1/actions/3.8/signoff", fmt.Sprintf(`{"meeting_date": %q}`, time.Now().Format(time.DateOnly))); rec.Code != 200 {
			t.Fatalf("sign off 3.8: %d %s", rec.Code, rec.Body)
		}
		numbers := func(q string) []string {
			var out struct{ Actions []struct{ Number string } }
			rec := env.API(member, "GET", "/api/v1/actions?"+q, "")
			if err := json.Unmarshal(rec.Body.Bytes(), &out); err != nil || rec.Code != 200 {
				t.Fatalf("%s: %d %s", q, rec.Code, rec.Body)
			}
			var ns []string
			for _, a := range out.Actions {
				ns = append(ns, a.Number)
			}
			return ns
		}
		if got := fmt.Sprint(numbers("signoff=awaiting")); got != "[1.2]" {
			t.Errorf("signoff=awaiting lists %s, want [1.2]", got)
		}
		if got := fmt.Sprint(numbers("signoff=signed_off")); got != "[3.8]" {
			t.Errorf("signoff=signed_off lists %s, want [3.8]", got)
		}
		plan, _ := models.DefaultPlan(t.Context(), d.DB)
		s, err := models.CountActions(t.Context(), d.DB, plan.ID, models.ActionFilter{})
		if err != nil {
			t.Fatal(err)
		}
		if s.ByStatus[models.StatusComplete] != 2 || s.SignedOff != 1 {
			t.Errorf("counts: complete %d, signed off %d; want 2, 1", s.ByStatus[models.StatusComplete], s.SignedOff)
		}
	})
}
