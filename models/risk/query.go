package risk

import (
	"context"
	"fmt"

	"gorm.io/gorm"

	"sendboard/models"
)

// Filter selects risks of a plan's register; blank fields select all.
// Owner is the owner's name as the register shows it; Area an area's code.
type Filter struct {
	Area, Owner, Status, Kind string
	// Likelihood and Impact pick one square of the heat map (0: any).
	Likelihood, Impact int
	// Limit bounds the rows read (MaxList when 0 or more).
	Limit int
}

// MaxList is the most risks one read of a register returns.
const MaxList = 1000

// ownerExpr is the owner's name: the user's, else the lead role's.
const ownerExpr = "COALESCE(ou.name, ol.name, '')"

func base(db *gorm.DB, planID uint) *gorm.DB {
	return db.Table("risks").
		Joins("LEFT JOIN users ou ON ou.id = risks.owner_user_id").
		Joins("LEFT JOIN leads ol ON ol.id = risks.owner_lead_id").
		Joins("LEFT JOIN priority_areas pa ON pa.id = risks.area_id").
		Where("risks.plan_id = ?", planID)
}

const riskCols = "risks.*, " + ownerExpr + " AS owner_name, COALESCE(pa.code, '') AS area_code, COALESCE(pa.title, '') AS area_title"

type riskRow struct {
	Risk
	OwnerName      string
	AreaCodeValue  string `gorm:"column:area_code"`
	AreaTitleValue string `gorm:"column:area_title"`
}

func (r riskRow) risk() Risk {
	out := r.Risk
	out.Owner, out.AreaCode, out.AreaTitle = r.OwnerName, r.AreaCodeValue, r.AreaTitleValue
	return out
}

// Threshold is planID's escalation threshold.
func Threshold(ctx context.Context, db *gorm.DB, planID uint) (int, error) {
	var t []int
	if err := db.WithContext(ctx).Table("plans").Where("id = ?", planID).Pluck("risk_threshold", &t).Error; err != nil {
		return 0, fmt.Errorf("reading the escalation threshold: %w", err)
	}
	if len(t) == 0 {
		return 0, models.ErrNotFound
	}
	return t[0], nil
}

// List reads the risks of planID that f selects, highest score first, and
// the number there are in all, in four statements whatever their number.
func List(ctx context.Context, db *gorm.DB, planID uint, f Filter) ([]Risk, int64, error) {
	db = db.WithContext(ctx)
	threshold, err := Threshold(ctx, db, planID)
	if err != nil {
		return nil, 0, err
	}
	q := base(db, planID)
	if f.Area != "" {
		q = q.Where("pa.code = ?", f.Area)
	}
	if f.Owner != "" {
		q = q.Where(ownerExpr+" = ?", f.Owner)
	}
	if f.Status != "" {
		q = q.Where("risks.status = ?", f.Status)
	}
	if f.Kind != "" {
		q = q.Where("risks.kind = ?", f.Kind)
	}
	if f.Likelihood != 0 {
		q = q.Where("risks.likelihood = ?", f.Likelihood)
	}
	if f.Impact != 0 {
		q = q.Where("risks.impact = ?", f.Impact)
	}
	var total int64
	if err := q.Session(&gorm.Session{}).Count(&total).Error; err != nil {
		return nil, 0, fmt.Errorf("counting risks: %w", err)
	}
	limit := f.Limit
	if limit <= 0 || limit > MaxList {
		limit = MaxList
	}
	var rows []riskRow
	if err := q.Select(riskCols).Order("risks.status DESC, risks.score DESC, risks.id").Limit(limit).Scan(&rows).Error; err != nil {
		return nil, 0, fmt.Errorf("listing risks: %w", err)
	}
	out := make([]Risk, len(rows))
	for i, r := range rows {
		out[i] = r.risk()
		out[i].Escalated = out[i].Status == StatusOpen && out[i].Score >= threshold
	}
	return out, total, attachActions(ctx, db, out)
}

// Find reads risk id of planID with its owner, area and actions.
func Find(ctx context.Context, db *gorm.DB, planID, id uint) (*Risk, error) {
	db = db.WithContext(ctx)
	threshold, err := Threshold(ctx, db, planID)
	if err != nil {
		return nil, err
	}
	var rows []riskRow
	if err := base(db, planID).Select(riskCols).Where("risks.id = ?", id).Limit(1).Scan(&rows).Error; err != nil {
		return nil, fmt.Errorf("reading risk %d: %w", id, err)
	}
	if len(rows) == 0 {
		return nil, models.ErrNotFound
	}
	r := rows[0].risk()
	r.Escalated = r.Status == StatusOpen && r.Score >= threshold
	list := []Risk{r}
	if err := attachActions(ctx, db, list); err != nil {
		return nil, err
	}
	return &list[0], nil
}

// attachActions fills each risk's action numbers in one statement.
func attachActions(ctx context.Context, db *gorm.DB, risks []Risk) error {
	if len(risks) == 0 {
		return nil
	}
	idx := make(map[uint]int, len(risks))
	ids := make([]uint, len(risks))
	for i, r := range risks {
		idx[r.ID], ids[i] = i, r.ID
	}
	var rows []struct {
		RiskID uint
		Number string
	}
	err := db.WithContext(ctx).Table("risk_actions").Select("risk_actions.risk_id, actions.number").
		Joins("JOIN actions ON actions.id = risk_actions.action_id").Where("risk_actions.risk_id IN ?", ids).
		Order("actions.major, actions.minor, actions.number").Scan(&rows).Error
	if err != nil {
		return fmt.Errorf("reading the risks' actions: %w", err)
	}
	for _, r := range rows {
		i := idx[r.RiskID]
		risks[i].Actions = append(risks[i].Actions, r.Number)
	}
	return nil
}

// History lists risk id's changes, oldest first (at most MaxList).
func History(ctx context.Context, db *gorm.DB, id uint) ([]Change, error) {
	var out []Change
	err := db.WithContext(ctx).Where("risk_id = ?", id).Order("changed_at, id").Limit(MaxList).Find(&out).Error
	if err != nil {
		return nil, fmt.Errorf("reading risk %d's history: %w", id, err)
	}
	return out, nil
}

// Owners lists the owner names used in planID's register, for a filter.
func Owners(ctx context.Context, db *gorm.DB, planID uint) ([]string, error) {
	var rows []struct{ O string }
	err := base(db.WithContext(ctx), planID).Select("DISTINCT " + ownerExpr + " AS o").Order("o").Limit(MaxList).Scan(&rows).Error
	if err != nil {
		return nil, fmt.Errorf("listing risk owners: %w", err)
	}
	out := make([]string, len(rows))
	for i, r := range rows {
		out[i] = r.O
	}
	return out, nil
}

// ForAction lists the risks and issues of planID naming actionID, open
// first and highest score first (at most limit), in one statement: the
// action page is near its budget of statements.
func ForAction(ctx context.Context, db *gorm.DB, planID, actionID uint, limit int) ([]Risk, error) {
	var rows []struct {
		Risk
		OwnerName      string
		AreaCodeValue  string `gorm:"column:area_code"`
		AreaTitleValue string `gorm:"column:area_title"`
		Over           bool
	}
	err := base(db.WithContext(ctx), planID).
		Select(riskCols+", (risks.status = 'open' AND risks.score >= rp.risk_threshold) AS over").
		Joins("JOIN plans rp ON rp.id = risks.plan_id").
		Where("EXISTS (SELECT 1 FROM risk_actions ra WHERE ra.risk_id = risks.id AND ra.action_id = ?)", actionID).
		Order("risks.status DESC, risks.score DESC, risks.id").Limit(min(max(limit, 1), MaxList)).Scan(&rows).Error
	if err != nil {
		return nil, fmt.Errorf("listing the action's risks: %w", err)
	}
	out := make([]Risk, len(rows))
	for i, r := range rows {
		out[i] = riskRow{Risk: r.Risk, OwnerName: r.OwnerName, AreaCodeValue: r.AreaCodeValue, AreaTitleValue: r.AreaTitleValue}.risk()
		out[i].Escalated = r.Over
	}
	return out, nil
}
