package models

import (
	"context"
	"strings"
	"time"
	"unicode/utf8"

	"gorm.io/gorm"
)

// ReviseDue changes an action's due date, never silently: the action's due
// column takes the new date (so flag rules read the current one without a
// join), due_original keeps the first, and a DueRevision and an audit entry
// record who, when and why, all in one transaction. version is the action
// version the admin saw.
func ReviseDue(ctx context.Context, db *gorm.DB, actor *User, planID uint, number, due, reason string, version int, now time.Time, flags FlagConfig) (*Action, error) {
	if !actor.AtLeast(RoleAdmin) {
		return nil, ErrForbidden
	}
	due, err := ParseDue(due)
	if err != nil {
		return nil, err
	}
	if due == "" {
		return nil, Invalid("due", "Enter the new due date")
	}
	reason = strings.TrimSpace(reason)
	switch {
	case reason == "":
		return nil, Invalid("reason", "Give the reason the due date is changing")
	case utf8.RuneCountInString(reason) > 2000:
		return nil, Invalid("reason", "The reason must be 2,000 characters or fewer")
	}
	var out *Action
	err = db.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		a, err := findAtVersion(ctx, tx, actor, planID, number, version)
		if err != nil {
			return err
		}
		if a.Retired() {
			return Invalid("due", "Action %s is retired; its due date no longer changes", a.Number)
		}
		if a.Due == due {
			return Invalid("due", "The action is already due %s", DueLabel(due))
		}
		changes := map[string]any{"due": due, "version": gorm.Expr("version + 1"), "updated_at": now}
		if a.DueOriginal == "" {
			changes["due_original"] = a.Due
		}
		res := tx.Model(&Action{}).Where("id = ? AND version = ?", a.ID, version).Updates(changes)
		if res.Error != nil {
			return res.Error
		}
		if res.RowsAffected == 0 {
			return conflictFor(ctx, tx, a, actor)
		}
		rev := DueRevision{ActionID: a.ID, FromDue: a.Due, ToDue: due, Reason: reason, UserID: &actor.ID,
			AuthorName: actor.Name, CreatedAt: now}
		if err := tx.Create(&rev).Error; err != nil {
			return err
		}
		au := NewAuditor(actor, "due_revision", "action "+a.Number, &a.PlanID, &a.ID, now)
		au.Note("due", a.Due, due)
		au.Note("due_reason", "", reason)
		if err := au.Save(tx); err != nil {
			return err
		}
		if err := ReevaluateActionFlags(tx, a.ID, now, flags); err != nil {
			return err
		}
		out, err = FindAction(ctx, tx, planID, number)
		return err
	})
	return out, err
}

// ListDueRevisions returns an action's due date history, newest first.
func ListDueRevisions(ctx context.Context, db *gorm.DB, actionID uint, limit int) ([]DueRevision, error) {
	var out []DueRevision
	err := db.WithContext(ctx).Where("action_id = ?", actionID).Order("created_at DESC, id DESC").Limit(limit).Find(&out).Error
	return out, err
}

// RetireAction retires an action rather than deleting it: it keeps its
// history, leaves the plan's counts and shows as retired with the reason.
// Its open flags are resolved, since nothing is expected of it any more.
func RetireAction(ctx context.Context, db *gorm.DB, actor *User, planID uint, number, reason string, version int, now time.Time) (*Action, error) {
	if !actor.AtLeast(RoleAdmin) {
		return nil, ErrForbidden
	}
	reason = strings.TrimSpace(reason)
	switch {
	case reason == "":
		return nil, Invalid("reason", "Give the reason the action is retired")
	case utf8.RuneCountInString(reason) > 2000:
		return nil, Invalid("reason", "The reason must be 2,000 characters or fewer")
	}
	var out *Action
	err := db.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		a, err := findAtVersion(ctx, tx, actor, planID, number, version)
		if err != nil {
			return err
		}
		if a.Retired() {
			return Invalid("reason", "Action %s is already retired", a.Number)
		}
		res := tx.Model(&Action{}).Where("id = ? AND version = ?", a.ID, version).Updates(map[string]any{
			"retired_at": now, "retired_reason": reason, "version": gorm.Expr("version + 1"), "updated_at": now})
		if res.Error != nil {
			return res.Error
		}
		if res.RowsAffected == 0 {
			return conflictFor(ctx, tx, a, actor)
		}
		if err := tx.Model(&Flag{}).Where("action_id = ? AND resolved_at IS NULL", a.ID).Update("resolved_at", now).Error; err != nil {
			return err
		}
		au := NewAuditor(actor, "retire", "action "+a.Number, &a.PlanID, &a.ID, now)
		au.Note("retired", "", now.Format("2006-01-02"))
		au.Note("retired_reason", "", reason)
		if err := au.Save(tx); err != nil {
			return err
		}
		out, err = FindAction(ctx, tx, planID, number)
		return err
	})
	return out, err
}

// findAtVersion loads the action a write is about, refusing it with a
// *ConflictError when someone has changed the action since the writer saw
// version.
func findAtVersion(ctx context.Context, tx *gorm.DB, actor *User, planID uint, number string, version int) (*Action, error) {
	a, err := FindAction(ctx, tx, planID, number)
	if err != nil {
		return nil, err
	}
	if a.Version != version {
		return nil, conflictFor(ctx, tx, a, actor)
	}
	return a, nil
}
