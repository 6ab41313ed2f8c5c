package packtest

import (
	"context"
	"fmt"
	"testing"
	"time"

	"gorm.io/gorm"

	"sendboard/models"
	"sendboard/models/decision"
	"sendboard/models/risk"
)

// Business names the board's risks, decisions and own actions that
// AddBusiness writes around the fixture quarter, for assertions.
type Business struct {
	Admin                       *models.User
	Board                       models.Board
	PlanID                      uint
	OnAction, PlanWide, Outside *risk.Risk // 4 × 4 on a governed action; 3 × 5 naming none; 5 × 5 on another board's action
	Low                         *risk.Risk // 2 × 2 on a governed action: on the heat map only
	Open, Decided               *decision.Decision
	Carried, Done               *decision.BoardAction
}

// at is a moment of the fixture's story, on a day of 2025.
func at(s string) time.Time { return day(s).Add(10 * time.Hour) }

func parts(s string) models.DateParts { return models.DatePartsOf(day(s)) }

// AddBusiness writes, during the fixture quarter, three risks escalated or
// not, a decision still open at its end and one decided in it, a board action
// carried over and one done in it. Text is in several scripts.
func AddBusiness(t testing.TB, db *gorm.DB) Business {
	t.Helper()
	ctx := context.Background()
	f := Find(t, db)
	b := Business{PlanID: f.Governed[0].PlanID}
	b.Admin = &models.User{Email: "chair@example.test", Name: "Chair Łucja Yılmaz", Role: models.RoleAdmin}
	must(t, db.Create(b.Admin).Error)
	must(t, db.Where("name = ?", Board).Take(&b.Board).Error)
	var err error
	add := func(in risk.Input, when string) *risk.Risk {
		r, err := risk.Create(ctx, db, b.Admin, b.PlanID, in, at(when))
		must(t, err)
		return r
	}
	b.OnAction = add(risk.Input{Title: "Therapy waits ≥ 18 weeks → Ŵ", Owner: b.Admin.Email, Likelihood: 4, Impact: 4,
		Mitigation: "Locum therapists; Siôn to report", Actions: []string{f.Governed[0].Number}}, "2025-01-20")
	b.PlanWide = add(risk.Input{Title: "Funding gap ı", Owner: b.Admin.Email, Likelihood: 3, Impact: 5}, "2025-02-03")
	b.Outside = add(risk.Input{Title: "Another board's risk", Owner: b.Admin.Email, Likelihood: 5, Impact: 5,
		Actions: []string{f.Outsider.Number}}, "2025-02-03")
	b.Low = add(risk.Input{Title: "Minor slippage", Owner: b.Admin.Email, Likelihood: 2, Impact: 2,
		Actions: []string{f.Governed[1].Number}}, "2025-02-04")
	b.Open, err = decision.Raise(ctx, db, b.Admin, b.Board, decision.RaiseInput{Question: "Fund Łódź-style hubs → yes?",
		Options: "Yes; no", Recommendation: "Yes", Meeting: parts("2025-03-20")}, at("2025-02-10"))
	must(t, err)
	b.Decided, err = decision.Raise(ctx, db, b.Admin, b.Board, decision.RaiseInput{Question: "Adopt the ŵyr protocol?"}, at("2025-02-11"))
	must(t, err)
	b.Decided, err = decision.Decide(ctx, db, b.Admin, b.Board, b.Decided.ID, decision.DecideInput{Decision: "Adopted ≥ unanimously",
		Meeting: parts("2025-03-10"), Minute: "SIB/25/07"}, at("2025-03-10"))
	must(t, err)
	b.Carried, err = decision.AddAction(ctx, db, b.Admin, b.Board, decision.ActionInput{Title: "Chair to write to the ICB about therapy waits",
		Owner: b.Admin.Email, Due: parts("2025-03-15"), Meeting: parts("2025-02-12")}, at("2025-02-12"))
	must(t, err)
	b.Done, err = decision.AddAction(ctx, db, b.Admin, b.Board, decision.ActionInput{Title: "Circulate the SEF → Şebnem",
		Owner: "Şebnem Yıldız", Meeting: parts("2025-02-12")}, at("2025-02-12"))
	must(t, err)
	b.Done, err = decision.MarkDone(ctx, db, b.Admin, b.Board, b.Done.ID, at("2025-03-01"))
	must(t, err)
	return b
}

// EditLater changes, after the fixture quarter (April 2025), what AddBusiness
// wrote: the 4 × 4 risk falls to 3 × 4, the threshold goes down to 14, the
// open decision is decided, a new one raised and decided, the carried board
// action is done. A pack for the fixture quarter must not change.
func EditLater(t testing.TB, db *gorm.DB, b Business) {
	t.Helper()
	ctx := context.Background()
	in := risk.InputOf(b.OnAction)
	in.Likelihood, in.Owner, in.Reason = 3, b.Admin.Email, "Locums in post"
	_, err := risk.Update(ctx, db, b.Admin, b.PlanID, b.OnAction.ID, in, at("2025-04-14"))
	must(t, err)
	must(t, risk.SetThreshold(ctx, db, b.Admin, b.PlanID, 14, at("2025-04-14")))
	_, err = decision.Decide(ctx, db, b.Admin, b.Board, b.Open.ID, decision.DecideInput{Decision: "Funded → two hubs",
		Meeting: parts("2025-04-15"), Minute: "SIB/25/11"}, at("2025-04-15"))
	must(t, err)
	late, err := decision.Raise(ctx, db, b.Admin, b.Board, decision.RaiseInput{Question: "Extend the pilot?"}, at("2025-04-16"))
	must(t, err)
	_, err = decision.Decide(ctx, db, b.Admin, b.Board, late.ID, decision.DecideInput{Decision: "Extended",
		Meeting: parts("2025-04-16"), Minute: "SIB/25/12"}, at("2025-04-16"))
	must(t, err)
	_, err = decision.MarkDone(ctx, db, b.Admin, b.Board, b.Carried.ID, at("2025-04-17"))
	must(t, err)
}

func must(t testing.TB, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}

// AddMany writes n risks (on the board's actions, half of them escalated)
// and m open decisions dated in the fixture quarter, with their history rows,
// in a few statements: for benchmarks and statement counts.
func AddMany(t testing.TB, db *gorm.DB, b Business, n, m int) {
	t.Helper()
	var governed []uint
	must(t, db.Table("action_boards").Where("board_id = ?", b.Board.ID).Order("action_id").Pluck("action_id", &governed).Error)
	when := at("2025-02-20")
	risks := make([]risk.Risk, n)
	for i := range risks {
		l, im := 1+i%5, 1+(i/5)%5
		risks[i] = risk.Risk{PlanID: b.PlanID, Kind: risk.KindRisk, Title: fmt.Sprintf("Bulk risk %d → ŵ", i), Likelihood: l, Impact: im,
			Score: l * im, Status: risk.StatusOpen, Version: 1, CreatedAt: when, UpdatedAt: when, OwnerUserID: &b.Admin.ID}
	}
	must(t, db.CreateInBatches(&risks, 500).Error)
	history := make([]risk.Change, n)
	links := make([]map[string]any, n)
	for i, r := range risks {
		history[i] = risk.Change{RiskID: r.ID, ChangedAt: when, UserID: &b.Admin.ID, UserName: b.Admin.Name, Changed: "created",
			Likelihood: r.Likelihood, Impact: r.Impact, Score: r.Score, Owner: b.Admin.Name, Status: r.Status, Kind: r.Kind}
		links[i] = map[string]any{"risk_id": r.ID, "action_id": governed[i%len(governed)]}
	}
	must(t, db.CreateInBatches(&history, 500).Error)
	must(t, db.Table("risk_actions").CreateInBatches(links, 500).Error)
	decisions := make([]decision.Decision, m)
	for i := range decisions {
		decisions[i] = decision.Decision{BoardID: b.Board.ID, Question: fmt.Sprintf("Bulk decision %d ≥ ı?", i), Status: decision.StatusOpen,
			RaisedByID: &b.Admin.ID, RaisedBy: b.Admin.Name, CreatedAt: when}
	}
	must(t, db.CreateInBatches(&decisions, 500).Error)
}
