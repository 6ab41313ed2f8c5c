package app_test

import (
	"strings"
	"testing"

	"sendboard/app/apptest"
	"sendboard/models"
	"sendboard/models/modeltest"
)

// An upload over the size limit is refused with the limit in words people
// use, and nothing is imported.
func TestKPIUploadLimitInHumanUnits(t *testing.T) {
	modeltest.Each(t, func(t *testing.T, d modeltest.DB) {
		env := apptest.New(t, d)
		admin := env.SignIn(t, models.RoleAdmin)
		var before int64
		d.DB.Model(&models.KPIFigure{}).Count(&before)
		big := "kpi,period,value\n" + strings.Repeat("sendiass.initial_enquiries,2025-26 Q1,1\n", (10<<20)/40+1)
		body := upload(t, env, admin, "big.csv", big).Body.String()
		if !strings.Contains(body, "larger than the 10 MiB limit; nothing was imported") || strings.Contains(body, "10485760") {
			t.Errorf("the size error is not in human units:\n%s", snippet(body))
		}
		var after int64
		d.DB.Model(&models.KPIFigure{}).Count(&after)
		if after != before {
			t.Fatalf("an oversized upload stored %d figures", after-before)
		}
	})
}
