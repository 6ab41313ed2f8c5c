package app_test

import (
	"context"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"sendboard/app/apptest"
	"sendboard/models"
	"sendboard/models/modeltest"
)

// Two replicas on one PostgreSQL database: a figure uploaded, a target set
// and a link made through A each show on B's next request, after which B
// serves the page from memory again.
func TestMeasuresPagesOnReplicas(t *testing.T) {
	t.Parallel()
	d := modeltest.PostgresWith(t, twoPlans)
	a, b := apptest.Open(t, d), replica(t, d)
	listen(t, a, d.DSN)
	listen(t, b, d.DSN)
	admin, viewer := a.SignIn(t, models.RoleAdmin), a.SignIn(t, models.RoleViewer)
	for _, path := range measuresReads {
		b.Get(viewer, path)
		b.Get(viewer, path)
	}
	counter := modeltest.CountQueries(b.DB.DB)
	onB := func(what, path, want string) {
		t.Helper()
		if body := mustStatus(t, b.Get(viewer, path), http.StatusOK, path); !strings.Contains(body, want) {
			t.Errorf("%s through A: B's next GET %s lacks %q", what, path, want)
		}
		counter.Reset()
		b.Get(viewer, path)
		if n := counter.N(); n != 0 {
			t.Errorf("%s through A: B's GET %s after that ran %d statements", what, path, n)
		}
	}
	csv := "kpi,period,value,commentary\nsendiass.initial_enquiries,2025-26 Q2,4321,Ffigur ŵ ≥ 4000 → Łódź ı\n"
	mustStatus(t, upload(t, a, admin, "q2.csv", csv), http.StatusOK, "upload through A")
	onB("a figure uploaded", "/kpis", "Ffigur ŵ ≥ 4000 → Łódź ı")

	body := `{"name":"Initial enquiries","unit":"count","direction":"up","period_type":"financial_quarter","decimals":0,` +
		`"targets":[{"period":"2025-26 Q2","target_min":4500}]}`
	if rec := a.API(admin, "PUT", "/api/v1/kpis/sendiass.initial_enquiries", body); rec.Code != http.StatusOK {
		t.Fatalf("PUT KPI through A = %d: %s", rec.Code, rec.Body.String())
	}
	onB("a target set", "/kpis", "by period: 2025-26 Q2 4500")

	link := url.Values{"kind": {"action"}, "plan": {secondSlug}, "action": {"1.2"}}
	if rec := a.PostForm(admin, measurePage+"/links", link); rec.Code != http.StatusSeeOther {
		t.Fatalf("link through A = %d: %s", rec.Code, snippet(rec.Body.String()))
	}
	onB("the second plan's action linked", measurePage, `href="`+secondBase+`/actions/1.2"`)
}

// Every form on the KPI page (upload, commentary) and on a measure's page
// (links) carries the session's own token, whether the page was built for
// this session, another session of the same user or is another user's.
func TestMeasuresPagesCarryTheSessionsToken(t *testing.T) {
	t.Parallel()
	apptest.EachWith(t, twoPlans, func(t *testing.T, env *apptest.Env, d modeltest.DB) {
		first, other := env.SignIn(t, models.RoleAdmin), env.SignIn(t, models.RoleAdmin)
		sess, err := models.CreateSession(context.Background(), d.DB, first.User.ID, "127.0.0.1", time.Now(), time.Hour)
		if err != nil {
			t.Fatal(err)
		}
		second := &apptest.Client{User: first.User, Session: sess}
		owner := env.SignIn(t, models.RoleLead, "DCO")
		if rec := env.PostForm(first, measurePage+"/links", url.Values{"kind": {"action"}, "action": {"3.6"}}); rec.Code != http.StatusSeeOther {
			t.Fatalf("link = %d", rec.Code)
		}
		if err := d.DB.Exec("UPDATE kpis SET owner_role = 'DCO' WHERE code = 'sendiass.response_within_2_days_pct'").Error; err != nil {
			t.Fatal(err)
		}
		for _, path := range []string{"/kpis", measurePage} {
			for _, c := range []*apptest.Client{first, second, other, first, owner, second} {
				body := mustStatus(t, env.Get(c, path), http.StatusOK, path)
				forms := csrfField.FindAllStringSubmatch(body, -1)
				want := 2 // the page's own and signing out; a lead has none of the measure's
				if c == owner && path != "/kpis" {
					want = 1
				}
				if len(forms) < want {
					t.Fatalf("GET %s as %s: %d forms, want at least %d", path, c.User.Email, len(forms), want)
				}
				for _, f := range forms {
					if f[1] != apptest.CSRF(c) {
						t.Errorf("GET %s as %s (session %s…): a form carries %q, not the session's token", path, c.User.Email, c.Session[:6], f[1])
					}
				}
				if strings.Contains(body, "sbcsrf") {
					t.Errorf("GET %s as %s: the token's stand-in is on the page", path, c.User.Email)
				}
			}
		}
		if !strings.Contains(env.Get(owner, "/kpis").Body.String(), `action="/kpis/sendiass.response_within_2_days_pct/commentary"`) {
			t.Error("the KPI's owner is not asked for commentary")
		}
	})
}
