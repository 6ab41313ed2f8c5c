package app_test

import (
	"net/http"
	"strings"
	"testing"

	"sendboard/app/apptest"
	"sendboard/models"
)

// TestAPIBodyOverTheLimitIs413: a JSON body larger than the API reads is
// refused with 413 before it is decoded, even when it is valid JSON whose
// strings are all within their limits.
func TestAPIBodyOverTheLimitIs413(t *testing.T) {
	t.Parallel()
	env := apptest.SQLite(t)
	lead := env.SignIn(t, models.RoleLead, "DCO")
	body := `{"narrative": "Padded"` + strings.Repeat(" ", 1<<20) + `, "version": 1}`
	rec := env.API(lead, "POST", "/api/v1/actions/1.2/updates", body)
	if rec.Code != http.StatusRequestEntityTooLarge || !strings.Contains(rec.Body.String(), `"error":"the body is larger than the 1 MiB limit"`) {
		t.Errorf("got %d %.200s, want 413 naming the limit", rec.Code, rec.Body)
	}
}

// TestAPIBodyRefusesTrailingDataAndDuplicateKeys: a second JSON value after
// the first, or a field given twice (at any depth), is a 400 naming the
// problem, and nothing is stored.
func TestAPIBodyRefusesTrailingDataAndDuplicateKeys(t *testing.T) {
	t.Parallel()
	env := apptest.SQLite(t)
	lead := env.SignIn(t, models.RoleLead, "DCO")
	admin := env.SignIn(t, models.RoleAdmin)
	cases := []struct {
		who        *apptest.Client
		path, body string
		want       string
	}{
		{lead, "/api/v1/actions/1.2/updates", `{"narrative":"First","status":"in_progress","rag":"green","version":1}{"narrative":"Second"}`,
			`"error":"the body has more after its JSON value (at byte 71); send one JSON object","field":"body"`},
		{lead, "/api/v1/actions/1.2/updates", `{"narrative":"First","status":"in_progress","rag":"green","version":1} []`, `send one JSON object`},
		{lead, "/api/v1/actions/1.2/updates", `{"narrative":"Safe","rag":"green","status":"in_progress","narrative":"Swapped","version":1}`,
			`"error":"the body gives the field \"narrative\" more than once; send each field once","field":"narrative"`},
		{admin, "/api/v1/kpis", `{"code":"dup.kpi","name":"Dup","targets":[{"period":"2025-26","target_min":1,"target_min":2}]}`,
			`the body gives the field \"target_min\" more than once`},
	}
	for _, c := range cases {
		rec := env.API(c.who, "POST", c.path, c.body)
		if rec.Code != http.StatusBadRequest || !strings.Contains(rec.Body.String(), c.want) {
			t.Errorf("%s %s: got %d %.300s, want 400 with %s", c.path, c.body, rec.Code, rec.Body, c.want)
		}
	}
	var n int64
	env.DB.DB.Model(&models.ProgressUpdate{}).Where("narrative IN ?", []string{"First", "Second", "Safe", "Swapped"}).Count(&n)
	if n != 0 {
		t.Errorf("%d updates stored from refused bodies", n)
	}
	// Whitespace after the object is not data.
	rec := env.API(lead, "POST", "/api/v1/actions/1.2/updates", "{\"narrative\":\"Kept\",\"status\":\"in_progress\",\"rag\":\"green\",\"version\":1}\n \n")
	if rec.Code != http.StatusCreated && rec.Code != http.StatusOK {
		t.Errorf("trailing white space: got %d %.300s", rec.Code, rec.Body)
	}
}
