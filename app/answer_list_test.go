package app_test

import (
	"context"
	"net/http"
	"regexp"
	"strings"
	"testing"
	"time"

	"sendboard/app/apptest"
	"sendboard/models"
	"sendboard/models/modeltest"
	"sendboard/models/round"
)

// TestAnswerLinkLandsOnTheRoundsActions: a lead asked about several actions
// who follows the email's general link (not one action's) lands on the list
// of them, each with its form one click away; answering one marks it on the
// list; someone signed in to the whole site is sent to My actions instead.
func TestAnswerLinkLandsOnTheRoundsActions(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	apptest.Each(t, func(t *testing.T, env *apptest.Env, d modeltest.DB) {
		lead := env.SignIn(t, models.RoleLead, "DCO")
		admin := env.SignIn(t, models.RoleAdmin)
		due := time.Now().AddDate(0, 0, 10).Format(time.DateOnly)
		r, _, err := env.App.OpenRound(ctx, admin.User, round.Input{Board: "SEND Improvement Board", Due: due})
		if err != nil {
			t.Fatal(err)
		}
		items, err := round.AnswerItems(ctx, d.DB, r.ID, lead.User.ID, 1000)
		if err != nil || len(items) < 2 {
			t.Fatalf("the round asks DCO about %d actions (%v); the test needs several", len(items), err)
		}
		var body string
		d.DB.Model(&round.Mail{}).Where("user_id = ? AND round_id = ?", lead.User.ID, r.ID).Pluck("text_body", &body)
		link := regexp.MustCompile(`/answer/sba_[A-Za-z0-9_-]+`).FindString(body)
		if link == "" {
			t.Fatalf("no personal link in the request:\n%s", body)
		}
		limited, dest := followLink(t, env, lead.User, link)
		if dest != "/answer" {
			t.Fatalf("the general link leads to %q, want the list /answer", dest)
		}
		page := env.Get(limited, dest)
		text := page.Body.String()
		if page.Code != http.StatusOK || page.Header().Get("Cache-Control") != "no-store" ||
			!strings.Contains(text, "asks for your update by "+models.HumanDate(due)) || strings.Count(text, "To do</strong>") != len(items) {
			t.Fatalf("the list: %d %s", page.Code, snippet(text))
		}
		for _, it := range items {
			if !strings.Contains(text, `/actions/`+it.Number+`#record">`+it.Number+`</a>`) {
				t.Errorf("the list has no link to %s's form", it.Number)
			}
		}
		if !strings.Contains(text, `href="/answer" aria-current="page"`) && !strings.Contains(text, `href="/answer"`) {
			t.Error("the navigation does not lead back to the list")
		}

		first := items[0].Number
		if rec := recordProgress(t, env, limited, "/plans/dorset-wsoa-2019/actions/"+first, "Łódź → ŵ ≥ done via the list"); rec.Code != http.StatusSeeOther {
			t.Fatalf("recording progress on %s: %d %s", first, rec.Code, snippet(rec.Body.String()))
		}
		text = env.Get(limited, "/answer").Body.String()
		if strings.Count(text, "Answered</strong>") != 1 || strings.Count(text, "To do</strong>") != len(items)-1 {
			t.Errorf("after answering %s the list says: %s", first, snippet(text))
		}

		if rec := env.Get(lead, "/answer"); rec.Code != http.StatusSeeOther || rec.Header().Get("Location") != "/me" {
			t.Errorf("a full session on /answer: %d %q", rec.Code, rec.Header().Get("Location"))
		}
		if rec := env.Get(nil, "/answer"); rec.Code != http.StatusSeeOther || !strings.HasPrefix(rec.Header().Get("Location"), "/login") {
			t.Errorf("no session on /answer: %d %q", rec.Code, rec.Header().Get("Location"))
		}
	})
}
