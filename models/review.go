package models

import (
	"context"
	"strings"
	"time"
	"unicode/utf8"

	"gorm.io/gorm"
)

// Comment is a board member's remark on an action.
type Comment struct {
	ID         uint   `gorm:"primaryKey"`
	ActionID   uint   `gorm:"not null;index"`
	UserID     *uint  `gorm:"index"`
	AuthorName string `gorm:"not null"`
	Body       string `gorm:"not null"`
	CreatedAt  time.Time
}

// AuditEntry records one change to an action's plan fields or its sign-off,
// with the values before and after.
type AuditEntry struct {
	ID          uint   `gorm:"primaryKey"`
	ActionID    *uint  `gorm:"index"`
	PlanID      *uint  `gorm:"index"`                        // for changes to a plan's parts rather than one action
	Subject     string `gorm:"size:200;not null;default:''"` // what was changed, e.g. "area 2"
	UserID      *uint
	AuthorName  string `gorm:"not null"`
	Kind        string `gorm:"size:40;not null"` // edit, signoff
	Field       string `gorm:"size:60;not null;default:''"`
	BeforeValue string `gorm:"not null;default:''"`
	AfterValue  string `gorm:"not null;default:''"`
	CreatedAt   time.Time
}

// TableName keeps the audit table's name.
func (AuditEntry) TableName() string { return "audit_log" }

// AddComment stores a board member's comment.
func AddComment(ctx context.Context, db *gorm.DB, actor *User, planID uint, number, body string, now time.Time) (*Comment, error) {
	if !actor.AtLeast(RoleBoard) {
		return nil, ErrForbidden
	}
	body = strings.TrimSpace(body)
	if body == "" {
		return nil, Invalid("body", "Enter a comment")
	}
	if utf8.RuneCountInString(body) > 5000 {
		return nil, Invalid("body", "Comments must be 5,000 characters or fewer")
	}
	a, err := FindAction(ctx, db, planID, number)
	if err != nil {
		return nil, err
	}
	c := &Comment{ActionID: a.ID, UserID: &actor.ID, AuthorName: actor.Name, Body: body, CreatedAt: now}
	return c, db.WithContext(ctx).Create(c).Error
}

// SignOff records a board member's sign-off of a complete action and
// re-evaluates its flags, in one transaction.
func SignOff(ctx context.Context, db *gorm.DB, actor *User, planID uint, number string, version int, now time.Time, flags FlagConfig) error {
	if !actor.AtLeast(RoleBoard) {
		return ErrForbidden
	}
	return db.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		a, err := FindAction(ctx, tx, planID, number)
		if err != nil {
			return err
		}
		if a.Status != StatusComplete {
			return Invalid("status", "Only a complete action can be signed off")
		}
		if a.SignedOffAt != nil {
			return Invalid("status", "This action has already been signed off")
		}
		res := tx.Model(&Action{}).Where("id = ? AND version = ?", a.ID, version).
			Updates(map[string]any{"signed_off_by_id": actor.ID, "signed_off_at": now, "version": gorm.Expr("version + 1"), "updated_at": now})
		if res.Error != nil {
			return res.Error
		}
		if res.RowsAffected == 0 {
			return conflictFor(ctx, tx, a)
		}
		if err := tx.Create(&AuditEntry{ActionID: &a.ID, UserID: &actor.ID, AuthorName: actor.Name, Kind: "signoff",
			Field: "status", BeforeValue: "complete, awaiting sign-off", AfterValue: "complete, signed off", CreatedAt: now}).Error; err != nil {
			return err
		}
		return ReevaluateActionFlags(tx, a.ID, now, flags)
	})
}

// ActionActivity is the comments and audit history shown on an action page.
type ActionActivity struct {
	Comments []Comment
	Audit    []AuditEntry
	SignedBy string
}

// LoadActivity loads an action's comments and audit entries, newest first (bounded).
func LoadActivity(ctx context.Context, db *gorm.DB, a *Action) (ActionActivity, error) {
	var out ActionActivity
	db = db.WithContext(ctx)
	if err := db.Where("action_id = ?", a.ID).Order("id DESC").Limit(200).Find(&out.Comments).Error; err != nil {
		return out, err
	}
	if err := db.Where("action_id = ?", a.ID).Order("id DESC").Limit(200).Find(&out.Audit).Error; err != nil {
		return out, err
	}
	if a.SignedOffByID != nil {
		var u User
		if err := db.Select("name").Take(&u, *a.SignedOffByID).Error; err == nil {
			out.SignedBy = u.Name
		}
	}
	return out, nil
}
