package app_test

import (
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"sendboard/app/apptest"
	"sendboard/models"
	"sendboard/models/modeltest"
)

// manyBadRows is a feed of n rows that all name an unknown KPI, with a long
// commentary-free code so each reason is sizeable.
func manyBadRows(n int) string {
	var b strings.Builder
	b.WriteString("kpi,period,value,commentary\n")
	for i := range n {
		fmt.Fprintf(&b, "sendiass.no_such_kpi_%d,2025-26 Q1,1,\n", i)
	}
	return b.String()
}

// An upload with thousands of bad rows lists the first 100 and the count, and
// the page stays small.
func TestKPIUploadReportIsBounded(t *testing.T) {
	modeltest.Each(t, func(t *testing.T, d modeltest.DB) {
		env := apptest.New(t, d)
		admin := env.SignIn(t, models.RoleAdmin)
		rec := upload(t, env, admin, "bad.csv", manyBadRows(20_000))
		body := rec.Body.String()
		if rec.Code != http.StatusUnprocessableEntity || !strings.Contains(body, "20000 bad rows") ||
			!strings.Contains(body, "The first 100 are listed") || !strings.Contains(body, "the other 19900") {
			t.Fatalf("upload: %d\n%s", rec.Code, snippet(body))
		}
		if n := strings.Count(body, "is not a known KPI code"); n != models.MaxReportedRows {
			t.Fatalf("the page lists %d bad rows, want %d", n, models.MaxReportedRows)
		}
		if !strings.Contains(body, "Line 2:") || !strings.Contains(body, "Line 101:") || strings.Contains(body, "Line 102:") {
			t.Fatal("the listed rows are not the first 100")
		}
		if len(body) > 200<<10 {
			t.Fatalf("the page is %d bytes", len(body))
		}
	})
}

// The admin edit refuses ids that are not in the lists, naming the field, and
// treats a board ticked twice as one.
func TestActionEditRefusesUnknownIDs(t *testing.T) {
	modeltest.Each(t, func(t *testing.T, d modeltest.DB) {
		env := apptest.New(t, d)
		admin := env.SignIn(t, models.RoleAdmin)
		var act models.Action
		if err := d.DB.Where("number = ?", "1.2").Take(&act).Error; err != nil {
			t.Fatal(err)
		}
		var board models.Board
		d.DB.Order("id").Take(&board)
		base := func() url.Values {
			return url.Values{"action": {act.Text}, "aim": {act.Aim}, "impact_measure": {act.ImpactMeasure},
				"milestone": {itoa(*act.MilestoneID)}, "priority": {itoa(act.PriorityAreaID)},
				"lead": {itoa(*act.LeadID)}, "version": {fmt.Sprint(act.Version)}}
		}
		for _, c := range []struct{ field, value string }{{"lead", "-1"}, {"lead", "999999"}, {"lead", "x"}, {"boards", "-1"}, {"boards", "999999"}} {
			f := base()
			f.Set(c.field, c.value)
			rec := env.PostForm(admin, "/actions/1.2/edit", f)
			if rec.Code != http.StatusBadRequest || !strings.Contains(rec.Body.String(), `id="e-`+c.field+`-error"`) {
				t.Errorf("%s=%s: %d, want 400 on %s", c.field, c.value, rec.Code, c.field)
			}
		}
		var after models.Action
		d.DB.Take(&after, act.ID)
		if after.LeadID == nil || *after.LeadID != *act.LeadID || after.Version != act.Version {
			t.Fatal("a refused edit changed the action")
		}
		f := base()
		f["boards"] = []string{itoa(board.ID), itoa(board.ID)}
		if rec := env.PostForm(admin, "/actions/1.2/edit", f); rec.Code != http.StatusSeeOther {
			t.Fatalf("boards ticked twice: %d\n%s", rec.Code, snippet(rec.Body.String()))
		}
		var links int64
		d.DB.Model(&models.ActionBoard{}).Where("action_id = ? AND board_id = ?", act.ID, board.ID).Count(&links)
		if links != 1 {
			t.Fatalf("%d links to the board, want 1", links)
		}
	})
}
