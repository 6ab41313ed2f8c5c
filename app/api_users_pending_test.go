package app_test

import (
	"context"
	"encoding/json"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"testing"
	"time"

	"sendboard/app/apptest"
	"sendboard/models"
	"sendboard/models/modeltest"
)

// pendingAccount makes the account a first single sign-on with no role claim
// leaves waiting for approval.
func pendingAccount(t *testing.T, d modeltest.DB, sub, email, name string) *models.User {
	t.Helper()
	u, out, err := models.SSOSignIn(context.Background(), d.DB, models.SSOClaims{Provider: "entra", DisplayName: "Entra ID",
		Subject: sub, Email: email, Name: name}, time.Now())
	if err != nil || !out.Pending {
		t.Fatalf("pending account for %s: %+v, %v", email, out, err)
	}
	return u
}

type listedUser struct {
	ID     uint     `json:"id"`
	Email  string   `json:"email"`
	Name   string   `json:"name"`
	Role   string   `json:"role"`
	Status string   `json:"status"`
	Leads  []string `json:"leads"`
	Boards []string `json:"boards"`
}

func listUsers(t *testing.T, env *apptest.Env, c *apptest.Client, query string) []listedUser {
	t.Helper()
	rec := env.API(c, "GET", "/api/v1/users"+query, "")
	if rec.Code != http.StatusOK {
		t.Fatalf("GET /api/v1/users%s = %d: %s", query, rec.Code, rec.Body)
	}
	var out struct{ Users []listedUser }
	if err := json.Unmarshal(rec.Body.Bytes(), &out); err != nil {
		t.Fatal(err)
	}
	return out.Users
}

func emails(us []listedUser) []string {
	out := make([]string, len(us))
	for i, u := range us {
		out[i] = u.Email
	}
	return out
}

// wantField checks an API refusal: its status and the field it names.
func wantField(t *testing.T, rec *http.Response, body string, status int, field, mention string) {
	t.Helper()
	var e struct{ Error, Field string }
	_ = json.Unmarshal([]byte(body), &e)
	if rec.StatusCode != status || e.Field != field || !strings.Contains(e.Error, mention) {
		t.Errorf("got %d %s, want %d naming %q and saying %q", rec.StatusCode, body, status, field, mention)
	}
}

// TestAPIPendingAccounts: the accounts a first single sign-on leaves waiting
// are listed with their status and approved (with boards) or refused through
// the API, by admins only, audited as on /users.
func TestAPIPendingAccounts(t *testing.T) {
	t.Parallel()
	apptest.Each(t, func(t *testing.T, env *apptest.Env, d modeltest.DB) {
		ctx := context.Background()
		admin := env.SignIn(t, models.RoleAdmin)
		viewer := env.SignIn(t, models.RoleViewer)
		board, err := models.SaveBoard(ctx, d.DB, admin.User, 0, "Łódź ≥ Işık Ŵales → Board", time.Now())
		if err != nil {
			t.Fatal(err)
		}
		lucja := pendingAccount(t, d, "sub-lucja", "lucja@dorset.example", "Łucja Işık")
		gwyn := pendingAccount(t, d, "sub-gwyn", "gwyn@dorset.example", "Ŵyn Jones")
		call := func(c *apptest.Client, method, path, body string) (*http.Response, string) {
			rec := env.API(c, method, path, body)
			return rec.Result(), rec.Body.String()
		}

		if rec, _ := call(viewer, "GET", "/api/v1/users", ""); rec.StatusCode != http.StatusForbidden {
			t.Errorf("viewer lists users: %d", rec.StatusCode)
		}
		rec, body := call(admin, "GET", "/api/v1/users?status=waiting", "")
		wantField(t, rec, body, http.StatusBadRequest, "status", `"waiting"`)
		if got := emails(listUsers(t, env, admin, "?status=pending")); !slices.Equal(got, []string{"gwyn@dorset.example", "lucja@dorset.example"}) {
			t.Errorf("pending: %v", got)
		}
		all := listUsers(t, env, admin, "")
		i := slices.IndexFunc(all, func(u listedUser) bool { return u.Email == admin.User.Email })
		j := slices.IndexFunc(all, func(u listedUser) bool { return u.ID == lucja.ID })
		if i < 0 || all[i].Status != "active" || j < 0 || all[j].Status != "pending" || all[j].Name != "Łucja Işık" {
			t.Errorf("every account: %+v", all)
		}
		if slices.ContainsFunc(listUsers(t, env, admin, "?status=active"), func(u listedUser) bool { return u.ID == lucja.ID }) {
			t.Error("a pending account listed as active")
		}

		approve := "/api/v1/users/" + itoa(lucja.ID) + "/approve"
		for _, c := range []*apptest.Client{viewer, env.SignIn(t, models.RoleLead, "DCO"), env.SignInBoard(t, "send-improvement-board")} {
			if rec, _ := call(c, "POST", approve, `{"role":"viewer"}`); rec.StatusCode != http.StatusForbidden {
				t.Errorf("%s approves: %d", c.User.Role, rec.StatusCode)
			}
			if rec, _ := call(c, "POST", "/api/v1/users/"+itoa(gwyn.ID)+"/refuse", ""); rec.StatusCode != http.StatusForbidden {
				t.Errorf("%s refuses: %d", c.User.Role, rec.StatusCode)
			}
		}
		rec, body = call(admin, "POST", approve, `{"role":"emperor"}`)
		wantField(t, rec, body, http.StatusBadRequest, "role", `"emperor"`)
		rec, body = call(admin, "POST", approve, `{"role":"board"}`)
		wantField(t, rec, body, http.StatusBadRequest, "board", "at least one board")
		rec, body = call(admin, "POST", approve, `{"role":"board","boards":["send-improvement-board","Ŵales Forum"]}`)
		wantField(t, rec, body, http.StatusBadRequest, "board", `"Ŵales Forum"`)
		rec, body = call(admin, "POST", approve, `{"role":"viewer","boards":["send-improvement-board"]}`)
		wantField(t, rec, body, http.StatusBadRequest, "board", "give the role board")
		rec, body = call(admin, "POST", approve, `{"role":"board","leads":["Nobody → here"]}`)
		wantField(t, rec, body, http.StatusBadRequest, "lead", `"Nobody → here"`)
		rec, body = call(admin, "POST", approve, `{"role":"viewer","colour":"red"}`)
		wantField(t, rec, body, http.StatusBadRequest, "body", `"colour"`)
		if rec, _ := call(admin, "POST", "/api/v1/users/999999/approve", `{"role":"viewer"}`); rec.StatusCode != http.StatusNotFound {
			t.Errorf("approving no account: %d", rec.StatusCode)
		}
		if got := emails(listUsers(t, env, admin, "?status=pending")); len(got) != 2 {
			t.Fatalf("refused approvals changed the pending accounts: %v", got)
		}

		rec, body = call(admin, "POST", approve, `{"role":"board","boards":["send-improvement-board","`+board.Name+`"]}`)
		var got listedUser
		_ = json.Unmarshal([]byte(body), &got)
		if rec.StatusCode != http.StatusOK || got.Status != "active" || got.Role != models.RoleBoard || len(got.Boards) != 2 {
			t.Fatalf("approve as a board member: %d %s", rec.StatusCode, body)
		}
		u, err := models.FindUserByEmail(ctx, d.DB, "lucja@dorset.example")
		if err != nil || u.Pending || u.Role != models.RoleBoard || !slices.Contains(u.BoardNames(), board.Name) {
			t.Errorf("approved account: %+v, %v", u, err)
		}
		audit, _ := models.UserAudit(ctx, d.DB, "lucja@dorset.example")
		if len(audit) < 2 || audit[0].AfterValue != "approved as board" || audit[0].AuthorName != admin.User.Name ||
			audit[1].Field != "boards" || !strings.Contains(audit[1].AfterValue, board.Name) {
			t.Errorf("audit: %+v", audit)
		}
		rec, body = call(admin, "POST", approve, `{"role":"admin"}`)
		wantField(t, rec, body, http.StatusConflict, "", "not waiting for approval")
		if rec, _ := call(admin, "POST", "/api/v1/users/"+itoa(lucja.ID)+"/refuse", ""); rec.StatusCode != http.StatusConflict {
			t.Errorf("refusing an approved account: %d", rec.StatusCode)
		}
		if rec, _ := call(admin, "POST", "/api/v1/users/"+itoa(admin.User.ID)+"/approve", `{"role":"viewer"}`); rec.StatusCode != http.StatusConflict {
			t.Errorf("approving an account that never waited: %d", rec.StatusCode)
		}

		rec, body = call(admin, "POST", "/api/v1/users/"+itoa(gwyn.ID)+"/refuse", "")
		if rec.StatusCode != http.StatusOK || !strings.Contains(body, `"status":"disabled"`) {
			t.Fatalf("refuse: %d %s", rec.StatusCode, body)
		}
		if got := listUsers(t, env, admin, "?status=pending"); len(got) != 0 {
			t.Errorf("still pending: %v", emails(got))
		}
		if got := emails(listUsers(t, env, admin, "?status=disabled")); !slices.Equal(got, []string{"gwyn@dorset.example"}) {
			t.Errorf("disabled: %v", got)
		}
		if audit, _ := models.UserAudit(ctx, d.DB, "gwyn@dorset.example"); len(audit) == 0 || audit[0].AfterValue != "refused; account disabled" {
			t.Errorf("refusal audit: %+v", audit)
		}
	})
}

// TestPendingApprovalPageGivesBoards: on /users a pending account is approved
// as a board member with the boards ticked in the same form.
func TestPendingApprovalPageGivesBoards(t *testing.T) {
	t.Parallel()
	apptest.Each(t, func(t *testing.T, env *apptest.Env, d modeltest.DB) {
		admin := env.SignIn(t, models.RoleAdmin)
		p := pendingAccount(t, d, "sub-ifor", "ifor@dorset.example", "Ifor Ŵyn")
		page := env.Get(admin, "/users").Body.String()
		if !strings.Contains(page, `id="approve-board-`+itoa(p.ID)+`-0"`) || !strings.Contains(page, `<option value="board">`) {
			t.Fatalf("the approval form offers no boards")
		}
		if rec := env.PostForm(admin, "/users/"+itoa(p.ID)+"/approve", url.Values{"role": {"board"}}); rec.Code != http.StatusBadRequest ||
			!strings.Contains(rec.Body.String(), "at least one board") {
			t.Errorf("board member without boards: %d", rec.Code)
		}
		rec := env.PostForm(admin, "/users/"+itoa(p.ID)+"/approve", url.Values{"role": {"board"}, "board": {"send-improvement-board"}})
		if rec.Code != http.StatusSeeOther {
			t.Fatalf("approve with a board: %d %s", rec.Code, rec.Body)
		}
		u, err := models.FindUserByEmail(context.Background(), d.DB, "ifor@dorset.example")
		if err != nil || u.Pending || u.Role != models.RoleBoard || !slices.Equal(u.BoardNames(), []string{"SEND Improvement Board"}) {
			t.Errorf("approved: %+v, %v", u, err)
		}
	})
}
