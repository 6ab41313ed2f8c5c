package app_test

import (
	"net/http"
	"regexp"
	"strings"
	"testing"

	"sendboard/app/apptest"
	"sendboard/models"
	"sendboard/models/modeltest"
)

// TestBoardAndLeadIndexes: /boards and /leads list every board and lead
// with their counts, linking to their pages and to the filtered lists.
func TestBoardAndLeadIndexes(t *testing.T) {
	t.Parallel()
	apptest.Each(t, func(t *testing.T, env *apptest.Env, d modeltest.DB) {
		d.DB.Model(&models.Action{}).Where("number = ?", "3.4").Update("rag", "red")
		c := env.SignIn(t, models.RoleViewer)
		row := func(body, href string) []string {
			re := regexp.MustCompile(`<a class="govuk-link" href="` + regexp.QuoteMeta(href) + `">[^<]+</a></th>((?s:.*?))</tr>`)
			m := re.FindStringSubmatch(body)
			if m == nil {
				return nil
			}
			var out []string
			for _, n := range regexp.MustCompile(`data-label="[^"]+">(?:<a[^>]*>)?(\d+)`).FindAllStringSubmatch(m[1], -1) {
				out = append(out, n[1])
			}
			return out
		}
		boards := env.Get(c, "/boards").Body.String()
		var nBoards int64
		d.DB.Model(&models.Board{}).Count(&nBoards)
		if got := len(regexp.MustCompile(`<a class="govuk-link" href="/boards/[^"?]+">`).FindAllString(boards, -1)); int64(got) != nBoards {
			t.Errorf("/boards lists %d boards, want %d", got, nBoards)
		}
		// Total, not started, in progress, complete, red, flagged.
		if got := strings.Join(row(boards, "/boards/schools-forum"), " "); got != "7 1 6 0 1 0" {
			t.Errorf("Schools Forum counts = %q, want 7 1 6 0 1 0", got)
		}
		if got := row(boards, "/boards/send-improvement-board"); len(got) == 0 || got[0] != "40" {
			t.Errorf("SEND Improvement Board counts = %v, want 40 actions", got)
		}
		if !strings.Contains(boards, `href="/boards/schools-forum?status=not_started#actions"`) || !strings.Contains(boards, `href="/boards/schools-forum?rag=red#actions"`) {
			t.Error("/boards counts do not link to the board's filtered list")
		}
		leads := env.Get(c, "/leads").Body.String()
		if got := row(leads, "/leads/dco"); len(got) == 0 || got[0] != "11" {
			t.Errorf("DCO counts = %v, want 11 actions", got)
		}
		if !strings.Contains(leads, "1 action has no lead named in its plan") {
			t.Error("/leads does not count the action with no lead (2.12)")
		}
		if !strings.Contains(env.Get(c, "/").Body.String(), `href="/boards"`) {
			t.Error("no navigation link to /boards")
		}
		var anon *apptest.Client
		for _, p := range []string{"/boards", "/leads", "/actions.csv", "/actions.xlsx"} {
			if rec := env.Get(anon, p); rec.Code != http.StatusSeeOther || !strings.HasPrefix(rec.Header().Get("Location"), "/login") {
				t.Errorf("anonymous GET %s = %d, want a redirect to sign in", p, rec.Code)
			}
		}
	})
}
