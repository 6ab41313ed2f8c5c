package planimport_test

import (
	"context"
	"slices"
	"strings"
	"testing"
	"time"

	"sendboard/models"
	"sendboard/models/modeltest"
	"sendboard/models/planfile"
	"sendboard/models/planimport"
	"sendboard/seeds/seedtest"
)

// jointLeadsCSV is a plan as areas write joint leads: two organisations in
// one cell, officers' initials before their organisations, a known lead
// whose name holds "and", a pair nobody knows, and the DCO spelt out.
const jointLeadsCSV = "Ref,Action,Lead,Board\n" +
	"1.1,Joint pathway,LA and ICB,SEND Improvement Board\n" +
	"1.2,Council audit,LA,\n" +
	"1.3,Health review,ICB,\n" +
	"1.4,Two officers,(M.S) CYC (K.McN) CCG,\n" +
	"1.5,Council lead,CYC,\n" +
	"1.6,Health lead,CCG,\n" +
	"1.7,Co-production,Partnerships and Co-Production Manager,\n" +
	"1.8,Unknown pair,Parent Champion and Youth Worker,\n" +
	"1.9,Therapies,Designated Clinical Officer,\n" +
	"1.10,Both known,\"DPCC\nDCO\",SEND Improvement Borad\n"

func TestImportJointLeadsAndOtherSpellings(t *testing.T) {
	t.Parallel()
	modeltest.EachWith(t, seedtest.Seeded, func(t *testing.T, d modeltest.DB) {
		ctx, db, now := context.Background(), d.DB, time.Date(2026, 1, 6, 9, 0, 0, 0, time.UTC)
		admin := adminUser(t, db)
		in := planimport.Request{Name: "Joint leads plan", Type: models.PlanPAP, File: "joint.csv"}
		pre, err := planimport.Preview(ctx, db, []byte(jointLeadsCSV), in, now)
		if err != nil || pre.Err() != nil {
			t.Fatalf("preview: %v %v", err, pre.Err())
		}
		notes := strings.Join(pre.Joint.Notes, "\n")
		for _, want := range []string{`Row 2: lead "LA and ICB" read as 2 leads: LA; ICB`,
			`Row 5: lead "(M.S) CYC (K.McN) CCG" read as 2 leads: CYC; CCG`,
			`Row 11: lead "DPCC / DCO" read as 2 leads: DPCC; DCO`,
			`Row 9: lead "Parent Champion and Youth Worker" kept as one lead, because "Parent Champion" and "Youth Worker" are not a known lead`} {
			if !strings.Contains(notes, want) {
				t.Errorf("the preview's lead notes lack %q:\n%s", want, notes)
			}
		}
		if strings.Contains(notes, "Co-Production") {
			t.Errorf("a known lead whose name holds \"and\" was split:\n%s", notes)
		}
		if want := []string{"LA", "ICB", "CYC", "CCG", "Parent Champion and Youth Worker", "Designated Clinical Officer"}; !slices.Equal(pre.NewLeads, want) {
			t.Errorf("new leads %q, want %q", pre.NewLeads, want)
		}
		offered := map[string]planimport.Similar{}
		for _, s := range pre.Similar {
			offered[s.Kind+":"+s.Name] = s
		}
		if s := offered["lead:Designated Clinical Officer"]; len(s.Existing) == 0 || s.Existing[0] != "DCO" {
			t.Errorf("Designated Clinical Officer is offered %q, want DCO first", s.Existing)
		}
		if s := offered["board:SEND Improvement Borad"]; len(s.Existing) == 0 || s.Existing[0] != "SEND Improvement Board" {
			t.Errorf("the misspelt board is offered %q", s.Existing)
		}

		in.SameLead = map[string]string{"Designated Clinical Officer": "DCO"}
		in.SameBoard = map[string]string{"SEND Improvement Borad": "SEND Improvement Board"}
		var leadsBefore, boardsBefore int64
		db.Model(&models.Lead{}).Count(&leadsBefore)
		db.Model(&models.Board{}).Count(&boardsBefore)
		res, err := planimport.Import(ctx, db, admin, []byte(jointLeadsCSV), in, now)
		if err != nil {
			t.Fatal(err)
		}
		var leadsAfter, boardsAfter int64
		db.Model(&models.Lead{}).Count(&leadsAfter)
		db.Model(&models.Board{}).Count(&boardsAfter)
		if leadsAfter-leadsBefore != 5 || boardsAfter != boardsBefore {
			t.Errorf("%d leads and %d boards made, want 5 (LA, ICB, CYC, CCG, the unknown pair) and none", leadsAfter-leadsBefore, boardsAfter-boardsBefore)
		}
		ref, err := models.LoadPlanReference(ctx, db, *res.Plan)
		if err != nil {
			t.Fatal(err)
		}
		page, err := models.ListActionsRef(ctx, db, ref, models.ActionFilter{}, -1)
		if err != nil {
			t.Fatal(err)
		}
		got := map[string]string{}
		for _, a := range page.Actions {
			got[a.Number] = strings.Join(a.LeadNames(), "|")
		}
		for num, want := range map[string]string{"1.1": "LA|ICB", "1.4": "CYC|CCG", "1.8": "Parent Champion and Youth Worker",
			"1.9": "DCO", "1.10": "DPCC|DCO", "1.7": "Partnerships and Co-Production Manager"} {
			if got[num] != want {
				t.Errorf("action %s leads %q, want %q", num, got[num], want)
			}
		}
		var a models.Action
		db.Preload("Boards").Where("plan_id = ? AND number = ?", res.Plan.ID, "1.10").Take(&a)
		if len(a.Boards) != 1 || a.Boards[0].Name != "SEND Improvement Board" || a.LeadText != "DPCC / DCO" {
			t.Errorf("1.10: boards %v, lead text %q", a.BoardNames(), a.LeadText)
		}
		// The plan exports its joint leads so that they import back as the same leads.
		_, back, err := planimport.Export(ctx, db, res.Plan.Slug)
		if err != nil {
			t.Fatal(err)
		}
		for _, x := range back.Actions {
			if x.Number == "1.1" && x.Lead != "LA; ICB" {
				t.Errorf("1.1 exports its leads as %q", x.Lead)
			}
		}
		var audited int64
		db.Model(&models.AuditEntry{}).Where("kind = ? AND field = ? AND before_value = ? AND after_value = ?",
			"plan_import_names", "same_lead", "Designated Clinical Officer", "DCO").Count(&audited)
		if audited != 1 {
			t.Error("the choice of DCO for Designated Clinical Officer is not audited")
		}
	})
}

func TestSplitLeadCell(t *testing.T) {
	t.Parallel()
	for cell, want := range map[string]string{
		"LA and ICB": "LA|ICB", "LA & ICB": "LA|ICB", "LA/ICB": "LA|ICB", "DCO, DPCC; LA": "DCO|DPCC|LA",
		"(M.S) CYC (K.McN) CCG": "CYC|CCG", "DCO": "", "(M.S) CYC": "",
	} {
		if got := strings.Join(planfile.SplitLeadCell(cell), "|"); got != want {
			t.Errorf("SplitLeadCell(%q) = %q, want %q", cell, got, want)
		}
	}
}
