package models

import (
	"context"
	"errors"
	"strings"
	"time"

	"gorm.io/gorm"
)

// Account statuses, as the API and the command line name them.
const (
	StatusActive   = "active"
	StatusDisabled = "disabled"
	StatusPending  = "pending"
)

// AccountStatuses lists the account statuses.
var AccountStatuses = []string{StatusActive, StatusDisabled, StatusPending}

// Status is the account's status: a refused pending account is disabled.
func (u *User) Status() string {
	switch {
	case u.Disabled:
		return StatusDisabled
	case u.Pending:
		return StatusPending
	}
	return StatusActive
}

// ListPending returns the accounts waiting for approval, oldest first (bounded).
func ListPending(ctx context.Context, db *gorm.DB) ([]User, error) {
	var us []User
	err := db.WithContext(ctx).Where("pending = ? AND disabled = ?", true, false).Order("created_at, id").Limit(500).Find(&us).Error
	return us, err
}

// PendingApproval is an administrator's answer to a pending account: its
// role and, when not nil, its lead roles and boards (names or slugs), which
// replace those the sign-in's claims gave.
type PendingApproval struct {
	Role   string
	Leads  []string
	Boards []string
}

// ApprovePending gives a pending account its role (a board member with the
// boards they sit on) and lets it sign in; refuse instead disables it, so the
// same person signing in again is refused rather than queued again. Both are
// audited against actor; the rules are those of changing an account.
func ApprovePending(ctx context.Context, db *gorm.DB, actor *User, userID uint, ap PendingApproval, now time.Time) (*User, error) {
	role := strings.TrimSpace(ap.Role)
	if role == "" {
		return nil, Invalid("role", "Choose the role: %s", strings.Join(Roles, ", "))
	}
	var out *User
	err := db.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		u, err := findPending(tx, userID)
		if err != nil {
			return err
		}
		ch := UserChange{Role: &role}
		if ap.Leads != nil {
			ch.Leads = &ap.Leads
		}
		if ap.Boards != nil {
			ch.Boards = &ap.Boards
		}
		after, leads, boards, err := applyUserChange(ctx, tx, u, ch)
		if err != nil {
			return err
		}
		if err := markDecided(tx, u, map[string]any{"pending": false, "role": after.Role, "updated_at": now.UTC()}); err != nil {
			return err
		}
		if err := replaceMemberships(tx, u.ID, leads, boards); err != nil {
			return err
		}
		var audit []AuditEntry
		for _, e := range diffUser(u, after, leads, boards) {
			if e.Field != "role" { // said by the approval, recorded last so it heads the history
				audit = append(audit, e)
			}
		}
		audit = append(audit, AuditEntry{Field: "single sign-on", BeforeValue: "waiting for approval", AfterValue: "approved as " + after.Role})
		for i := range audit {
			audit[i].Subject, audit[i].Kind, audit[i].UserID, audit[i].AuthorName, audit[i].CreatedAt =
				userSubject(u.Email), "user", &actor.ID, actor.Name, now.UTC()
		}
		if err := tx.Create(&audit).Error; err != nil {
			return err
		}
		after.Pending, after.Leads, after.Boards = false, leads, boards
		out = &after
		return nil
	})
	return out, err
}

// RefusePending disables a pending account; see ApprovePending.
func RefusePending(ctx context.Context, db *gorm.DB, actor *User, userID uint, now time.Time) (*User, error) {
	var u *User
	err := db.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		var err error
		if u, err = findPending(tx, userID); err != nil {
			return err
		}
		if err := markDecided(tx, u, map[string]any{"pending": false, "disabled": true, "updated_at": now.UTC()}); err != nil {
			return err
		}
		u.Pending, u.Disabled = false, true
		return tx.Create(&AuditEntry{Subject: userSubject(u.Email), Kind: "user", Field: "single sign-on",
			BeforeValue: "waiting for approval", AfterValue: "refused; account disabled", UserID: &actor.ID,
			AuthorName: actor.Name, CreatedAt: now.UTC()}).Error
	})
	if err != nil {
		return nil, err
	}
	return u, nil
}

// findPending loads the account waiting for approval, with its lead roles and
// boards; one decided already is a conflict.
func findPending(tx *gorm.DB, userID uint) (*User, error) {
	var u User
	err := tx.Preload("Leads").Preload("Boards", byName).Where("id = ?", userID).Take(&u).Error
	if errors.Is(err, gorm.ErrRecordNotFound) {
		return nil, ErrNotFound
	}
	if err != nil {
		return nil, err
	}
	if !u.Pending || u.Disabled {
		return nil, notPending(&u)
	}
	return &u, nil
}

// markDecided applies set only while the account still waits, so two
// administrators deciding at once cannot both succeed.
func markDecided(tx *gorm.DB, u *User, set map[string]any) error {
	res := tx.Model(&User{}).Where("id = ? AND pending = ?", u.ID, true).Updates(set)
	if res.Error != nil {
		return res.Error
	}
	if res.RowsAffected != 1 {
		return notPending(u)
	}
	return nil
}

func notPending(u *User) error {
	return &ConflictError{Message: u.Email + " is not waiting for approval: it has been approved or refused already"}
}

// ListAccounts returns the accounts with status (every account when it is
// empty), with lead roles and boards, by email (bounded).
func ListAccounts(ctx context.Context, db *gorm.DB, status string) ([]User, error) {
	q := db.WithContext(ctx).Preload("Leads").Preload("Boards", byName)
	switch status {
	case "":
	case StatusActive:
		q = q.Where("disabled = ? AND pending = ?", false, false)
	case StatusDisabled:
		q = q.Where("disabled = ?", true)
	case StatusPending:
		q = q.Where("disabled = ? AND pending = ?", false, true)
	default:
		return nil, Invalid("status", "%q is not an account status; use one of %s, or leave it out", status, strings.Join(AccountStatuses, ", "))
	}
	var us []User
	err := q.Order("email").Limit(10_000).Find(&us).Error
	return us, err
}
