package app_test

import (
	"context"
	"encoding/json"
	"net/http"
	"strings"
	"testing"
	"time"

	"sendboard/app/apptest"
	"sendboard/app/jobs"
	"sendboard/models"
	"sendboard/models/modeltest"
	"sendboard/models/risk"
)

const thresholdAPI = "/api/v1/plans/dorset-wsoa-2019/risk-threshold"

// TestRiskThresholdAPI: anyone signed in reads a plan's escalation
// threshold; an admin sets it, kept in the threshold's history and the audit
// log; a value out of 1 to 25, or an unknown field, is refused by field.
func TestRiskThresholdAPI(t *testing.T) {
	t.Parallel()
	apptest.Each(t, func(t *testing.T, env *apptest.Env, d modeltest.DB) {
		viewer, admin := env.SignIn(t, models.RoleViewer), env.SignIn(t, models.RoleAdmin)
		read := func(body []byte) int {
			t.Helper()
			var out struct{ Threshold int }
			if err := json.Unmarshal(body, &out); err != nil {
				t.Fatalf("%v: %s", err, body)
			}
			return out.Threshold
		}
		if rec := env.API(viewer, "GET", thresholdAPI, ""); rec.Code != http.StatusOK || read(rec.Body.Bytes()) != risk.DefaultThreshold {
			t.Fatalf("GET: %d %s", rec.Code, rec.Body)
		}
		if rec := env.API(admin, "PUT", thresholdAPI, `{"threshold":12}`); rec.Code != http.StatusOK || read(rec.Body.Bytes()) != 12 {
			t.Fatalf("PUT 12: %d %s", rec.Code, rec.Body)
		}
		for body, field := range map[string]string{`{"threshold":26}`: "threshold", `{"threshold":0}`: "threshold", `{}`: "threshold",
			`{"threshold":12,"escalate":true}`: "escalate"} {
			rec := env.API(admin, "PUT", thresholdAPI, body)
			if rec.Code != http.StatusBadRequest || !strings.Contains(rec.Body.String(), field) {
				t.Errorf("PUT %s: %d %s, want 400 naming %s", body, rec.Code, rec.Body, field)
			}
		}
		if rec := env.API(viewer, "GET", thresholdAPI, ""); read(rec.Body.Bytes()) != 12 {
			t.Fatalf("GET after PUT: %s", rec.Body)
		}
		if rec := env.API(viewer, "GET", "/api/v1/plans/no-such-plan/risk-threshold", ""); rec.Code != http.StatusNotFound {
			t.Errorf("unknown plan: %d", rec.Code)
		}
		var hist []risk.ThresholdChange
		d.DB.Find(&hist)
		var audits int64
		d.DB.Model(&models.AuditEntry{}).Where("field = ? AND before_value = ? AND after_value = ?", "risk_threshold", "15", "12").Count(&audits)
		if len(hist) != 1 || hist[0].Previous != 15 || hist[0].Threshold != 12 || audits != 1 {
			t.Errorf("history %+v, %d audit entries", hist, audits)
		}
	})
}

// TestFlagJobRaisesRiskReviewExceptions: the daily flag job raises the
// risk_review_overdue exception of a risk whose review-by day has passed,
// once, and says so in its summary.
func TestFlagJobRaisesRiskReviewExceptions(t *testing.T) {
	t.Parallel()
	apptest.Each(t, func(t *testing.T, env *apptest.Env, d modeltest.DB) {
		admin := env.SignIn(t, models.RoleAdmin)
		rec := env.API(admin, "POST", risksAPI, `{"title":"`+riskTitle+`","owner":"DCO","likelihood":2,"impact":2,"review_by":"2026-01-31","actions":["1.2"]}`)
		if rec.Code != http.StatusCreated {
			t.Fatalf("create: %d %s", rec.Code, rec.Body)
		}
		job := jobs.Flags(d.DB, "@daily", models.DefaultFlagConfig)
		for i, want := range []string{"risk_review_overdue +1 -0", "risk_review_overdue +0 -0"} {
			summary, err := job.Run(context.Background(), time.Date(2026, 2, 1, 6, 0, 0, 0, time.UTC))
			if err != nil || !strings.Contains(summary, want) {
				t.Errorf("run %d: %q, %v; want %q", i+1, summary, err, want)
			}
		}
		var open int64
		d.DB.Model(&risk.Exception{}).Where("resolved_at IS NULL AND kind = ?", risk.ExceptionReviewOverdue).Count(&open)
		if open != 1 {
			t.Errorf("%d open exceptions, want 1", open)
		}
	})
}
