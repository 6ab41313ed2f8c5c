package app_test

import (
	"testing"

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
}
