package seeds_test

import (
	"context"
	"maps"
	"slices"
	"strings"
	"testing"

	"gorm.io/gorm"

	"sendboard/models"
	"sendboard/models/measure"
	"sendboard/models/modeltest"
	"sendboard/seeds"
)

func load(t *testing.T, db *gorm.DB) seeds.Result {
	t.Helper()
	res, err := seeds.Load(context.Background(), db)
	if err != nil {
		t.Fatalf("load: %v", err)
	}
	return res
}

func TestSeedPlanShape(t *testing.T) {
	t.Parallel()
	modeltest.Each(t, func(t *testing.T, d modeltest.DB) {
		ctx := context.Background()
		res := load(t, d.DB)
		if res.Actions != 60 {
			t.Errorf("loaded %d actions, want 60", res.Actions)
		}
		ref, err := models.LoadReference(ctx, d.DB)
		if err != nil {
			t.Fatal(err)
		}
		sum, err := models.CountActions(ctx, d.DB, ref.Plan.ID, models.ActionFilter{})
		if err != nil {
			t.Fatal(err)
		}
		wantPerSection := map[int]int64{1: 21, 2: 22, 3: 17}
		if len(ref.Milestones) != 3 {
			t.Fatalf("%d milestones, want 3", len(ref.Milestones))
		}
		for _, m := range ref.Milestones {
			w := docMilestones[m.Section]
			if m.Label != w.label || m.Due != w.due {
				t.Errorf("milestone %d = %q due %q, want %q due %q", m.Section, m.Label, m.Due, w.label, w.due)
			}
			if sum.ByMilestone[m.ID] != wantPerSection[m.Section] {
				t.Errorf("section %d has %d actions, want %d", m.Section, sum.ByMilestone[m.ID], wantPerSection[m.Section])
			}
		}

		// The four areas, as listed under "The priorities column in this action plan relate to ...".
		wantAreas := []string{
			"A single system working together across education, health and social care for joint outcomes",
			"Getting it right first time: appropriate, effective and timely joint assessment, planning and review of need that is personalised to the child or young person with SEND",
			"Talking to, listening to and involving children, young people and parents and carers",
			"Use effective monitoring and quality assurance procedures to challenge, support and develop provision",
		}
		if len(ref.PriorityAreas) != 4 {
			t.Fatalf("%d priority areas, want 4", len(ref.PriorityAreas))
		}
		for i, p := range ref.PriorityAreas {
			if p.Number != i+1 || p.Title != wantAreas[i] {
				t.Errorf("priority area %d = %d %q, want %q", i+1, p.Number, p.Title, wantAreas[i])
			}
		}

		var boards []string
		for _, b := range ref.Boards {
			boards = append(boards, b.Name)
		}
		wantBoards := []string{"CCG Audit and Quality Group", "SEND Health Forum", "SEND Improvement Board", "Schools Forum", "Strategic Alliance"}
		if !slices.Equal(boards, wantBoards) {
			t.Errorf("boards = %q, want exactly %q", boards, wantBoards)
		}

		// The twelve "Initiate <Month Year>" rows.
		wantNotStarted := map[string]string{"2.1": "2019-08", "2.2": "2019-08", "2.6": "2019-08", "2.7": "2019-08",
			"2.12": "2019-09", "2.19": "2019-09", "2.22": "2019-09", "3.2": "2020-01", "3.4": "2019-09",
			"3.6": "2020-04", "3.7": "2020-01", "3.17": "2019-09"}
		page, err := models.ListActionsRef(ctx, d.DB, ref, models.ActionFilter{Status: models.StatusNotStarted, Limit: 200}, -1)
		if err != nil {
			t.Fatal(err)
		}
		got := map[string]string{}
		for _, a := range page.Actions {
			got[a.Number] = deref(a.InitiateBy)
		}
		if !maps.Equal(got, wantNotStarted) {
			t.Errorf("not started = %v, want %v", got, wantNotStarted)
		}
		if sum.ByStatus[models.StatusNotStarted] != 12 || sum.ByStatus[models.StatusInProgress] != 48 || sum.ByStatus[models.StatusComplete] != 0 {
			t.Errorf("by status = %v, want 12 not started and 48 in progress", sum.ByStatus)
		}

		// Every seeded action has no RAG (the document gives none) and no flags.
		if sum.ByRAG[""] != 60 || sum.Flagged != 0 {
			t.Errorf("by RAG = %v, flagged = %d; want 60 unrated and none flagged", sum.ByRAG, sum.Flagged)
		}

		// One update per non-blank progress cell, none for blank ones.
		var withProgress, updates, noLead int64
		d.DB.Model(&models.Action{}).Where("progress <> ''").Count(&withProgress)
		d.DB.Model(&models.ProgressUpdate{}).Count(&updates)
		d.DB.Model(&models.Action{}).Where("lead_id IS NULL").Count(&noLead)
		if withProgress == 0 || updates != withProgress || int64(res.Updates) != updates {
			t.Errorf("%d actions with progress, %d updates (load said %d)", withProgress, updates, res.Updates)
		}
		if noLead != 1 {
			t.Errorf("%d actions without a lead, want 1 (2.12)", noLead)
		}
	})
}

// quarterly transcribes the "Comparison of Yearly Data over Quarters" table of
// the SENDIASS report 000_8629d2404800f11b.txt: 2022-23 Q1..Q4, 2023-24, 2024-25.
var quarterly = map[string][12]float64{
	"sendiass.initial_enquiries":   {218, 244, 313, 350, 328, 225, 261, 355, 362, 269, 314, 364},
	"sendiass.closed_successfully": {155, 208, 283, 328, 290, 194, 253, 331, 347, 242, 293, 337},
	"sendiass.converted_to_cases":  {63, 34, 30, 22, 40, 32, 7, 2, 3, 6, 4, 4},
}

func TestSeedKPIs(t *testing.T) {
	t.Parallel()
	modeltest.Each(t, func(t *testing.T, d modeltest.DB) {
		ctx := context.Background()
		load(t, d.DB)
		for code, want := range quarterly {
			k, err := measure.FindKPI(ctx, d.DB, code)
			if err != nil {
				t.Fatalf("%s: %v", code, err)
			}
			figs, err := measure.ListFigures(ctx, d.DB, k.ID, false)
			if err != nil {
				t.Fatal(err)
			}
			got := map[string]float64{}
			for _, f := range figs {
				got[f.Period] = f.Value
			}
			p := models.Period{StartYear: 2022, Quarter: 1}
			for i := range 12 {
				if v, ok := got[p.String()]; !ok || v != want[i] {
					t.Errorf("%s %s = %v (present %v), want %v", code, p, v, ok, want[i])
				}
				p = next(p)
			}
		}
		// A few single figures from elsewhere in the report.
		single := []struct {
			code, period string
			value        float64
		}{
			{"sendiass.red_rag_cases", "2024-25 Q1", 3}, {"sendiass.red_rag_cases", "2024-25 Q3", 1},
			{"sendiass.website_unique_users", "2024-25 Q2", 1800}, {"sendiass.website_unique_users", "2024-25 Q4", 2197},
			{"sendiass.satisfaction_score", "2024-25", 3.67}, {"sendiass.support_to_parent_carers", "2024-25", 1302},
			{"sendiass.response_within_2_days", "2024-25", 389}, {"sendiass.response_more_than_5_days", "2024-25", 444},
			{"sendiass.response_within_2_days_pct", "2024-25", 30}, {"sendiass.response_within_5_days_pct", "2024-25", 66},
		}
		for _, s := range single {
			k, err := measure.FindKPI(ctx, d.DB, s.code)
			if err != nil {
				t.Fatalf("%s: %v", s.code, err)
			}
			var f measure.KPIFigure
			if err := d.DB.Where("kpi_id = ? AND period = ? AND current = ?", k.ID, s.period, true).Take(&f).Error; err != nil || f.Value != s.value {
				t.Errorf("%s %s = %v (%v), want %v", s.code, s.period, f.Value, err, s.value)
			}
		}
		for code, target := range map[string]float64{"sendiass.response_within_2_days_pct": 90, "sendiass.response_within_5_days_pct": 100} {
			k, err := measure.FindKPI(ctx, d.DB, code)
			if err != nil || k.TargetMin == nil || *k.TargetMin != target {
				t.Errorf("%s target = %+v (%v), want %v%%", code, k, err, target)
			}
		}
		k, err := measure.FindKPI(ctx, d.DB, "sendiass.satisfaction_score")
		if err != nil || k.TargetMin == nil || *k.TargetMin != 3.93 || measure.RAG(*k, measure.TargetFor(*k, nil, "2024-25 Q1"), 3.67) == "green" {
			t.Errorf("satisfaction target = %+v (%v), want minimum 3.93 not met by 3.67", k, err)
		}
	})
}

func next(p models.Period) models.Period {
	if p.Quarter == 4 {
		return models.Period{StartYear: p.StartYear + 1, Quarter: 1}
	}
	return models.Period{StartYear: p.StartYear, Quarter: p.Quarter + 1}
}

// TestLeadAndBoardsFollowTheCell checks every action's lead and boards against
// its verbatim "Lead; Board and Board" cell, so no row is mis-split.
func TestLeadAndBoardsFollowTheCell(t *testing.T) {
	t.Parallel()
	modeltest.Each(t, func(t *testing.T, d modeltest.DB) {
		ctx := context.Background()
		load(t, d.DB)
		plan, _ := models.DefaultPlan(ctx, d.DB)
		ref, err := models.LoadPlanReference(ctx, d.DB, *plan)
		if err != nil {
			t.Fatal(err)
		}
		page, err := models.ListActionsRef(ctx, d.DB, ref, models.ActionFilter{Limit: 100}, -1)
		if err != nil || len(page.Actions) != 60 {
			t.Fatalf("%d actions, %v", len(page.Actions), err)
		}
		checkCells(t, page.Actions)
	})
}

func checkCells(t *testing.T, actions []models.Action) {
	canon := strings.NewReplacer("CCG Audit and Quality Group", "CCG Audit & Quality Group", "SEND improvement Board", "SEND Improvement Board")
	for _, a := range actions {
		cell := strings.TrimSpace(canon.Replace(a.LeadAndGovernance))
		lead, gov, _ := strings.Cut(cell, ";")
		lead = strings.TrimSuffix(strings.TrimSpace(lead), ".")
		var boards []string
		gov = strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(gov), "."))
		if gov != "" {
			for _, b := range strings.Split(gov, " and ") {
				boards = append(boards, strings.ReplaceAll(strings.TrimSpace(b), "&", "and"))
			}
		}
		slices.Sort(boards)
		if a.LeadText != lead {
			t.Errorf("%s: lead %q, cell says %q", a.Number, a.LeadText, lead)
		}
		if (a.Lead == nil) != (lead == "") {
			t.Errorf("%s: lead role %v for lead text %q", a.Number, a.Lead, lead)
		}
		if got := a.BoardNames(); !slices.Equal(got, boards) && len(got)+len(boards) > 0 {
			t.Errorf("%s: boards %q, cell says %q", a.Number, got, boards)
		}
	}
}
