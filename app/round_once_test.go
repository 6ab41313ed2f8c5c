package app_test

import (
	"encoding/json"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"sendboard/app/apptest"
	"sendboard/models"
	"sendboard/models/modeltest"
	"sendboard/models/round"
)

// TestConcurrentRoundOpensOpenOne sends six identical requests to open a
// round at once, through the API and through the page (the same form sent
// six times): each time one round opens and its leads are emailed once; the
// other requests are answered 409 with that round (API) or sent to it (page).
func TestConcurrentRoundOpensOpenOne(t *testing.T) {
	t.Parallel()
	apptest.Each(t, func(t *testing.T, base *apptest.Env, d modeltest.DB) {
		env := newRoundEnv(t, base, time.Date(2026, 12, 1, 9, 0, 0, 0, time.UTC))
		leads, _ := boardLeads(t, d, "send-improvement-board")
		l1, l2 := twoLeads(leads)
		env.SignIn(t, models.RoleLead, l1)
		env.SignIn(t, models.RoleLead, l2)
		chair := env.SignInBoard(t, "SEND Improvement Board")

		// The API: six at once.
		codes := make([]int, 6)
		bodies := make([]string, 6)
		var wg sync.WaitGroup
		for i := range codes {
			wg.Add(1)
			go func() {
				defer wg.Done()
				rec := env.API(chair, "POST", "/api/v1/rounds", `{"board":"SEND Improvement Board","due":"2026-12-15"}`)
				codes[i], bodies[i] = rec.Code, rec.Body.String()
			}()
		}
		wg.Wait()
		created, conflicts := 0, 0
		var ids []float64
		for i, c := range codes {
			var out struct {
				ID    float64
				Round struct{ ID float64 }
			}
			_ = json.Unmarshal([]byte(bodies[i]), &out)
			switch c {
			case http.StatusCreated:
				created++
				ids = append(ids, out.ID)
			case http.StatusConflict:
				conflicts++
				ids = append(ids, out.Round.ID)
			default:
				t.Fatalf("request %d: %d %s", i, c, bodies[i])
			}
		}
		if created != 1 || conflicts != 5 {
			t.Fatalf("%d created, %d conflicts; want 1 and 5 (codes %v)", created, conflicts, codes)
		}
		for _, id := range ids {
			if id != ids[0] || id == 0 {
				t.Fatalf("the 409s do not all name the round opened: %v", ids)
			}
		}
		if n := outboxCount(t, d, "kind = ?", round.MailRequest); n != 2 {
			t.Fatalf("%d requests queued, want 2 (one round's)", n)
		}

		// The page: one "Check your answers" form, sent six times at once.
		form := url.Values{"board": {"send-improvement-board"}, "due-day": {"16"}, "due-month": {"12"}, "due-year": {"2026"}}
		check := env.PostForm(chair, "/rounds/check", form)
		if check.Code != http.StatusOK {
			t.Fatalf("check your answers: %d %s", check.Code, snippet(check.Body.String()))
		}
		token := regexp.MustCompile(`name="token" value="([0-9a-f]{32})"`).FindStringSubmatch(check.Body.String())
		if token == nil {
			t.Fatal("the check page has no form token")
		}
		if n := outboxCount(t, d, "kind = ?", round.MailRequest); n != 2 {
			t.Fatalf("checking the answers queued mail: %d requests", n)
		}
		form.Set("token", token[1])
		locs := make([]string, 6)
		for i := range locs {
			wg.Add(1)
			go func() {
				defer wg.Done()
				rec := env.PostForm(chair, "/rounds", form)
				if rec.Code != http.StatusSeeOther {
					t.Errorf("submit %d: %d %s", i, rec.Code, snippet(rec.Body.String()))
				}
				locs[i] = rec.Header().Get("Location")
			}()
		}
		wg.Wait()
		opened, sentBack := 0, 0
		var first string
		for _, l := range locs {
			path, q, _ := strings.Cut(l, "?")
			if first == "" {
				first = path
			}
			if path != first {
				t.Fatalf("the submits went to different rounds: %v", locs)
			}
			switch {
			case strings.HasPrefix(q, "opened="):
				opened++
			case q == "existing=1":
				sentBack++
			}
		}
		if opened != 1 || sentBack != 5 {
			t.Fatalf("%d opened, %d sent to the open round; want 1 and 5: %v", opened, sentBack, locs)
		}
		if body := env.Get(chair, first+"?existing=1").Body.String(); !strings.Contains(body, "This round was already open") {
			t.Errorf("the round page does not say it was open already")
		}
		var rounds int64
		d.DB.Model(&round.Round{}).Count(&rounds)
		if rounds != 2 || outboxCount(t, d, "kind = ?", round.MailRequest) != 4 {
			t.Fatalf("%d rounds and %d requests, want 2 rounds and 4 requests", rounds, outboxCount(t, d, "kind = ?", round.MailRequest))
		}
	})
}

// TestRemovedOwnerCannotManageRound: a board member who opened a round and then
// left the board can no longer close it, reopen it or make its pack; a current
// member and an admin can.
func TestRemovedOwnerCannotManageRound(t *testing.T) {
	t.Parallel()
	apptest.Each(t, func(t *testing.T, base *apptest.Env, d modeltest.DB) {
		env := newRoundEnv(t, base, time.Date(2026, 12, 1, 9, 0, 0, 0, time.UTC))
		owner := env.SignInBoard(t, "SEND Improvement Board")
		member := env.SignInBoard(t, "SEND Improvement Board")
		rec := env.API(owner, "POST", "/api/v1/rounds", `{"board":"SEND Improvement Board","due":"2026-12-15"}`)
		if rec.Code != http.StatusCreated {
			t.Fatalf("open: %d %s", rec.Code, rec.Body.String())
		}
		var r struct{ ID uint }
		json.Unmarshal(rec.Body.Bytes(), &r)
		id := itoa(r.ID)
		if err := d.DB.Exec("DELETE FROM user_boards WHERE user_id = ?", owner.User.ID).Error; err != nil {
			t.Fatal(err)
		}
		for _, p := range []string{"/rounds/" + id + "/close", "/rounds/" + id + "/pack"} {
			if rec := env.PostForm(owner, p, url.Values{}); rec.Code != http.StatusForbidden {
				t.Errorf("POST %s by the removed owner: %d, want 403", p, rec.Code)
			}
		}
		if rec := env.API(owner, "POST", "/api/v1/rounds/"+id+"/close", `{}`); rec.Code != http.StatusForbidden {
			t.Errorf("API close by the removed owner: %d, want 403", rec.Code)
		}
		if body := env.Get(owner, "/rounds/"+id).Body.String(); strings.Contains(body, "Close the round") {
			t.Error("the removed owner is still offered Close")
		}
		if rec := env.PostForm(member, "/rounds/"+id+"/close", url.Values{}); rec.Code != http.StatusSeeOther {
			t.Fatalf("close by a current member: %d", rec.Code)
		}
		if rec := env.PostForm(owner, "/rounds/"+id+"/reopen", url.Values{}); rec.Code != http.StatusForbidden {
			t.Errorf("reopen by the removed owner: %d, want 403", rec.Code)
		}
		admin := env.SignIn(t, models.RoleAdmin)
		if rec := env.API(admin, "POST", "/api/v1/rounds/"+id+"/reopen", `{}`); rec.Code != http.StatusOK || !strings.Contains(rec.Body.String(), `"status":"open"`) {
			t.Fatalf("reopen by an admin: %d %s", rec.Code, rec.Body.String())
		}
		// A round opened since for the same board, plan and due date stops a reopen.
		if rec := env.API(member, "POST", "/api/v1/rounds/"+id+"/close", `{}`); rec.Code != http.StatusOK {
			t.Fatalf("close again: %d", rec.Code)
		}
		if rec := env.API(member, "POST", "/api/v1/rounds", `{"board":"SEND Improvement Board","due":"2026-12-15"}`); rec.Code != http.StatusCreated {
			t.Fatalf("a new round: %d %s", rec.Code, rec.Body.String())
		}
		if rec := env.API(admin, "POST", "/api/v1/rounds/"+id+"/reopen", `{}`); rec.Code != http.StatusConflict {
			t.Fatalf("reopen beside an open twin: %d %s", rec.Code, rec.Body.String())
		}
	})
}
