package models

import (
	"slices"
	"strings"
	"time"
)

// Roles, each able to do everything the one before it can.
const (
	RoleViewer = "viewer"
	RoleLead   = "lead"
	RoleBoard  = "board"
	RoleAdmin  = "admin"
)

// Roles lists the roles from least to most powerful.
var Roles = []string{RoleViewer, RoleLead, RoleBoard, RoleAdmin}

// User is a person who signs in.
type User struct {
	ID           uint `gorm:"primaryKey"`
	Email        string
	Name         string
	Role         string
	PasswordHash string
	Disabled     bool
	// Pending is an account a first single sign-on made without a role:
	// it may not sign in until an administrator approves it.
	Pending   bool
	CreatedAt time.Time
	UpdatedAt time.Time
	Leads     []Lead  `gorm:"many2many:user_leads"`
	Boards    []Board `gorm:"many2many:user_boards"` // governance boards a board member sits on
	// AnswerRoundID is set when the user came in by a round email's link:
	// the session may only answer that round (see round.AnswerAllows).
	AnswerRoundID *uint `gorm:"-"`
}

// NormalizeEmail is how emails are compared and stored.
func NormalizeEmail(e string) string { return strings.ToLower(strings.TrimSpace(e)) }

// AtLeast reports whether the user's role includes role.
func (u *User) AtLeast(role string) bool {
	if u == nil || u.Disabled || u.Pending {
		return false
	}
	return slices.Index(Roles, u.Role) >= slices.Index(Roles, role) && slices.Contains(Roles, role)
}

// LeadsAction reports whether the user holds a lead role of a (any of its
// leads, when they are loaded).
func (u *User) LeadsAction(a *Action) bool {
	if u == nil || !u.AtLeast(RoleLead) {
		return false
	}
	ids := a.LeadIDs()
	for _, l := range u.Leads {
		if slices.Contains(ids, l.ID) {
			return true
		}
	}
	return false
}
