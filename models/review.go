package models

import (
	"context"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"gorm.io/gorm"
)

// Comment is a board member's remark on an action.
type Comment struct {
	ID         uint `gorm:"primaryKey"`
	ActionID   uint
	UserID     *uint
	AuthorName string
	Body       string
	CreatedAt  time.Time
}

// AuditEntry records one change to an action's plan fields or its sign-off,
// with the values before and after.
type AuditEntry struct {
	ID          uint `gorm:"primaryKey"`
	ActionID    *uint
	PlanID      *uint  // for changes to a plan's parts rather than one action
	Subject     string // what was changed, e.g. "area 2"
	UserID      *uint
	AuthorName  string
	Kind        string // edit, signoff
	Field       string
	BeforeValue string
	AfterValue  string
	CreatedAt   time.Time
}

// TableName keeps the audit table's name.
func (AuditEntry) TableName() string { return "audit_log" }

// AddComment stores a comment by a member of a board that governs the action.
// Who may comment is checked before the text, so others learn nothing from it.
func AddComment(ctx context.Context, db *gorm.DB, actor *User, planID uint, number, body string, now time.Time) (*Comment, error) {
	a, err := FindAction(ctx, db, planID, number)
	if err != nil {
		return nil, err
	}
	if !CanGovern(actor, a) {
		return nil, ErrForbidden
	}
	body = strings.TrimSpace(body)
	if body == "" {
		return nil, Invalid("body", "Enter a comment")
	}
	if utf8.RuneCountInString(body) > 5000 {
		return nil, Invalid("body", "Comments must be 5,000 characters or fewer")
	}
	c := &Comment{ActionID: a.ID, UserID: &actor.ID, AuthorName: actor.Name, Body: body, CreatedAt: now}
	return c, db.WithContext(ctx).Create(c).Error
}

// ActionActivity is the comments and audit history shown on an action page.
type ActionActivity struct {
	Comments []Comment
	Audit    []AuditEntry
	SignedBy string
	SignOff  *SignOffRecord // the current sign-off's board, meeting and minute
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
	var err error
	if out.SignOff, err = LatestSignOff(ctx, db, a); err != nil || out.SignOff != nil {
		if out.SignOff != nil {
			out.SignedBy = out.SignOff.SignedBy
		}
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

// auditFieldLabels word the fields the audit records as the forms label them.
var auditFieldLabels = map[string]string{
	"action": "Action", "aim": "Aim", "impact_measure": "Impact measure", "lead": "Lead", "sro": "Senior responsible officer",
	"boards": "Governance boards", "milestone": "Milestone", "priority_area": "Area", "due": "Due date",
	"due_reason": "Reason for the due date change", "retired": "Retired", "retired_reason": "Reason for retiring",
	"la_code": "Local authority code", "start_date": "Start date", "owners": "Owned by", "sro_id": "Senior responsible officer",
	"home": "Home plan", "default": "Default plan", "new_password": "Password", "password": "Password", "role": "Role",
	"lead roles": "Lead roles", "account": "Account", "name": "Name", "email": "Email address",
	"via": "Progress recorded",
}

// FieldLabel is the field as people read it: "Impact measure", not
// "impact_measure".
func (e AuditEntry) FieldLabel() string {
	if l, ok := auditFieldLabels[e.Field]; ok {
		return l
	}
	s := strings.ReplaceAll(e.Field, "_", " ")
	if s == "" {
		return s
	}
	r, n := utf8.DecodeRuneInString(s)
	return string(unicode.ToUpper(r)) + s[n:]
}
