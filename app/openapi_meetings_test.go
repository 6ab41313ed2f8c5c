package app_test

import (
	"fmt"
	"testing"

	"sendboard/app/apptest"
	"sendboard/models"
)

// checkMeetings validates every answer of the meeting endpoints against the
// spec: 201, 200, 400 (by the server only, and by both), 401, 403, 404 and 409.
func (k *contract) checkMeetings(t *testing.T, env *apptest.Env, call caller) {
	t.Helper()
	const base = "/api/v1/boards/send-improvement-board/meetings"
	viewer := env.SignIn(t, models.RoleViewer)
	member := env.SignInBoard(t, "SEND Improvement Board")
	elsewhere := env.SignInBoard(t, "SEND Health Forum")

	call(nil, "GET", base, "", 401, true)
	call(viewer, "GET", "/api/v1/boards/no-such-board/meetings", "", 404, true)
	open := `{"date":"2026-04-22"}`
	call(viewer, "POST", base, open, 403, true)
	call(elsewhere, "POST", base, open, 403, true)
	call(member, "POST", base, `{"date":"22/04/2026"}`, 400, false)
	call(member, "POST", base, `{"date":"2026-02-30"}`, 400, true)
	call(member, "POST", base, `{"date":"2026-04-22","room":"Ł"}`, 400, false)
	var m struct {
		ID     uint   `json:"id"`
		Date   string `json:"date"`
		Status string `json:"status"`
	}
	decode(t, call(member, "POST", base, open, 201, true), &m)
	if m.Date != "2026-04-22" || m.Status != "open" {
		t.Errorf("the opened meeting reads %+v", m)
	}
	call(member, "POST", base, open, 409, true)
	call(member, "POST", base, `{"date":"2025-01-22"}`, 201, true)
	call(viewer, "GET", base, "", 200, true)
	var got struct {
		Board  string `json:"board"`
		Agenda []struct {
			Kind string `json:"kind"`
		} `json:"agenda"`
	}
	decode(t, call(viewer, "GET", fmt.Sprintf("/api/v1/meetings/%d", m.ID), "", 200, true), &got)
	if got.Board == "" || len(got.Agenda) == 0 || got.Agenda[0].Kind != "apologies" {
		t.Errorf("the meeting's board and agenda: %+v", got)
	}
	call(nil, "GET", fmt.Sprintf("/api/v1/meetings/%d", m.ID), "", 401, true)
	call(viewer, "GET", "/api/v1/meetings/999999", "", 404, true)
}
