package app_test

import (
	"encoding/json"
	"testing"
	"time"

	"sendboard/app/apptest"
	"sendboard/models"
)

// checkRounds validates every answer of the round endpoints against the spec.
func (k *contract) checkRounds(t *testing.T, env *apptest.Env, call caller) {
	t.Helper()
	chair := env.SignInBoard(t, "SEND Improvement Board")
	forum := env.SignInBoard(t, "Schools Forum")
	viewer := env.SignIn(t, models.RoleViewer)
	body := func(fields map[string]any) string {
		b, _ := json.Marshal(fields)
		return string(b)
	}
	due := time.Now().AddDate(0, 0, 14).Format(time.DateOnly)
	meeting := time.Now().AddDate(0, 0, 21).Format(time.DateOnly)
	open := body(map[string]any{"board": "SEND Improvement Board", "due": due, "meeting": meeting, "message": "For the board."})
	var r struct {
		ID        uint   `json:"id"`
		Requested int    `json:"requested"`
		Status    string `json:"status"`
	}
	decode(t, call(chair, "POST", "/api/v1/rounds", open, 201, true), &r)
	if r.Requested == 0 || r.Status != "open" {
		t.Fatalf("opened round: %+v", r)
	}
	id := itoa(r.ID)
	call(forum, "POST", "/api/v1/rounds", body(map[string]any{"filter": "milestone=1", "due": due}), 403, true)
	call(env.SignIn(t, models.RoleAdmin), "POST", "/api/v1/rounds", body(map[string]any{"filter": "milestone=1", "due": due}), 201, true)
	call(chair, "POST", "/api/v1/rounds", body(map[string]any{"board": "Board of Wizards", "due": due}), 400, true)
	call(chair, "POST", "/api/v1/rounds", body(map[string]any{"board": "SEND Improvement Board", "due": "2020-01-01"}), 400, true)
	call(chair, "POST", "/api/v1/rounds", body(map[string]any{"board": "SEND Improvement Board", "due": "15/01/2027"}), 400, false)
	call(chair, "POST", "/api/v1/rounds", body(map[string]any{"board": "SEND Improvement Board"}), 400, false)
	call(chair, "POST", "/api/v1/rounds", body(map[string]any{"board": "SEND Improvement Board", "due": due, "colour": "red"}), 400, false)
	call(chair, "POST", "/api/v1/rounds", open, 409, true) // the round is open already
	call(forum, "POST", "/api/v1/rounds", open, 403, true)
	call(viewer, "POST", "/api/v1/rounds", open, 403, true)
	call(nil, "POST", "/api/v1/rounds", open, 401, true)

	call(viewer, "GET", "/api/v1/rounds", "", 200, true)
	call(nil, "GET", "/api/v1/rounds", "", 401, true)
	call(viewer, "GET", "/api/v1/rounds/"+id, "", 200, true)
	call(viewer, "GET", "/api/v1/rounds/9999", "", 404, true)

	var pk struct {
		RoundID *uint    `json:"round_id"`
		Plans   []string `json:"plans"`
	}
	decode(t, call(chair, "POST", "/api/v1/rounds/"+id+"/pack", "", 201, true), &pk)
	if pk.RoundID == nil || *pk.RoundID != r.ID || len(pk.Plans) != 1 {
		t.Errorf("pack from round %s: %+v", id, pk)
	}
	call(forum, "POST", "/api/v1/rounds/"+id+"/pack", "", 403, true)
	call(viewer, "POST", "/api/v1/rounds/"+id+"/pack", "", 403, true)
	call(nil, "POST", "/api/v1/rounds/"+id+"/pack", "", 401, true)
	call(chair, "POST", "/api/v1/rounds/9999/pack", "", 404, true)

	call(forum, "POST", "/api/v1/rounds/"+id+"/close", "", 403, true)
	call(chair, "POST", "/api/v1/rounds/"+id+"/close", "", 200, true)
	call(chair, "POST", "/api/v1/rounds/"+id+"/close", "", 409, true)
	call(chair, "POST", "/api/v1/rounds/9999/close", "", 404, true)
	call(forum, "POST", "/api/v1/rounds/"+id+"/reopen", "", 403, true)
	call(chair, "POST", "/api/v1/rounds/"+id+"/reopen", "", 200, true)
	call(chair, "POST", "/api/v1/rounds/"+id+"/reopen", "", 409, true)
	call(chair, "POST", "/api/v1/rounds/9999/reopen", "", 404, true)
}
