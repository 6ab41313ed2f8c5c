package app_test

import (
	"strconv"
	"testing"

	"sendboard/app/apptest"
	"sendboard/models"
)

// checkPacks exercises the packs API against the OpenAPI document: refused
// (403, 400), created (201), listed and downloaded in every format.
func (k *contract) checkPacks(t *testing.T, env *apptest.Env, call caller) {
	t.Helper()
	viewer := env.SignIn(t, models.RoleViewer)
	member := env.SignInBoard(t, "SEND Improvement Board")
	call(viewer, "POST", "/api/v1/packs", `{"board":"all","quarter":"2024-25 Q4"}`, 403, true)
	call(member, "POST", "/api/v1/packs", `{"board":"nowhere","quarter":"2024-25 Q4"}`, 400, true)
	call(member, "POST", "/api/v1/packs", `{"board":"all","quarter":"2024-25"}`, 400, true)
	var created struct {
		ID int `json:"id"`
	}
	decode(t, call(member, "POST", "/api/v1/packs", `{"board":"send-improvement-board","quarter":"2024-25 Q4"}`, 201, true), &created)
	call(member, "POST", "/api/v1/packs", `{"board":"send-improvement-board","quarter":"2024-25 Q4","plan":"dorset-wsoa-2019"}`, 201, true)
	call(member, "POST", "/api/v1/packs", `{"board":"send-improvement-board","quarter":"2024-25 Q4","plan":"no-such-plan"}`, 400, true)
	call(member, "POST", "/api/v1/packs", `{"board":"send-improvement-board","quarter":"2024-25 Q4","plan":7}`, 400, false)
	call(viewer, "GET", "/api/v1/packs", "", 200, true)
	base := "/api/v1/packs/" + strconv.Itoa(created.ID) + "/"
	for _, f := range models.PackFormats {
		call(viewer, "GET", base+f, "", 200, true)
	}
	call(viewer, "GET", "/api/v1/packs/999999/pdf", "", 404, true)
	call(viewer, "GET", base+"docx", "", 404, false)
	call(nil, "GET", "/api/v1/packs", "", 401, true)
}
