package app_test

import (
	"fmt"
	"testing"

	"sendboard/app/apptest"
	"sendboard/models"
)

// checkRisks validates the register's endpoints: add (201, 400, 403), list
// with filters (200, 400), one risk with its history (200, 404), change (200,
// 400, 409).
func (k *contract) checkRisks(t *testing.T, env *apptest.Env, call caller) {
	t.Helper()
	const target = "/api/v1/plans/dorset-wsoa-2019/risks"
	dco := env.SignIn(t, models.RoleLead, "DCO")
	viewer := env.SignIn(t, models.RoleViewer)
	body := `{"kind":"risk","title":"Ł → ŵ ≥ ı","description":"","owner":"DCO","likelihood":4,"impact":4,"target_score":6,` +
		`"mitigation":"Locums","review_by":"2026-03-31","status":"open","area":"1","actions":["1.2"],"reason":"Raised at the board"}`
	r := decodeRisk(t, call(dco, "POST", target, body, 201, true).Body.Bytes())
	call(dco, "POST", target, `{"title":"No owner","likelihood":4,"impact":4,"actions":["1.2"]}`, 400, false)
	call(dco, "POST", target, `{"title":"Too likely","owner":"DCO","likelihood":6,"impact":4,"actions":["1.2"]}`, 400, false)
	call(dco, "POST", target, `{"title":"Unknown action","owner":"DCO","likelihood":2,"impact":4,"actions":["9.99"]}`, 400, true)
	call(viewer, "POST", target, body, 403, true)
	call(viewer, "GET", target, "", 200, true)
	call(viewer, "GET", target+"?status=open&kind=risk&owner=DCO&area=1&likelihood=4&impact=4", "", 200, true)
	call(viewer, "GET", target+"?status=maybe", "", 400, false)
	one := fmt.Sprintf("%s/%d", target, r.ID)
	call(viewer, "GET", one, "", 200, true)
	call(viewer, "GET", target+"/999999", "", 404, true)
	call(dco, "PATCH", one, `{"impact":3,"reason":"Waits falling"}`, 200, true)
	call(dco, "PATCH", one, `{"impact":2}`, 400, true) // a score change needs a reason
	call(dco, "PATCH", one, `{"kind":"issue","reason":"It happened","version":1}`, 409, true)
	call(dco, "PATCH", one, `{"kind":"issue","reason":"It happened"}`, 200, true)
}
