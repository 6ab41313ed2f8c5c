package pack

import (
	"context"
	"fmt"
	"time"

	"gorm.io/gorm"

	"sendboard/models"
	"sendboard/models/risk"
)

// MaxRisks bounds the open risks one pack reads.
const MaxRisks = 5000

// Board is what the pack sets before the board of its own business, as it
// stood at the end of the quarter: the risks and issues escalated to it, the
// decisions it is asked to make and those it made since its last pack, its
// own action log, and the RAG of the pack's actions quarter by quarter.
type Board struct {
	// Threshold is the plan's escalation threshold at the quarter's end.
	Threshold int
	// Escalated are the open risks and issues at or above their plan's
	// threshold at the quarter's end, highest score first.
	Escalated []Risk
	// Heat counts every open risk and issue governed by the board at the
	// quarter's end by likelihood and impact: Heat[l-1][i-1].
	Heat      [5][5]int
	OpenRisks int
	// DecisionsSince is when the decision log starts: the end of the quarter
	// of the board's last pack, else the start of this quarter.
	DecisionsSince time.Time
	Required       []Decision // open at the quarter's end, oldest first
	Decided        []Decision // decided or withdrawn since DecisionsSince, oldest first
	// Actions is the board's action log: open at the quarter's end (oldest
	// first), then done during the quarter. Nil for a whole-plan pack.
	Actions     []BoardAction
	WholePlan   bool
	RAGPeriods  []string // oldest first, ending with the pack's quarter
	RAGByPeriod []RAGRow // one per action of the pack, in its order
}

// Risk is a risk or issue as it stood at the quarter's end: its score,
// status, kind and owner from its history; its wording as it is now.
type Risk struct {
	ID, PlanID                uint
	Kind, Title, Description  string
	Owner, Mitigation         string
	AreaCode, AreaTitle       string
	Likelihood, Impact, Score int
	TargetScore               *int
	Status                    string
	PlanName                  string
	Actions                   []string // action numbers, in plan order
	LastChanged               time.Time
	LastReason                string
	Threshold                 int
}

// KindLabel words the risk's kind.
func (r Risk) KindLabel() string { return risk.KindLabel(r.Kind) }

// loadPackRisks reads the risks governed by the pack's board at the quarter's
// end in three statements besides the thresholds, whatever their number: a
// risk naming an action the pack covers, or naming none in a plan where the
// pack covers an action.
func loadPackRisks(ctx context.Context, db *gorm.DB, p *Pack, planIDs []uint, scope actionScope) error {
	end := p.Quarter.End()
	thresholds, err := risk.ThresholdsAt(ctx, db, planIDs, end)
	if err != nil {
		return err
	}
	p.Board.Threshold = thresholds[p.Plan.ID]
	onAction, args := scope.in("ra.action_id", end, planIDs)
	inPlan, args := scope.in("x.id", append(args, planIDs)...)
	args = append(args, MaxRisks+1)
	type row struct {
		ID, PlanID                uint
		Kind, Title, Description  string
		Owner, Mitigation         string
		AreaCode, AreaTitle       string
		Likelihood, Impact, Score int
		TargetScore               *int
		Status                    string
		ChangedAt                 time.Time
		Reason                    string
	}
	var rows []row
	// Uncorrelated subqueries, so each is evaluated once rather than per risk.
	err = db.Raw(`SELECT r.id, r.plan_id, rs.kind, r.title, r.description, rs.owner, r.mitigation,
			COALESCE(pa.code, '') AS area_code, COALESCE(pa.title, '') AS area_title,
			rs.likelihood, rs.impact, rs.score, r.target_score, rs.status, rs.changed_at, rs.reason
		FROM risks r
		JOIN (SELECT rh.risk_id, rh.kind, rh.owner, rh.likelihood, rh.impact, rh.score, rh.status, rh.changed_at, rh.reason,
				ROW_NUMBER() OVER (PARTITION BY rh.risk_id ORDER BY rh.changed_at DESC, rh.id DESC) AS rn
			FROM risk_history rh WHERE rh.changed_at < ?) rs ON rs.risk_id = r.id AND rs.rn = 1
		LEFT JOIN priority_areas pa ON pa.id = r.area_id
		WHERE r.plan_id IN ? AND rs.status = 'open' AND r.id IN (
			SELECT ra.risk_id FROM risk_actions ra WHERE `+onAction+`
			UNION
			SELECT r2.id FROM risks r2 WHERE r2.plan_id IN ?
				AND r2.id NOT IN (SELECT ra2.risk_id FROM risk_actions ra2)
				AND r2.plan_id IN (SELECT x.plan_id FROM actions x WHERE `+inPlan+`))
		ORDER BY rs.score DESC, r.id LIMIT ?`, args...).Scan(&rows).Error
	if err != nil {
		return fmt.Errorf("loading the risks at the quarter's end: %w", err)
	}
	if len(rows) > MaxRisks {
		return models.Invalid("board", "%s had more than %d open risks, too many for one pack", p.BoardName, MaxRisks)
	}
	p.Board.OpenRisks = len(rows)
	var ids []uint
	planNames := make(map[uint]string, len(p.Plans))
	for _, pp := range p.Plans {
		planNames[pp.Plan.ID] = pp.Plan.Name
	}
	for _, r := range rows {
		p.Board.Heat[r.Likelihood-1][r.Impact-1]++
		t := thresholds[r.PlanID]
		if r.Score < t {
			continue
		}
		p.Board.Escalated = append(p.Board.Escalated, Risk{ID: r.ID, PlanID: r.PlanID, Kind: r.Kind, Title: r.Title,
			Description: r.Description, Owner: r.Owner, Mitigation: r.Mitigation, AreaCode: r.AreaCode, AreaTitle: r.AreaTitle,
			Likelihood: r.Likelihood, Impact: r.Impact, Score: r.Score, TargetScore: r.TargetScore, Status: r.Status,
			LastChanged: r.ChangedAt.UTC(), LastReason: r.Reason, Threshold: t, PlanName: planNames[r.PlanID]})
		ids = append(ids, r.ID)
	}
	return attachRiskActions(db, p.Board.Escalated, ids)
}

// attachRiskActions names each escalated risk's actions in one statement,
// run whether or not there are any so the count stays the same.
func attachRiskActions(db *gorm.DB, risks []Risk, ids []uint) error {
	idx := make(map[uint]int, len(risks))
	for i, r := range risks {
		idx[r.ID] = i
	}
	if len(ids) == 0 {
		ids = []uint{0}
	}
	var rows []struct {
		RiskID uint
		Number string
	}
	err := db.Table("risk_actions ra").Select("ra.risk_id, a.number").Joins("JOIN actions a ON a.id = ra.action_id").
		Where("ra.risk_id IN ?", ids).Order("a.major, a.minor, a.number").Scan(&rows).Error
	if err != nil {
		return fmt.Errorf("loading the risks' actions: %w", err)
	}
	for _, r := range rows {
		if i, ok := idx[r.RiskID]; ok {
			risks[i].Actions = append(risks[i].Actions, r.Number)
		}
	}
	return nil
}

// loadPackBoard fills p.Board. It runs straight after loadPackActions, while
// each action's Status is still the plan document's baseline.
func loadPackBoard(ctx context.Context, db *gorm.DB, p *Pack, board *models.Board, planIDs []uint, scope actionScope) error {
	if err := loadPackRisks(ctx, db, p, planIDs, scope); err != nil {
		return err
	}
	if err := loadPackDecisions(db, p, board, planIDs); err != nil {
		return err
	}
	if err := loadPackBoardActions(db, p, board); err != nil {
		return err
	}
	return loadPackRAGByPeriod(db, p, scope)
}
