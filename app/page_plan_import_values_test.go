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
	"sendboard/models/planfile/layouttest"
)

var (
	anyHiddenRe = regexp.MustCompile(`<input type="hidden" name="([a-z_0-9]+)" value="([^"]*)">`)
	selectRe    = regexp.MustCompile(`(?s)<select class="govuk-select[^"]*" id="[^"]*" name="([a-z_0-9]+)">(.*?)</select>`)
	selectedRe  = regexp.MustCompile(`<option value="([^"]*)" selected>`)
)

// previewForm is the preview page's form as a browser would post it: its
// hidden fields and each select's chosen option.
func previewChoicesForm(page string) url.Values {
	form := url.Values{}
	for _, m := range anyHiddenRe.FindAllStringSubmatch(page, -1) {
		if m[1] != "_csrf" {
			form.Set(m[1], html.UnescapeString(m[2]))
		}
	}
	for _, m := range selectRe.FindAllStringSubmatch(page, -1) {
		v := ""
		if s := selectedRe.FindStringSubmatch(m[2]); s != nil {
			v = html.UnescapeString(s[1])
		}
		form.Set(m[1], v)
	}
	return form
}

// valueIndex is n of the value_<n> row for kind:word on the page.
func valueIndex(t *testing.T, form url.Values, key string) string {
	t.Helper()
	for k, v := range form {
		if strings.HasPrefix(k, "value_") && !strings.Contains(k[6:], "_") && v[0] == key {
			return k
		}
	}
	t.Fatalf("no value row for %q in %v", key, form)
	return ""
}

// A tracker with a RAG column per review period in words goes through the
// pages: the preview lists every word once with what it becomes, notes the
// periods, renumbered references and no-date words, and shows every mapped
// field; the admin reads the unknown word, changes another and gives the
// completion day; the import keeps those choices.
func TestPlanImportPageTrackerValues(t *testing.T) {
	t.Parallel()
	rows := layouttest.Tracker(22, 2, true)
	x, err := layouttest.XLSX(rows)
	if err != nil {
		t.Fatal(err)
	}
	// Complete rows without a Date completed: the periods say when.
	undated := make([][]string, len(rows))
	for i, r := range rows {
		undated[i] = append([]string(nil), r...)
		if i >= 2 {
			undated[i][len(r)-2] = ""
		}
	}
	apptest.Each(t, func(t *testing.T, env *apptest.Env, d modeltest.DB) {
		admin := env.SignIn(t, models.RoleAdmin)
		for name, data := range map[string][]byte{"tracker.xlsx": x, "tracker.csv": layouttest.CSV(rows),
			"undated.csv": layouttest.CSV(undated)} {
			rec := uploadPlan(t, env, admin, name, data, map[string]string{"name": "Tracker " + name, "type": models.PlanPAP, "step": "preview"})
			page := rec.Body.String()
			for _, want := range []string{
				`RAG August 20: &#34;Paused&#34; is not a RAG rating the importer knows (on rows 4, 12, 20): choose what it means`,
				"2 review periods, each a progress update dated at its end",
				"Row 23: reference 3.1 is used twice, so this action becomes 3.1a.",
				"End date: “Ongoing” on 6 rows is read as no date.",
				`<th scope="col" class="govuk-table__header">Start date</th>`, `<th scope="col" class="govuk-table__header">Progress</th>`,
				`<td class="govuk-table__cell">June 2020</td>`, "Review periods",
			} {
				if rec.Code != http.StatusUnprocessableEntity || !strings.Contains(page, want) {
					t.Fatalf("%s preview: %d, want %q in\n%s", name, rec.Code, want, page)
				}
			}
			if n := strings.Count(page, "&#34;Paused&#34; is not"); n != 1 {
				t.Errorf("Paused is listed %d times", n)
			}
			if strings.Contains(page, `id="pi-undone"`) {
				t.Errorf("a completion date is asked for, though the file says when")
			}
			form := previewChoicesForm(page)
			paused, delayed := valueIndex(t, form, "rag:Paused"), valueIndex(t, form, "status:Delayed")
			if form.Get(delayed+"_status") != "in_progress" || form.Get(delayed+"_rag") != "amber" || form.Get(paused+"_status") != "" {
				t.Fatalf("Delayed shows %s/%s, Paused %s", form.Get(delayed+"_status"), form.Get(delayed+"_rag"), form.Get(paused+"_status"))
			}
			form.Set(paused+"_status", "in_progress")
			form.Set(paused+"_rag", "red")
			form.Set(delayed+"_rag", "red")
			form.Set("name", "Tracker "+name)
			form.Set("type", models.PlanPAP)
			// Checked again, the choices show as made and nothing is unknown.
			form.Set("step", "preview")
			rec = env.PostForm(admin, "/plans/import", form)
			if page := rec.Body.String(); rec.Code != http.StatusOK || strings.Contains(page, "Not known") || !strings.Contains(page, "Changed") ||
				!strings.Contains(page, `value="import"`) {
				t.Fatalf("%s checked again: %d\n%s", name, rec.Code, page)
			}
			form = previewChoicesForm(rec.Body.String())
			form.Set("name", "Tracker "+name)
			form.Set("type", models.PlanPAP)
			form.Set("step", "import")
			rec = env.PostForm(admin, "/plans/import", form)
			if rec.Code != http.StatusSeeOther {
				t.Fatalf("%s import: %d\n%s", name, rec.Code, rec.Body)
			}
			var p models.Plan
			if err := d.DB.Where("slug = ?", strings.TrimPrefix(rec.Header().Get("Location"), "/plans/")).Take(&p).Error; err != nil {
				t.Fatal(err)
			}
			var late, paused2, done models.Action
			d.DB.Where("plan_id = ? AND number = ?", p.ID, "1.6").Take(&late)
			d.DB.Where("plan_id = ? AND number = ?", p.ID, "1.2").Take(&paused2)
			d.DB.Where("plan_id = ? AND number = ?", p.ID, "1.3").Take(&done)
			if late.RAG != "red" || late.Status != models.StatusInProgress || late.Start != "2020-07" {
				t.Errorf("%s: 1.6 (Delayed, read as red) = %s/%s start %q", name, late.Status, late.RAG, late.Start)
			}
			var u models.ProgressUpdate
			d.DB.Where("action_id = ?", paused2.ID).Order("update_date DESC").Take(&u)
			if u.RAG != "red" || !strings.Contains(u.Narrative, "Paused") {
				t.Errorf("%s: 1.2's newest update %+v", name, u)
			}
			u = models.ProgressUpdate{}
			d.DB.Where("action_id = ?", done.ID).Order("id DESC").Take(&u)
			if want := map[string]string{"tracker.xlsx": "2021-06-15", "tracker.csv": "2021-06-15", "undated.csv": "2020-08-31"}[name]; u.Status != models.StatusComplete ||
				u.UpdateDate.Format("2006-01-02") != want {
				t.Errorf("%s: 1.3 completed %s, want %s", name, u.UpdateDate, want)
			}
			if rec := env.Get(admin, "/plans/"+p.Slug+"/actions/1.1"); rec.Code != http.StatusOK || !strings.Contains(rec.Body.String(), `id="start">June 2020<`) {
				t.Errorf("%s: the action page does not show the start", name)
			}
		}
	})
}

// Complete work the file does not date takes the day the admin gives; a day
// that is no date is shown on the preview, not imported.
func TestPlanImportPageCompletionDate(t *testing.T) {
	t.Parallel()
	data := layouttest.CSV([][]string{{"Ref", "Action", "Status"}, {"1.1", "Train SENCOs", "Complete"}})
	apptest.Each(t, func(t *testing.T, env *apptest.Env, d modeltest.DB) {
		admin := env.SignIn(t, models.RoleAdmin)
		rec := uploadPlan(t, env, admin, "done.csv", data, map[string]string{"name": "Done plan", "type": models.PlanPAP, "step": "preview"})
		form := previewChoicesForm(rec.Body.String())
		form.Set("name", "Done plan")
		form.Set("type", models.PlanPAP)
		form.Set("step", "import")
		form.Set("completed_on-day", "31")
		form.Set("completed_on-month", "2")
		form.Set("completed_on-year", "2025")
		rec = env.PostForm(admin, "/plans/import", form)
		if page := rec.Body.String(); rec.Code != http.StatusUnprocessableEntity || !strings.Contains(page, "must be a real date") ||
			!strings.Contains(page, `href="#pi-completed_on"`) || !strings.Contains(page, `value="31"`) {
			t.Fatalf("bad completion date: %d\n%s", rec.Code, page)
		}
		var n int64
		d.DB.Model(&models.Plan{}).Where("slug = ?", "done-plan").Count(&n)
		if n != 0 {
			t.Error("the plan was imported")
		}
		if !strings.Contains(rec.Body.String(), `id="pi-undone">1 actions are marked Complete`) {
			t.Errorf("no completion date asked for")
		}
		form.Set("completed_on-day", "28")
		rec = env.PostForm(admin, "/plans/import", form)
		if rec.Code != http.StatusSeeOther {
			t.Fatalf("import: %d\n%s", rec.Code, rec.Body)
		}
		var u models.ProgressUpdate
		if err := d.DB.Where("action_id = (SELECT a.id FROM actions a JOIN plans p ON p.id = a.plan_id WHERE p.slug = ?)", "done-plan").
			Take(&u).Error; err != nil || u.UpdateDate.Format("2006-01-02") != "2025-02-28" || u.Status != models.StatusComplete {
			t.Errorf("completion %+v %v", u, err)
		}
	})
}
