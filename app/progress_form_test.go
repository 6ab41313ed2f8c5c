package app_test

import (
	"fmt"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"

	"sendboard/app/apptest"
	"sendboard/models"
	"sendboard/models/modeltest"
)

// TestProgressFormShowsEveryErrorAtOnce: one submission with three mistakes
// gets all three in the summary at the top of main, in the title, beside each
// field, with everything typed kept, including the date boxes.
func TestProgressFormShowsEveryErrorAtOnce(t *testing.T) {
	t.Parallel()
	apptest.Each(t, func(t *testing.T, env *apptest.Env, d modeltest.DB) {
		lead := env.SignIn(t, models.RoleLead, "DCO")
		v := actionVersion(t, env, lead, "1.2")
		rec := env.PostForm(lead, "/actions/1.2/updates", url.Values{"narrative": {"  "}, "status": {"in_progress"},
			"evidence_url": {"not a link"}, "date-day": {"31"}, "date-month": {"2"}, "date-year": {"2026"}, "version": {fmt.Sprint(v)}})
		body := rec.Body.String()
		if rec.Code != http.StatusBadRequest {
			t.Fatalf("got %d, want 400", rec.Code)
		}
		if !strings.Contains(body, "<title>Error: Action 1.2") {
			t.Error(`the title does not start "Error: "`)
		}
		main := body[strings.Index(body, `<main`):]
		if !regexp.MustCompile(`^<main[^>]*>\s*<div class="govuk-error-summary"`).MatchString(main) {
			t.Errorf("the error summary is not the first thing in main: %.200s", main)
		}
		for _, want := range []string{
			`<a href="#p-narrative">Enter what has happened since the last update</a>`,
			`<a href="#p-rag-red">Choose a RAG rating</a>`,
			`<a href="#p-evidence_url">Enter a full web address starting https://</a>`,
			`<a href="#p-date-day">Date of update must be a real date</a>`,
			`id="p-date-error"`, `id="p-date-day" name="date-day" type="text" inputmode="numeric" value="31"`,
			`value="not a link"`,
		} {
			if !strings.Contains(body, want) {
				t.Errorf("the page lacks %s", want)
			}
		}
		if strings.Contains(body, `type="date"`) {
			t.Error("the form still uses the browser's date picker")
		}
		if n := strings.Count(main[:strings.Index(main, "</ul>")], "<li>"); n != 4 {
			t.Errorf("the summary lists %d problems, want 4", n)
		}
		// A good save, then the latest update is shown above the form.
		rec = env.PostForm(lead, "/actions/1.2/updates", url.Values{"narrative": {"Shared with all health teams"}, "status": {"in_progress"},
			"rag": {"green"}, "date-day": {"2"}, "date-month": {"Jan"}, "date-year": {"2026"}, "version": {fmt.Sprint(v)}})
		if rec.Code != http.StatusSeeOther {
			t.Fatalf("save: %d %s", rec.Code, snippet(rec.Body.String()))
		}
		page := env.Get(lead, "/actions/1.2").Body.String()
		latest, form := strings.Index(page, `id="p-latest"`), strings.Index(page, `action="/actions/1.2/updates`)
		if latest < 0 || latest > form || !strings.Contains(page[latest:form], "Shared with all health teams") ||
			!strings.Contains(page[latest:form], "2 January 2026") {
			t.Error("the latest update is not shown above the form")
		}
		var up models.ProgressUpdate
		d.DB.Order("id DESC").Take(&up)
		if up.UpdateDate.Format("2006-01-02") != "2026-01-02" {
			t.Errorf("saved update date %s, want 2026-01-02", up.UpdateDate)
		}
	})
}

// TestMyActionsTagsAndLink: each reason an action needs attention is named
// once, and only holders of a lead role are offered "My actions".
func TestMyActionsTagsAndLink(t *testing.T) {
	t.Parallel()
	apptest.Each(t, func(t *testing.T, env *apptest.Env, d modeltest.DB) {
		if _, err := models.RunFlags(t.Context(), d.DB, env.App.Now(), env.App.Config.Location(), env.App.Config.UpdateOverdueDays); err != nil {
			t.Fatal(err)
		}
		lead := env.SignIn(t, models.RoleLead, "DCO")
		page := env.Get(lead, "/me").Body.String()
		rows := regexp.MustCompile(`(?s)<tr class="govuk-table__row">.*?</tr>`).FindAllString(page, -1)
		if len(rows) < 2 {
			t.Fatalf("My actions shows %d rows", len(rows))
		}
		for _, row := range rows[1:] {
			for _, label := range []string{"Update overdue", "Milestone passed", "Overdue initiation"} {
				if n := strings.Count(row, ">"+label+"<"); n > 1 {
					t.Errorf("a row says %q %d times", label, n)
				}
			}
			if strings.Contains(row, "Update needed") {
				t.Error(`a row still says "Update needed" beside the flags`)
			}
		}
		if !strings.Contains(page, `href="/me"`) {
			t.Error("a lead holding a lead role is not offered My actions")
		}
		for _, role := range []string{models.RoleLead, models.RoleBoard, models.RoleAdmin} {
			none := env.SignIn(t, role)
			if strings.Contains(env.Get(none, "/").Body.String(), `href="/me"`) {
				t.Errorf("a %s holding no lead role is offered My actions", role)
			}
		}
	})
}
