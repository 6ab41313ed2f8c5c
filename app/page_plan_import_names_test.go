package app_test

import (
	"html"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"

	"sendboard/app/apptest"
	"sendboard/models"
	"sendboard/models/modeltest"
)

// namesCSV has a joint lead cell of two leads the file names elsewhere, a
// pair nobody knows, and the DCO spelt out.
const namesCSV = "Ref,Action,Lead\n" +
	"1.1,Joint pathway,LA and ICB\n" +
	"1.2,Council audit,LA\n" +
	"1.3,Health review,ICB\n" +
	"1.4,Unknown pair,Parent Champion and Youth Worker\n" +
	"1.5,Therapies,Designated Clinical Officer\n"

var namesHiddenRe = regexp.MustCompile(`<input type="hidden" name="([a-z_0-9]+)" value="([^"]*)">`)

// The preview says how each joint lead cell was read and offers DCO for
// "Designated Clinical Officer"; choosing it imports without a new lead.
func TestPlanImportPageJointLeadsAndSameNames(t *testing.T) {
	t.Parallel()
	apptest.Each(t, func(t *testing.T, env *apptest.Env, d modeltest.DB) {
		admin := env.SignIn(t, models.RoleAdmin)
		rec := uploadPlan(t, env, admin, "names.csv", []byte(namesCSV),
			map[string]string{"name": "Names plan", "type": models.PlanPAP, "step": "preview"})
		page := rec.Body.String()
		for _, want := range []string{
			html.EscapeString(`Row 2: lead "LA and ICB" read as 2 leads: LA; ICB`),
			html.EscapeString(`Row 5: lead "Parent Champion and Youth Worker" kept as one lead`),
			`Lead “Designated Clinical Officer”`, `value="DCO">`, `Use the existing lead “DCO”`, `Create a new lead “Designated Clinical Officer”`,
		} {
			if !strings.Contains(page, want) {
				t.Errorf("the preview lacks %q", want)
			}
		}
		if rec.Code != http.StatusOK || t.Failed() {
			t.Fatalf("preview: %d\n%s", rec.Code, snippet(page))
		}
		radio := regexp.MustCompile(`name="(same_lead_\d+)" type="radio" value="DCO"`).FindStringSubmatch(page)
		if radio == nil {
			t.Fatal("no radio for DCO")
		}
		form := url.Values{}
		for _, m := range namesHiddenRe.FindAllStringSubmatch(page, -1) {
			if m[1] != "_csrf" {
				form.Set(m[1], html.UnescapeString(m[2]))
			}
		}
		form.Set("name", "Names plan")
		form.Set("type", models.PlanPAP)
		form.Set(radio[1], "DCO")
		form.Set("step", "import")
		var before int64
		d.DB.Model(&models.Lead{}).Count(&before)
		if rec := env.PostForm(admin, "/plans/import", form); rec.Code != http.StatusSeeOther {
			t.Fatalf("import: %d\n%s", rec.Code, snippet(rec.Body.String()))
		}
		var after, spelt int64
		d.DB.Model(&models.Lead{}).Count(&after)
		d.DB.Model(&models.Lead{}).Where("name = ?", "Designated Clinical Officer").Count(&spelt)
		if after-before != 3 || spelt != 0 {
			t.Errorf("%d leads made (want 3: LA, ICB and the unknown pair), %d called Designated Clinical Officer", after-before, spelt)
		}
		rec = env.API(admin, "GET", "/api/v1/plans/names-plan/actions/1.5", "")
		if !strings.Contains(rec.Body.String(), `"leads":["DCO"]`) {
			t.Errorf("1.5 is not DCO's: %s", rec.Body)
		}
		rec = env.API(admin, "GET", "/api/v1/plans/names-plan/actions/1.1", "")
		if !strings.Contains(rec.Body.String(), `"leads":["LA","ICB"]`) {
			t.Errorf("1.1 is not led by LA and ICB: %s", rec.Body)
		}
	})
}
