package models_test

import (
	"testing"

	"sendboard/models"
)

// TestSlugifyKeepsLatinNames: accented and non-decomposing Latin letters are
// spelt with their base letters, so a name's slug keeps its words.
func TestSlugifyKeepsLatinNames(t *testing.T) {
	t.Parallel()
	for in, want := range map[string]string{
		"Łódź-style PAP 2026":         "lodz-style-pap-2026",
		"SEND Health Forum":           "send-health-forum",
		"Sır Ŵyddgrug Straße":         "sir-wyddgrug-strasse",
		"Ærø Œuvre Þing Đakovo naïve": "aero-oeuvre-thing-dakovo-naive",
		"Crème brûlée — Ñandú":        "creme-brulee-nandu",
		"Ελλάδα":                      "",
	} {
		if got := models.Slugify(in); got != want {
			t.Errorf("Slugify(%q) = %q, want %q", in, got, want)
		}
	}
}

// TestReservedPlanSlugs: a plan cannot take a fixed path under /plans/, given
// or derived from its name.
func TestReservedPlanSlugs(t *testing.T) {
	t.Parallel()
	for _, in := range []models.PlanInput{{Name: "Import", Type: models.PlanPAP, StartDate: "2026-04-01"},
		{Name: "New plan", Slug: "new", Type: models.PlanPAP, StartDate: "2026-04-01"},
		{Name: "Home", Type: models.PlanPAP, StartDate: "2026-04-01"}} {
		err := in.Validate()
		if ie, ok := models.IsInvalid(err); !ok || ie.Field != "slug" {
			t.Errorf("%q (slug %q): %v, want the slug refused", in.Name, in.Slug, err)
		}
	}
	in := models.PlanInput{Name: "Łódź-style PAP 2026", Type: models.PlanPAP, StartDate: "2026-04-01"}
	if err := in.Validate(); err != nil || in.Slug != "lodz-style-pap-2026" {
		t.Errorf("Łódź-style PAP 2026: slug %q, %v", in.Slug, err)
	}
}
