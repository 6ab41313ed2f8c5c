package highlight

import (
	"context"
	"errors"
	"slices"
	"strings"
	"time"
	"unicode/utf8"

	"gorm.io/gorm"

	"sendboard/models"
)

// MaxText bounds the reason and the next steps.
const MaxText = 5000

// Written is what the area's SRO, its lead or an admin wrote on the report
// for one period.
type Written struct {
	ID          uint `gorm:"primaryKey"`
	PlanID      uint
	AreaID      uint
	Period      string // "2025-26 Q1"
	RAG         string `gorm:"column:rag"`
	Reason      string
	ForecastRAG string `gorm:"column:forecast_rag"`
	NextSteps   string
	Version     int
	UpdatedByID *uint
	UpdatedBy   string
	CreatedAt   time.Time
	UpdatedAt   time.Time
}

// TableName keeps the table's name.
func (Written) TableName() string { return "highlight_reports" }

// Input is what a writer sends: the RAG, its reason (required when amber or
// red), the forecast RAG for the next period and the next steps.
type Input struct {
	RAG         string
	Reason      string
	ForecastRAG string
	NextSteps   string
}

func (in *Input) check() models.FieldErrors {
	var fe models.FieldErrors
	in.RAG, in.ForecastRAG = strings.TrimSpace(in.RAG), strings.TrimSpace(in.ForecastRAG)
	in.Reason, in.NextSteps = strings.TrimSpace(in.Reason), strings.TrimSpace(in.NextSteps)
	switch {
	case in.RAG == "":
		fe.Add("rag", "Choose the area’s RAG rating for the period")
	case !slices.Contains(models.RAGs, in.RAG):
		fe.Add("rag", "Choose red, amber, green or blue for the RAG rating")
	}
	switch {
	case (in.RAG == "red" || in.RAG == "amber") && in.Reason == "":
		fe.Add("reason", "Give the reason the area is %s", in.RAG)
	case utf8.RuneCountInString(in.Reason) > MaxText:
		fe.Add("reason", "The reason must be 5,000 characters or fewer")
	}
	if in.ForecastRAG != "" && !slices.Contains(models.RAGs, in.ForecastRAG) {
		fe.Add("forecast_rag", "Choose red, amber, green or blue for the forecast, or leave it blank")
	}
	if utf8.RuneCountInString(in.NextSteps) > MaxText {
		fe.Add("next_steps", "The next steps must be 5,000 characters or fewer")
	}
	return fe
}

// MayWrite reports whether u may write the area's report: an admin, or a
// user holding a lead role that is the SRO or a lead of one of the area's
// actions that are not retired. Board members and viewers read.
func MayWrite(ctx context.Context, db *gorm.DB, u *models.User, areaID uint) (bool, error) {
	switch {
	case u.AtLeast(models.RoleAdmin):
		return true, nil
	case !u.AtLeast(models.RoleLead) || len(u.Leads) == 0:
		return false, nil
	}
	leads := make([]uint, len(u.Leads))
	for i, l := range u.Leads {
		leads[i] = l.ID
	}
	var n int64
	err := db.WithContext(ctx).Table("actions").
		Where("priority_area_id = ? AND retired_at IS NULL", areaID).
		Where("sro_id IN ? OR id IN (?)", leads,
			db.Table("action_leads").Select("action_id").Where("lead_id IN ?", leads)).
		Limit(1).Count(&n).Error
	return n > 0, err
}

// Save stores what u wrote on the area's report for period, audited, and
// returns the stored row. The period must have begun by now.
func Save(ctx context.Context, db *gorm.DB, u *models.User, plan *models.Plan, area *models.PriorityArea, period models.Period, in Input, now time.Time) (*Written, error) {
	ok, err := MayWrite(ctx, db, u, area.ID)
	if err != nil {
		return nil, err
	}
	if !ok || u.AnswerRoundID != nil {
		return nil, models.ErrForbidden
	}
	if period.Quarter == 0 || period.Start().After(now) {
		return nil, models.Invalid("period", "Reports are written for a quarter that has begun")
	}
	if fe := in.check(); len(fe) > 0 {
		return nil, fe
	}
	var out Written
	err = db.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		var old Written
		err := tx.Where("area_id = ? AND period = ?", area.ID, period.String()).Take(&old).Error
		if err != nil && !errors.Is(err, gorm.ErrRecordNotFound) {
			return err
		}
		out = old
		out.PlanID, out.AreaID, out.Period = plan.ID, area.ID, period.String()
		out.RAG, out.Reason, out.ForecastRAG, out.NextSteps = in.RAG, in.Reason, in.ForecastRAG, in.NextSteps
		out.UpdatedByID, out.UpdatedBy, out.UpdatedAt = &u.ID, u.Name, now
		out.Version++
		if old.ID == 0 {
			out.CreatedAt = now
		}
		if err := tx.Save(&out).Error; err != nil {
			return err
		}
		au := models.NewAuditor(u, "highlight_report", "highlight "+area.Code+" "+period.String(), &plan.ID, nil, now)
		au.Note("rag", old.RAG, out.RAG)
		au.Note("reason", old.Reason, out.Reason)
		au.Note("forecast_rag", old.ForecastRAG, out.ForecastRAG)
		au.Note("next_steps", old.NextSteps, out.NextSteps)
		return au.Save(tx)
	})
	if err != nil {
		return nil, err
	}
	return &out, nil
}
