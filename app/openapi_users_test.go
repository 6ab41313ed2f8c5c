package app_test

import (
	"context"
	"fmt"
	"strconv"
	"testing"
	"time"

	"sendboard/app/apptest"
	"sendboard/models"
	"sendboard/models/round"
)

// checkUsers exercises adding an account through the API against the spec:
// no password goes in or comes out, and the invitation is queued with its
// link in the same transaction.
func (k *contract) checkUsers(t *testing.T, env *apptest.Env, call caller) {
	t.Helper()
	admin := env.SignIn(t, models.RoleAdmin)
	viewer := env.SignIn(t, models.RoleViewer)
	call(viewer, "POST", "/api/v1/users", `{"email":"api@example.test","name":"Api User","role":"viewer"}`, 403, true)
	call(admin, "POST", "/api/v1/users", `{"email":"api@example.test","name":"Api User","role":"emperor"}`, 400, false)
	call(admin, "POST", "/api/v1/users", `{"email":"api@example.test","name":"Api User","role":"lead","password":"x"}`, 400, false)
	var got struct {
		Email, Invitation string
		Leads             []string
	}
	decode(t, call(admin, "POST", "/api/v1/users", `{"email":"API@example.test","name":"Api User","role":"lead","leads":["DCO"]}`, 201, true), &got)
	if got.Email != "api@example.test" || got.Invitation != "outbox" || len(got.Leads) != 1 {
		t.Errorf("created %+v", got)
	}
	var mails, links int64
	env.DB.DB.Model(&round.Mail{}).Where("to_addr = ? AND kind = ?", "api@example.test", round.MailInvite).Count(&mails)
	env.DB.DB.Model(&models.PasswordLink{}).Joins("JOIN users ON users.id = password_links.user_id").
		Where("users.email = ? AND password_links.purpose = ?", "api@example.test", models.LinkInvite).Count(&links)
	if mails != 1 || links != 1 {
		t.Errorf("after adding through the API: %d invitations queued and %d links, want 1 of each", mails, links)
	}
	k.checkPendingUsers(t, env, call, admin, viewer)
}

// checkPendingUsers exercises listing accounts by status and deciding on the
// ones a first single sign-on left waiting.
func (k *contract) checkPendingUsers(t *testing.T, env *apptest.Env, call caller, admin, viewer *apptest.Client) {
	t.Helper()
	ids := make([]string, 2)
	for i, who := range []string{"ana", "ŵyn"} {
		u, _, err := models.SSOSignIn(context.Background(), env.DB.DB, models.SSOClaims{Provider: "entra", DisplayName: "Entra ID",
			Subject: "sub-" + who, Email: fmt.Sprintf("pending%d@example.test", i), Name: "Pending " + who}, time.Now())
		if err != nil {
			t.Fatal(err)
		}
		ids[i] = strconv.FormatUint(uint64(u.ID), 10)
	}
	call(viewer, "GET", "/api/v1/users", "", 403, true)
	call(admin, "GET", "/api/v1/users?status=bogus", "", 400, false)
	call(admin, "GET", "/api/v1/users", "", 200, true)
	call(admin, "GET", "/api/v1/users?status=pending", "", 200, true)
	call(viewer, "POST", "/api/v1/users/"+ids[0]+"/approve", `{"role":"viewer"}`, 403, true)
	call(admin, "POST", "/api/v1/users/"+ids[0]+"/approve", `{"role":"emperor"}`, 400, false)
	call(admin, "POST", "/api/v1/users/"+ids[0]+"/approve", `{"role":"board","boards":["no-such-board"]}`, 400, true)
	call(admin, "POST", "/api/v1/users/999999/approve", `{"role":"viewer"}`, 404, true)
	call(admin, "POST", "/api/v1/users/"+ids[0]+"/approve", `{"role":"board","boards":["send-improvement-board"],"leads":["DCO"]}`, 200, true)
	call(admin, "POST", "/api/v1/users/"+ids[0]+"/approve", `{"role":"viewer"}`, 409, true)
	call(viewer, "POST", "/api/v1/users/"+ids[1]+"/refuse", "", 403, true)
	call(admin, "POST", "/api/v1/users/"+ids[1]+"/refuse", "", 200, true)
	call(admin, "POST", "/api/v1/users/"+ids[1]+"/refuse", "", 409, true)
	call(admin, "GET", "/api/v1/users?status=disabled", "", 200, true)
}
