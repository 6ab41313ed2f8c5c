package seeds_test

import (
	"testing"

	"sendboard/models"
	"sendboard/models/modeltest"
)

// The seeded plan is the default plan of a fresh install, and each of its
// actions is due with its milestone, never yet revised.
func TestSeedPlanIsTheDefaultWithMilestoneDues(t *testing.T) {
	t.Parallel()
	modeltest.Each(t, func(t *testing.T, d modeltest.DB) {
		load(t, d.DB)
		var plans []models.Plan
		d.DB.Find(&plans)
		if len(plans) != 1 || !plans[0].IsDefault || plans[0].Type != models.PlanWSoA ||
			plans[0].Status != models.PlanActive || plans[0].StartDate != "2019-06-30" {
			t.Fatalf("plans = %+v, want the one default active WSoA starting 2019-06-30", plans)
		}
		var acts []models.Action
		d.DB.Preload("Milestone").Find(&acts)
		for _, a := range acts {
			if a.MilestoneID == nil || a.Due != a.Milestone.Due || a.DueOriginal != a.Due || a.SROID != nil || a.RetiredAt != nil {
				t.Errorf("%s: due %q (original %q), milestone %+v", a.Number, a.Due, a.DueOriginal, a.Milestone)
			}
		}
		var areas []models.PriorityArea
		d.DB.Order("number").Find(&areas)
		for _, p := range areas {
			if p.Code == "" || p.Owners != "" {
				t.Errorf("area %d: code %q owners %q; want its number and no owner (the document names none)", p.Number, p.Code, p.Owners)
			}
		}
	})
}
