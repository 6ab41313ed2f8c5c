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

// answerRoutes are the only routes a session from an emailed link may use,
// for its own actions in its round.
var answerRoutes = map[string]bool{
	"GET /actions/:number": true, "GET /plans/:plan/actions/:number": true,
	"POST /actions/:number/updates": true, "POST /plans/:plan/actions/:number/updates": true,
}

// answerUnguarded are routes outside the signed-in groups, or the sign-in
// routes themselves, which treat the limited session as signed out.
var answerUnguarded = map[string]bool{
	"/healthz": true, "/readyz": true, "/favicon.ico": true, "/static/*": true, "/static*": true,
	"/login": true, "/logout": true, "/answer/:token": true,
	"/login/oidc/:provider": true, "/login/oidc/:provider/callback": true,
}

var routeParam = regexp.MustCompile(`:[a-z]+`)

// concretePath fills a route's parameters with values that exist in the
// seeded plan, so a refusal cannot come from a missing record.
func concretePath(pattern, number string) string {
	return routeParam.ReplaceAllStringFunc(pattern, func(p string) string {
		switch p {
		case ":plan":
			return "dorset-wsoa-2019"
		case ":number":
			return number
		case ":slug":
			return "dco"
		case ":format":
			return "pdf"
		case ":measure", ":code", ":name":
			return "x"
		default:
			return "1"
		}
	})
}

// TestRoundAnswerSessionMatrix: the limited "round answer" session, held by
// an admin who leads 1.2 (so no role check refuses it), is refused on every
// route but its own action's page and form in the round: page and API, read
// and write.
func TestRoundAnswerSessionMatrix(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	apptest.Each(t, func(t *testing.T, env *apptest.Env, d modeltest.DB) {
		holder := env.SignIn(t, models.RoleAdmin, "DCO")
		due := time.Now().AddDate(0, 0, 10).Format(time.DateOnly)
		r, _, err := env.App.OpenRound(ctx, holder.User, round.Input{Board: "SEND Improvement Board", Due: due})
		if err != nil {
			t.Fatal(err)
		}
		var body string
		d.DB.Model(&round.Mail{}).Where("user_id = ? AND round_id = ?", holder.User.ID, r.ID).Pluck("text_body", &body)
		link := regexp.MustCompile(`/answer/sba_[A-Za-z0-9_-]+\?a=1\.2\b`).FindString(body)
		if link == "" {
			t.Fatalf("the request has no personal link to 1.2:\n%s", body)
		}
		limited, _ := followLink(t, env, holder.User, link)
		var notMine string
		d.DB.Table("round_actions ra").Joins("JOIN actions a ON a.id = ra.action_id").
			Where("ra.round_id = ? AND NOT EXISTS (SELECT 1 FROM action_leads al JOIN leads l ON l.id = al.lead_id WHERE al.action_id = a.id AND l.name = ?)", r.ID, "DCO").
			Order("a.id").Limit(1).Pluck("a.number", &notMine)
		if notMine == "" {
			t.Fatal("the round has no action led by someone else")
		}
		checked := 0
		for _, rt := range env.E.Routes() {
			if rt.Method == "echo_route_not_found" || rt.Method == http.MethodHead || answerUnguarded[rt.Path] || strings.HasPrefix(rt.Path, "/password/") {
				continue
			}
			key := rt.Method + " " + rt.Path
			call := func(number string) int {
				path := concretePath(rt.Path, number)
				switch {
				case strings.HasPrefix(path, "/api/"):
					return apiWithSession(env, limited, rt.Method, path, "{}").Code
				case rt.Method == http.MethodGet:
					return env.Get(limited, path).Code
				default:
					return env.PostForm(limited, path, nil).Code
				}
			}
			checked++
			if key == "GET "+"/answer" {
				// Its own landing page lists only its own actions.
				rec := env.Get(limited, "/answer")
				if body := rec.Body.String(); rec.Code != http.StatusOK || !strings.Contains(body, ">1.2</a>") || strings.Contains(body, ">"+notMine+"</a>") {
					t.Errorf("GET /answer with the round answer session: %d %s", rec.Code, snippet(body))
				}
				continue
			}
			if answerRoutes[key] {
				if code := call("1.2"); code == http.StatusForbidden || code == http.StatusUnauthorized || code >= 500 {
					t.Errorf("%s for its own action: %d, want allowed", key, code)
				}
				if code := call(notMine); code != http.StatusForbidden {
					t.Errorf("%s for %s, led by another: %d, want 403", key, notMine, code)
				}
				continue
			}
			if code := call("1.2"); code != http.StatusForbidden {
				t.Errorf("%s with the round answer session: %d, want 403", key, code)
			}
		}
		if checked < 100 {
			t.Errorf("only %d routes checked", checked)
		}
		// The same person signed in as usual may use the whole site.
		if rec := env.Get(holder, "/users"); rec.Code != http.StatusOK {
			t.Errorf("the full session of the same admin: GET /users %d", rec.Code)
		}
	})
}
