package app_test

import (
	"net/http"
	"strings"
	"testing"

	"sendboard/app/apptest"
	"sendboard/models"
	"sendboard/models/modeltest"
)

// Input that would be silently changed is refused instead, saying why: a lone
// UTF-16 surrogate, the date 0001-01-01, a date before the plan started, and
// packs for quarters outside the plan.
func TestInputIsRefusedNotSilentlyChanged(t *testing.T) {
	modeltest.Each(t, func(t *testing.T, d modeltest.DB) {
		env := apptest.New(t, d)
		lead := env.SignIn(t, models.RoleLead, "DCO")
		board := env.SignInBoard(t, "SEND Improvement Board")
		for _, c := range []struct{ body, field, why string }{
			{`{"narrative":"half a pair \ud800 here","status":"in_progress","rag":"amber","version":1}`, "body", "lone UTF-16 surrogate"},
			{`{"narrative":"low half \udc00","status":"in_progress","rag":"amber","version":1}`, "body", "lone UTF-16 surrogate"},
			{`{"narrative":"Done","status":"in_progress","rag":"amber","version":1,"date":"0001-01-01"}`, "date", "before the plan started"},
			{`{"narrative":"Done","status":"in_progress","rag":"amber","version":1,"date":"2019-06-29"}`, "date", "before the plan started on 30 June 2019"},
		} {
			rec := env.API(lead, "POST", "/api/v1/actions/1.2/updates", c.body)
			if rec.Code != http.StatusBadRequest || !strings.Contains(rec.Body.String(), `"field":"`+c.field+`"`) || !strings.Contains(rec.Body.String(), c.why) {
				t.Errorf("%s: %d %s", c.body, rec.Code, rec.Body.String())
			}
		}
		var n int64
		d.DB.Model(&models.ProgressUpdate{}).Where("user_id = ?", lead.User.ID).Count(&n)
		if n != 0 {
			t.Fatalf("%d refused updates were stored", n)
		}
		// A real pair is a character and is kept.
		rec := env.API(lead, "POST", "/api/v1/actions/1.2/updates", `{"narrative":"smile \ud83d\ude00","status":"in_progress","rag":"amber","version":1,"date":"2019-06-30"}`)
		if rec.Code != http.StatusCreated || !strings.Contains(rec.Body.String(), "smile 😀") {
			t.Fatalf("a surrogate pair: %d %s", rec.Code, rec.Body.String())
		}
		for _, q := range []string{"2035-36 Q1", "2018-19 Q4"} {
			rec := env.API(board, "POST", "/api/v1/packs", `{"board":"all","quarter":"`+q+`"}`)
			if rec.Code != http.StatusBadRequest || !strings.Contains(rec.Body.String(), "outside the plan") {
				t.Errorf("pack for %s: %d %s", q, rec.Code, rec.Body.String())
			}
		}
		var packs int64
		d.DB.Model(&models.StoredPack{}).Count(&packs)
		if packs != 0 {
			t.Fatalf("%d packs stored for quarters outside the plan", packs)
		}
	})
}
