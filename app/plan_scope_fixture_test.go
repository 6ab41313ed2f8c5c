package app_test

import (
	"context"
	"time"

	"gorm.io/gorm"

	"sendboard/models"
	"sendboard/models/modeltest"
	"sendboard/models/planfile"
	"sendboard/models/planimport"
	"sendboard/seeds"
)

// The second plan of twoPlans, numbered as the seeded plan is (1.1, 1.2 …).
const (
	secondSlug = "lodz-style-pap-2026"
	secondName = "Łódź-style PAP 2026"
	secondBase = "/plans/" + secondSlug
)

// Each plan's actions as the matrix tells them apart: the same numbers, in
// the same states, with different text.
var (
	seededText = map[string]string{
		"1.1": "Joint training and awareness framework rolled out to wider workforce.",
		"1.2": "Joint agreement is shared more widely with workforce through face to face sessions.",
	}
	secondText = map[string]string{
		"1.1": "PAP action one: publish the graduated approach to every school",
		"1.2": "PAP action two: agree joint commissioning of speech therapy",
		"1.3": "PAP action three: appoint the inclusion champions",
		"2.1": "PAP action four: run the parent carer survey each term",
	}
	// scopeNow is when the fixture's flags were raised.
	scopeNow = time.Date(2026, 6, 1, 9, 0, 0, 0, time.UTC)
)

// twoPlans is everything `make run` loads plus a second plan imported beside
// it with the same action numbers. In both plans 1.1 is complete and awaits
// the SEND Health Forum's sign-off, and 1.2 is red, led by the DCO and
// governed by the SEND Improvement Board; the flags are raised as of scopeNow.
var twoPlans = modeltest.Fixture{Name: "two_plans", Build: func(ctx context.Context, db *gorm.DB) error {
	if _, err := seeds.Load(ctx, db); err != nil {
		return err
	}
	p := &planfile.Plan{Areas: []planfile.Area{{Code: "A", Title: "Inclusion", Owners: models.OwnerCouncil}},
		Actions: []planfile.Action{
			{Number: "1.1", AreaCode: "A", Text: secondText["1.1"], Lead: "DCO", Boards: []string{"SEND Health Forum"},
				Due: "2026-03", Status: models.StatusComplete, RAG: "blue", Progress: "Published in March"},
			{Number: "1.2", AreaCode: "A", Text: secondText["1.2"], Lead: "DCO", Boards: []string{"SEND Improvement Board"},
				Due: "2025-01", Status: models.StatusInProgress, RAG: "red", Progress: "Funding not yet agreed"},
			{Number: "1.3", AreaCode: "A", Text: secondText["1.3"], Lead: "Head of SEND", Boards: []string{"SEND Improvement Board"},
				Due: "2027-03", Status: models.StatusNotStarted, InitiateBy: "2025-01"},
			{Number: "2.1", AreaCode: "A", Text: secondText["2.1"], Lead: "Head of SEND", Boards: []string{"SEND Health Forum"},
				Due: "2030-03", Status: models.StatusInProgress, RAG: "green", Progress: "First survey out"},
		}}
	data, err := planfile.WriteCSV(p)
	if err != nil {
		return err
	}
	if _, err := planimport.Import(ctx, db, nil, data, planimport.Request{Name: secondName, Type: models.PlanPAP, File: "pap.csv"}, scopeNow); err != nil {
		return err
	}
	var seeded models.Plan
	if err := db.Where("is_default").Take(&seeded).Error; err != nil {
		return err
	}
	if err := db.Model(&models.Action{}).Where("plan_id = ? AND number = ?", seeded.ID, "1.1").
		Updates(map[string]any{"status": models.StatusComplete, "rag": "blue"}).Error; err != nil {
		return err
	}
	if err := db.Model(&models.Action{}).Where("plan_id = ? AND number = ?", seeded.ID, "1.2").Update("rag", "red").Error; err != nil {
		return err
	}
	_, err = models.RunFlags(ctx, db, scopeNow, time.UTC, 90)
	return err
}}
