package risk

import (
	"context"
	"fmt"
	"time"

	"gorm.io/gorm"

	"sendboard/models"
)

// governedBy selects the risks escalated to boardID: those naming an action
// the board governs, and those naming no action in a plan where the board
// governs any action (the plan's boards).
const governedBy = `(EXISTS (SELECT 1 FROM risk_actions ra JOIN action_boards ab ON ab.action_id = ra.action_id
		WHERE ra.risk_id = risks.id AND ab.board_id = ?)
	OR (NOT EXISTS (SELECT 1 FROM risk_actions ra WHERE ra.risk_id = risks.id)
		AND EXISTS (SELECT 1 FROM action_boards ab JOIN actions a ON a.id = ab.action_id
			WHERE a.plan_id = risks.plan_id AND ab.board_id = ?)))`

// Escalated lists the open risks of planID at or above its threshold that
// boardID governs, highest score first, at most limit of them, and how many
// there are, in three statements.
func Escalated(ctx context.Context, db *gorm.DB, planID, boardID uint, limit int) ([]Risk, int64, error) {
	db = db.WithContext(ctx)
	threshold, err := Threshold(ctx, db, planID)
	if err != nil {
		return nil, 0, err
	}
	q := base(db, planID).Where("risks.status = ? AND risks.score >= ?", StatusOpen, threshold).
		Where(governedBy, boardID, boardID)
	var total int64
	if err := q.Session(&gorm.Session{}).Count(&total).Error; err != nil {
		return nil, 0, fmt.Errorf("counting escalated risks: %w", err)
	}
	if limit <= 0 || total == 0 {
		return nil, total, nil
	}
	var rows []riskRow
	if err := q.Select(riskCols).Order("risks.score DESC, risks.id").Limit(min(limit, MaxList)).Scan(&rows).Error; err != nil {
		return nil, 0, fmt.Errorf("listing escalated risks: %w", err)
	}
	out := make([]Risk, len(rows))
	for i, r := range rows {
		out[i] = r.risk()
		out[i].Escalated = true
	}
	return out, total, nil
}

// Overdue is an open risk whose review-by day has passed, with its plan.
type Overdue struct {
	Risk
	PlanSlug, PlanName string
}

type overdueRow struct {
	Risk
	OwnerName          string
	AreaCodeValue      string `gorm:"column:area_code"`
	AreaTitleValue     string `gorm:"column:area_title"`
	PlanSlug, PlanName string
}

// ReviewOverdue lists the risk_review_overdue exceptions of u as of now: the
// open risks u owns (as a person or through a lead role u holds) whose
// review-by day is before now's day, the longest overdue first (at most limit).
func ReviewOverdue(ctx context.Context, db *gorm.DB, u *models.User, now time.Time, limit int) ([]Overdue, error) {
	if u == nil {
		return nil, nil
	}
	leads := []uint{0}
	for _, l := range u.Leads {
		leads = append(leads, l.ID)
	}
	var rows []overdueRow
	err := db.WithContext(ctx).Table("risks").Select(riskCols+", plans.slug AS plan_slug, plans.name AS plan_name").
		Joins("JOIN plans ON plans.id = risks.plan_id").
		Joins("LEFT JOIN users ou ON ou.id = risks.owner_user_id").
		Joins("LEFT JOIN leads ol ON ol.id = risks.owner_lead_id").
		Joins("LEFT JOIN priority_areas pa ON pa.id = risks.area_id").
		Where("risks.status = ? AND risks.review_by <> '' AND risks.review_by < ?", StatusOpen, now.Format(time.DateOnly)).
		Where("risks.owner_user_id = ? OR risks.owner_lead_id IN ?", u.ID, leads).
		Order("risks.review_by, risks.id").Limit(min(max(limit, 1), MaxList)).Scan(&rows).Error
	if err != nil {
		return nil, fmt.Errorf("listing overdue risk reviews: %w", err)
	}
	out := make([]Overdue, len(rows))
	for i, r := range rows {
		rr := riskRow{Risk: r.Risk, OwnerName: r.OwnerName, AreaCodeValue: r.AreaCodeValue, AreaTitleValue: r.AreaTitleValue}
		out[i] = Overdue{Risk: rr.risk(), PlanSlug: r.PlanSlug, PlanName: r.PlanName}
	}
	return out, nil
}
