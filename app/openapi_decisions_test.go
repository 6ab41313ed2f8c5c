package app_test

import (
	"fmt"
	"testing"

	"sendboard/app/apptest"
	"sendboard/models"
)

// checkDecisions validates every answer of the decision and board action
// endpoints against the spec: 201, 200, 400 (by the server only, and by
// both), 401, 403, 404 and 409.
func (k *contract) checkDecisions(t *testing.T, env *apptest.Env, call caller) {
	t.Helper()
	const base = "/api/v1/boards/send-improvement-board"
	viewer := env.SignIn(t, models.RoleViewer)
	lead := env.SignIn(t, models.RoleLead, "DCO")
	member := env.SignInBoard(t, "SEND Improvement Board")
	elsewhere := env.SignInBoard(t, "SEND Health Forum")

	call(nil, "GET", base+"/decisions", "", 401, true)
	call(viewer, "GET", "/api/v1/boards/no-such-board/decisions", "", 404, true)
	raise := `{"question":"Fund the Łódź → Dorset hubs for ≥ 40 children?","options":"A or B","recommendation":"A","meeting":"2026-04-22","plan":"dorset-wsoa-2019","area":"1","action":"1.2"}`
	call(viewer, "POST", base+"/decisions", raise, 403, true)
	call(elsewhere, "POST", base+"/decisions", raise, 403, true)
	call(lead, "POST", base+"/decisions", `{"question":""}`, 400, false)
	call(lead, "POST", base+"/decisions", `{"question":"Q?","action":"9.99","plan":"dorset-wsoa-2019"}`, 400, true)
	call(lead, "POST", base+"/decisions", `{"question":"Q?","colour":"red"}`, 400, false)
	var d struct {
		ID     uint   `json:"id"`
		Status string `json:"status"`
	}
	decode(t, call(lead, "POST", base+"/decisions", raise, 201, true), &d)
	if d.Status != "open" {
		t.Errorf("raised decision is %q", d.Status)
	}
	call(viewer, "POST", base+"/decisions", `{"question":"Just the board?"}`, 403, true)
	call(member, "POST", base+"/decisions", `{"question":"Just the board?"}`, 201, true)
	decide := fmt.Sprintf("%s/decisions/%d/decide", base, d.ID)
	ok := `{"decision":"Agreed: fund two hubs","meeting_date":"2025-01-22","minute":"7.3"}`
	call(lead, "POST", decide, ok, 403, true)
	call(elsewhere, "POST", decide, ok, 403, true)
	call(member, "POST", decide, `{"decision":"Agreed","meeting_date":"2999-01-01"}`, 400, true)
	call(member, "POST", decide, `{"meeting_date":"2025-01-22"}`, 400, false)
	call(member, "POST", base+"/decisions/999999/decide", ok, 404, true)
	call(member, "POST", decide, ok, 200, true)
	call(member, "POST", decide, ok, 409, true)
	var other struct {
		ID uint `json:"id"`
	}
	decode(t, call(member, "POST", base+"/decisions", `{"question":"Close the old panel?"}`, 201, true), &other)
	withdraw := fmt.Sprintf("%s/decisions/%d/withdraw", base, other.ID)
	call(lead, "POST", withdraw, "", 403, true)
	call(member, "POST", withdraw, `{"meeting_date":"19/03/2026"}`, 400, false)
	call(member, "POST", withdraw, `{"meeting_date":"2999-01-01"}`, 400, true)
	call(member, "POST", withdraw, `{"reason":"The panel closed","minute":"8.1"}`, 200, true)
	call(member, "POST", withdraw, "", 409, true)
	call(member, "POST", fmt.Sprintf("%s/decisions/%d/withdraw", base, d.ID), "", 409, true) // decided: locked
	correct := fmt.Sprintf("%s/decisions/%d/correct", base, d.ID)
	fixed := `{"decision":"Agreed: fund two hubs","meeting_date":"2025-01-22","minute":"7.4","reason":"The approved minutes say 7.4"}`
	call(lead, "POST", correct, fixed, 403, true)
	call(member, "POST", correct, `{"decision":"Agreed: fund two hubs","meeting_date":"2025-01-22","minute":"7.4"}`, 400, false)
	call(member, "POST", correct, `{"decision":"Agreed: fund two hubs","meeting_date":"2025-01-22","minute":"7.3","reason":"No change"}`, 400, true)
	call(member, "POST", correct, fixed, 200, true)
	var open struct {
		ID uint `json:"id"`
	}
	decode(t, call(member, "POST", base+"/decisions", `{"question":"Still to decide?"}`, 201, true), &open)
	call(member, "POST", fmt.Sprintf("%s/decisions/%d/correct", base, open.ID), fixed, 409, true)
	call(viewer, "GET", base+"/decisions", "", 200, true)

	call(nil, "GET", base+"/board-actions", "", 401, true)
	call(viewer, "GET", base+"/board-actions?status=done", "", 400, false)
	add := `{"title":"The chair to write to the ICB about therapy waits","owner":"Łucja Yılmaz","due":"2026-06-30","meeting_date":"2025-01-22"}`
	call(lead, "POST", base+"/board-actions", add, 403, true)
	call(member, "POST", base+"/board-actions", `{"title":"","owner":"x","meeting_date":"2025-01-22"}`, 400, false)
	call(member, "POST", base+"/board-actions", `{"title":"T","owner":"nobody@example.test","meeting_date":"2025-01-22"}`, 400, true)
	var ba struct {
		ID uint `json:"id"`
	}
	decode(t, call(member, "POST", base+"/board-actions", add, 201, true), &ba)
	call(member, "POST", base+"/board-actions", fmt.Sprintf(`{"title":"Ask the forum","owner":%q,"meeting_date":"2025-01-22"}`, member.User.Email), 201, true)
	call(viewer, "GET", base+"/board-actions", "", 200, true)
	call(viewer, "GET", base+"/board-actions?status=open", "", 200, true)
	done := fmt.Sprintf("%s/board-actions/%d/done", base, ba.ID)
	call(elsewhere, "POST", done, "", 403, true)
	call(member, "POST", base+"/board-actions/999999/done", "", 404, true)
	call(member, "POST", done, "", 200, true)
	call(member, "POST", done, "", 409, true)
}
