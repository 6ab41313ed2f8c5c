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
