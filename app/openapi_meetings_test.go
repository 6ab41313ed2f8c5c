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
	k.checkMeetingWrites(t, call, fmt.Sprintf("/api/v1/meetings/%d", m.ID), viewer, member, elsewhere)
}

// checkMeetingWrites validates the answers of the agenda, minutes, close and
// correction endpoints on the open meeting at base.
func (k *contract) checkMeetingWrites(t *testing.T, call caller, base string, viewer, member, elsewhere *apptest.Client) {
	t.Helper()
	item := `{"title":"Hubs → Łódź","link":"/boards"}`
	call(viewer, "POST", base+"/items", item, 403, true)
	call(elsewhere, "POST", base+"/items", item, 403, true)
	call(nil, "POST", base+"/items", item, 401, true)
	call(member, "POST", "/api/v1/meetings/999999/items", item, 404, true)
	call(member, "POST", base+"/items", `{"title":""}`, 400, false)
	call(member, "POST", base+"/items", `{"title":"Ŵ","link":"ftp://example.test"}`, 400, true)
	var got struct {
		Agenda []struct {
			Key string `json:"key"`
		} `json:"agenda"`
	}
	decode(t, call(member, "POST", base+"/items", item, 201, true), &got)
	key := got.Agenda[len(got.Agenda)-1].Key
	call(member, "POST", base+"/items/"+key+"/move", `{"direction":"sideways"}`, 400, false)
	call(member, "POST", base+"/items/item-999999/move", `{"direction":"up"}`, 404, true)
	call(member, "POST", base+"/items/"+key+"/move", `{"direction":"up"}`, 200, true)

	minutes := `{"attendance":{"present":["Ελένη"],"apologies":["Yılmaz"]},"notes":[{"item":"` + key + `","note":"Agreed ≥ two"}]}`
	call(elsewhere, "PUT", base+"/minutes", minutes, 403, true)
	call(member, "PUT", base+"/minutes", `{"notes":[]}`, 400, false)
	call(member, "PUT", base+"/minutes", `{"attendance":{},"notes":[{"item":"risk-999999","note":"Ŵ"}]}`, 400, true)
	call(member, "PUT", base+"/minutes", minutes, 200, true)

	correction := `{"item":"` + key + `","note":"Agreed ≥ three","reason":"The count was wrong"}`
	call(member, "POST", base+"/corrections", correction, 409, true)
	call(elsewhere, "POST", base+"/close", "", 403, true)
	call(member, "POST", base+"/close", `{"now":true}`, 400, false)
	call(member, "POST", base+"/close", "", 200, true)
	call(member, "POST", base+"/close", "", 409, true)
	call(member, "PUT", base+"/minutes", minutes, 409, true)
	call(member, "POST", base+"/items", item, 409, true)
	call(member, "POST", base+"/items/"+key+"/move", `{"direction":"down"}`, 409, true)
	call(member, "POST", base+"/corrections", `{"item":"`+key+`","note":"Ŵ","reason":""}`, 400, false)
	call(member, "POST", base+"/corrections", `{"item":"`+key+`","note":"Ŵ","reason":"  "}`, 400, true)
	call(member, "POST", base+"/corrections", correction, 201, true)
}
