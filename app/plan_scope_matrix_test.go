package app_test

import (
	"bytes"
	"encoding/json"
	"net/http"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"context"
	"sendboard/app/apptest"
	"sendboard/models"
	"sendboard/models/modeltest"
	"sendboard/models/planfile"
	"sendboard/models/planimport"
	"sendboard/seeds"

	"gorm.io/gorm"
)

// scopedPlan is one plan of the matrix: where its pages are, its actions'
// text, and the other plan's, which none of its pages may show.
type scopedPlan struct {
	name, slug string
	home       string // its overview
	base       string // prefix of its plan-scoped pages: "" for the default plan
	actionBase string // prefix of its action pages
	export     string // its actions export, without the extension
	api        string // its API action list
	own, other map[string]string
}

var scopedPlans = []scopedPlan{
	{name: seededPlanName, slug: "dorset-wsoa-2019", home: "/", base: "", actionBase: "/actions/", export: "/actions",
		api: "/api/v1/actions", own: seededText, other: secondText},
	{name: secondName, slug: secondSlug, home: secondBase, base: secondBase, actionBase: secondBase + "/actions/",
		export: secondBase + "/actions", api: "/api/v1" + secondBase + "/actions", own: secondText, other: seededText},
}

// otherOf is the plan of the matrix that is not p.
func otherOf(p scopedPlan) scopedPlan {
	if p.slug == scopedPlans[0].slug {
		return scopedPlans[1]
	}
	return scopedPlans[0]
}

// mustShowOnly fails unless body holds p's text of each number and none of
// the other plan's.
func mustShowOnly(t *testing.T, what, body string, p scopedPlan, numbers ...string) {
	t.Helper()
	for _, n := range numbers {
		if !strings.Contains(body, p.own[n]) {
			t.Errorf("%s: lacks %s of %s (%q)", what, n, p.name, p.own[n])
		}
	}
	for n, text := range p.other {
		if strings.Contains(body, text) {
			t.Errorf("%s: shows %s of the other plan (%q)", what, n, text)
		}
	}
}

// mustLinkOnly fails unless body links each number to its page in p, and
// never to the other plan's page of the same number.
func mustLinkOnly(t *testing.T, what, body string, p scopedPlan, suffix string, numbers ...string) {
	t.Helper()
	o := otherOf(p)
	for _, n := range numbers {
		if !strings.Contains(body, `href="`+p.actionBase+n+suffix+`"`) {
			t.Errorf("%s: no link to %s%s%s", what, p.actionBase, n, suffix)
		}
		if strings.Contains(body, `href="`+o.actionBase+n+suffix+`"`) {
			t.Errorf("%s: links %s to the other plan's page %s%s", what, n, o.actionBase, n)
		}
	}
}

// TestPlanScopeMatrix runs every plan-scoped page, export, API list, queue
// and pack against two plans that number their actions alike (1.1 and 1.2
// in both): each must show and link only its own plan's actions, so a link
// or a query that forgets its plan fails here.
func TestPlanScopeMatrix(t *testing.T) {
	t.Parallel()
	apptest.EachWith(t, twoPlans, func(t *testing.T, env *apptest.Env, d modeltest.DB) {
		env.App.Now = func() time.Time { return scopeNow.AddDate(0, 6, 0) }
		viewer := env.SignIn(t, models.RoleViewer)
		for _, p := range scopedPlans {
			t.Run(p.slug, func(t *testing.T) {
				get := func(path string) string {
					t.Helper()
					return mustStatus(t, env.Get(viewer, path), http.StatusOK, path)
				}
				// The overview, a filtered view, a board's and a lead's page: their
				// actions, the links to them and to the exports of the same selection.
				for path, want := range map[string]struct {
					numbers []string
					export  string
				}{
					p.home:              {[]string{"1.1", "1.2"}, ""},
					p.home + "?rag=red": {[]string{"1.2"}, "?rag=red"},
					p.base + "/boards/send-improvement-board": {[]string{"1.2"}, "?board=send-improvement-board"},
					p.base + "/leads/dco?rag=red":             {[]string{"1.2"}, "?lead=dco&amp;rag=red"},
				} {
					body := get(path)
					mustShowOnly(t, path, body, p, want.numbers...)
					mustLinkOnly(t, path, body, p, "", want.numbers...)
					for _, ext := range []string{".csv", ".xlsx"} {
						if link := `href="` + p.export + ext + want.export + `"`; !strings.Contains(body, link) {
							t.Errorf("%s: no download link %s", path, link)
						}
					}
				}
				// What needs attention, on the overview: red, flagged, awaiting sign-off.
				body := get(p.home)
				attention := body[strings.Index(body, `id="attention-h"`):]
				attention = attention[:strings.Index(attention, "</section>")]
				mustLinkOnly(t, p.home+" attention", attention, p, "", "1.1", "1.2")
				// The action pages.
				for _, n := range []string{"1.1", "1.2"} {
					mustShowOnly(t, p.actionBase+n, get(p.actionBase+n), p, n)
				}
				// The exports: the plan's red actions, named for the plan.
				rows := planCSVRows(t, env, viewer, p.export+".csv?rag=red", p.slug, p.name)
				if got := column(rows, "Number"); !slices.Equal(got, []string{"1.2"}) || column(rows, "Action")[0] != p.own["1.2"] {
					t.Errorf("%s.csv?rag=red: %v %v, want %s's 1.2 alone", p.export, got, column(rows, "Action"), p.name)
				}
				rec := env.Get(viewer, p.export+".xlsx?rag=red")
				if cd := rec.Header().Get("Content-Disposition"); rec.Code != http.StatusOK || !strings.Contains(cd, "sendboard-"+p.slug+"-actions-") {
					t.Fatalf("%s.xlsx: %d %q", p.export, rec.Code, cd)
				}
				wb, err := excelize.OpenReader(bytes.NewReader(rec.Body.Bytes()))
				if err != nil {
					t.Fatal(err)
				}
				xr, _ := wb.GetRows("Actions")
				wb.Close()
				if len(xr) != 3 || xr[0][1] != p.name || xr[2][0] != "1.2" || xr[2][slices.Index(xr[1], "Action")] != p.own["1.2"] {
					t.Errorf("%s.xlsx?rag=red rows = %q, want the plan named, then the header and its 1.2", p.export, xr)
				}
				// The API list and an action from it.
				var list apiListBody
				apiGet(t, env, viewer, p.api+"?rag=red", http.StatusOK, &list)
				if list.Total != 1 || len(list.Actions) != 1 || list.Actions[0].Number != "1.2" {
					t.Errorf("%s?rag=red = %+v, want its 1.2 alone", p.api, list)
				}
				one := env.API(viewer, "GET", p.api+"/1.2", "").Body.String()
				mustShowOnly(t, p.api+"/1.2", one, p, "1.2")
				// The governance pack for the SEND Improvement Board and this plan.
				board := env.SignInBoard(t, "SEND Improvement Board")
				created := env.API(board, "POST", "/api/v1/packs", `{"board":"send-improvement-board","quarter":"2026-27 Q1","plan":"`+p.slug+`"}`)
				var sp struct {
					Files []struct{ Format, URL string }
				}
				if created.Code != http.StatusCreated || json.Unmarshal(created.Body.Bytes(), &sp) != nil {
					t.Fatalf("pack for %s: %d %s", p.slug, created.Code, snippet(created.Body.String()))
				}
				for _, f := range sp.Files {
					if f.Format == "html" {
						html := mustStatus(t, env.API(board, "GET", f.URL, ""), http.StatusOK, "pack html")
						mustShowOnly(t, "pack for "+p.slug, html, p, "1.2")
					}
				}
			})
		}

		// The queues that span plans group or label each plan's actions and
		// link each to its own plan: sign-off and My actions.
		signoff := mustStatus(t, env.Get(viewer, "/boards/send-health-forum/signoff"), http.StatusOK, "sign-off queue")
		for _, p := range scopedPlans {
			mustLinkOnlyIn(t, "sign-off queue", signoff, p, "1.1#signoff")
			if !strings.Contains(signoff, `<h2 class="govuk-heading-m">`+p.name+`</h2>`) {
				t.Errorf("the sign-off queue has no group for %s", p.name)
			}
		}
		if !strings.Contains(signoff, "2 complete actions") {
			t.Errorf("the sign-off queue does not count both plans' 1.1:\n%s", snippet(signoff[strings.Index(signoff, "<h1"):]))
		}
		dco := env.SignIn(t, models.RoleLead, "DCO")
		me := mustStatus(t, env.Get(dco, "/me"), http.StatusOK, "my actions")
		for _, p := range scopedPlans {
			mustLinkOnlyIn(t, "my actions", me, p, "1.2#record")
		}

		// The indexes count every plan: the Head of SEND leads only the second plan's actions.
		leads := mustStatus(t, env.Get(viewer, "/leads"), http.StatusOK, "/leads")
		if !strings.Contains(leads, `<a class="govuk-link" href="`+secondBase+`/leads/head-of-send">Head of SEND</a>`) ||
			!strings.Contains(leads, `href="`+secondBase+`/leads/head-of-send?status=not_started#actions"`) {
			t.Errorf("/leads does not count the Head of SEND's actions in %s", secondName)
		}
		for _, p := range scopedPlans {
			if !strings.Contains(leads, `href="`+p.base+`/leads/dco">`+p.name+`</a>`) {
				t.Errorf("/leads has no line for the DCO's actions in %s", p.name)
			}
		}
		boards := mustStatus(t, env.Get(viewer, "/boards"), http.StatusOK, "/boards")
		if !strings.Contains(boards, `href="`+secondBase+`/boards/send-improvement-board?rag=red#actions"`) {
			t.Errorf("/boards does not link the SEND Improvement Board's red actions in %s", secondName)
		}
	})
}

// mustLinkOnlyIn is mustLinkOnly for a page listing several plans: p's
// number links to p's page (the other plan's link is checked on its turn).
func mustLinkOnlyIn(t *testing.T, what, body string, p scopedPlan, numberAndSuffix string) {
	t.Helper()
	if !strings.Contains(body, `href="`+p.actionBase+numberAndSuffix+`"`) {
		t.Errorf("%s: no link to %s%s", what, p.actionBase, numberAndSuffix)
	}
}

// The second plan of twoPlans, numbered as the seeded plan is (1.1, 1.2 …).
const (
	secondSlug = "lodz-style-pap-2026"
	secondName = "Łódź-style PAP 2026"
	secondBase = "/plans/" + secondSlug
)

// Each plan's actions as the matrix tells them apart: the same numbers, in
// the same states, with different text.
var (
	seededText = map[string]string{
		"1.1": "Joint training and awareness framework rolled out to wider workforce.",
		"1.2": "Joint agreement is shared more widely with workforce through face to face sessions.",
	}
	secondText = map[string]string{
		"1.1": "PAP action one: publish the graduated approach to every school",
		"1.2": "PAP action two: agree joint commissioning of speech therapy",
		"1.3": "PAP action three: appoint the inclusion champions",
		"2.1": "PAP action four: run the parent carer survey each term",
	}
	// scopeNow is when the fixture's flags were raised.
	scopeNow = time.Date(2026, 6, 1, 9, 0, 0, 0, time.UTC)
)

// twoPlans is everything `make run` loads plus a second plan imported beside
// it with the same action numbers. In both plans 1.1 is complete and awaits
// the SEND Health Forum's sign-off, and 1.2 is red, led by the DCO and
// governed by the SEND Improvement Board; the flags are raised as of scopeNow.
var twoPlans = modeltest.Fixture{Name: "two_plans", Build: func(ctx context.Context, db *gorm.DB) error {
	if _, err := seeds.Load(ctx, db); err != nil {
		return err
	}
	p := &planfile.Plan{Areas: []planfile.Area{{Code: "A", Title: "Inclusion", Owners: models.OwnerCouncil}},
		Actions: []planfile.Action{
			{Number: "1.1", AreaCode: "A", Text: secondText["1.1"], Lead: "DCO", Boards: []string{"SEND Health Forum"},
				Due: "2026-03", Status: models.StatusComplete, RAG: "blue", Progress: "Published in March"},
			{Number: "1.2", AreaCode: "A", Text: secondText["1.2"], Lead: "DCO", Boards: []string{"SEND Improvement Board"},
				Due: "2025-01", Status: models.StatusInProgress, RAG: "red", Progress: "Funding not yet agreed"},
			{Number: "1.3", AreaCode: "A", Text: secondText["1.3"], Lead: "Head of SEND", Boards: []string{"SEND Improvement Board"},
				Due: "2027-03", Status: models.StatusNotStarted, InitiateBy: "2025-01"},
			{Number: "2.1", AreaCode: "A", Text: secondText["2.1"], Lead: "Head of SEND", Boards: []string{"SEND Health Forum"},
				Due: "2030-03", Status: models.StatusInProgress, RAG: "green", Progress: "First survey out"},
		}}
	data, err := planfile.WriteCSV(p)
	if err != nil {
		return err
	}
	if _, err := planimport.Import(ctx, db, nil, data, planimport.Request{Name: secondName, Type: models.PlanPAP, File: "pap.csv"}, scopeNow); err != nil {
		return err
	}
	var seeded models.Plan
	if err := db.Where("is_default").Take(&seeded).Error; err != nil {
		return err
	}
	if err := db.Model(&models.Action{}).Where("plan_id = ? AND number = ?", seeded.ID, "1.1").
		Updates(map[string]any{"status": models.StatusComplete, "rag": "blue"}).Error; err != nil {
		return err
	}
	if err := db.Model(&models.Action{}).Where("plan_id = ? AND number = ?", seeded.ID, "1.2").Update("rag", "red").Error; err != nil {
		return err
	}
	_, err = models.RunFlags(ctx, db, scopeNow, time.UTC, 90)
	return err
}}
