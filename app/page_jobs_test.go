package app_test

import (
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"sendboard/app/apptest"
	"sendboard/models"
	"sendboard/models/jobrun"
	"sendboard/models/modeltest"
)

func TestJobsPage(t *testing.T) {
	t.Parallel()
	apptest.Each(t, func(t *testing.T, env *apptest.Env, d modeltest.DB) {
		admin := env.SignIn(t, models.RoleAdmin)
		if rec := env.Get(env.SignIn(t, models.RoleBoard), "/jobs"); rec.Code != http.StatusForbidden {
			t.Fatalf("board member GET /jobs: %d, want 403", rec.Code)
		}
		rec := env.Get(admin, "/jobs")
		body := rec.Body.String()
		if rec.Code != http.StatusOK || !strings.Contains(body, "flag-overdue") || !strings.Contains(body, `action="/jobs/kpi-pull/run"`) ||
			!strings.Contains(body, `name="_csrf"`) || !strings.Contains(body, "No job has run yet") {
			t.Fatalf("GET /jobs: %d\n%s", rec.Code, snippet(body))
		}
		rec = env.PostForm(admin, "/jobs/flag-overdue/run", url.Values{})
		loc := rec.Header().Get("Location")
		if rec.Code != http.StatusSeeOther || !strings.HasPrefix(loc, "/jobs?run=") {
			t.Fatalf("Run now: %d %q", rec.Code, loc)
		}
		loc, _, _ = strings.Cut(loc, "#") // a browser keeps the fragment to itself
		// The run goes on in the background; the page follows it to its end.
		deadline := time.Now().Add(30 * time.Second)
		for body = env.Get(admin, loc).Body.String(); !strings.Contains(body, "flag-overdue ran: ok"); body = env.Get(admin, loc).Body.String() {
			if time.Now().After(deadline) || !strings.Contains(body, "flag-overdue is running") {
				i := strings.Index(body, "<main")
				t.Fatalf("after Run now:\n%s", body[i:min(len(body), i+3000)])
			}
			time.Sleep(50 * time.Millisecond)
		}
		if !strings.Contains(body, "admin: "+admin.User.Name) {
			t.Fatalf("after Run now:\n%s", body)
		}
		if rec := env.PostForm(admin, "/jobs/no-such-job/run", url.Values{}); rec.Code != http.StatusNotFound {
			t.Fatalf("unknown job: %d", rec.Code)
		}
		// The dashboard filter shows what the job flagged.
		if got := listedNumbers(t, env.Get(admin, "/?flag=overdue_initiation")); len(got) != 12 || got[0] != "2.1" {
			t.Fatalf("dashboard ?flag=overdue_initiation lists %v", got)
		}
	})
}

// TestJobsPageListsRunsThatDidSomething: a minutely mail run with an empty
// outbox does not fill "Recent runs"; the page counts those it leaves out.
func TestJobsPageListsRunsThatDidSomething(t *testing.T) {
	t.Parallel()
	apptest.Each(t, func(t *testing.T, env *apptest.Env, d modeltest.DB) {
		ctx := t.Context()
		admin := env.SignIn(t, models.RoleAdmin)
		at := time.Date(2026, 11, 2, 9, 0, 0, 0, time.UTC)
		run := func(job, outcome, summary string) {
			r, err := jobrun.Start(ctx, d.DB, job, "schedule", nil, at)
			if err != nil {
				t.Fatal(err)
			}
			if err := jobrun.Finish(ctx, d.DB, r, outcome, summary, "", at.Add(time.Second)); err != nil {
				t.Fatal(err)
			}
			at = at.Add(time.Minute)
		}
		run("flags", jobrun.OutcomeOK, "3 flags raised → 2 resolved")
		for range 150 {
			run("mail", jobrun.OutcomeOK, jobrun.IdleSummary)
		}
		run("mail", jobrun.OutcomeSkipped, "another process holds the job's lock")
		run("mail", jobrun.OutcomeOK, "2 sent, 0 to retry, 0 failed")
		body := env.Get(admin, "/jobs").Body.String()
		for _, want := range []string{"3 flags raised → 2 resolved", "2 sent, 0 to retry, 0 failed", "151 runs that had nothing to do, or were skipped, are not listed."} {
			if !strings.Contains(body, want) {
				t.Errorf("/jobs lacks %q", want)
			}
		}
		if strings.Contains(body, ">"+jobrun.IdleSummary+"<") || strings.Contains(body, "another process holds") {
			t.Error("/jobs lists runs that did nothing")
		}
	})
}
