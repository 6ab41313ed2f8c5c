package models

import (
	"context"
	"slices"
	"strings"
	"time"
	"unicode/utf8"

	"gorm.io/gorm"
)

// CommandLineAuthor attributes account changes made with the sendboard command.
const CommandLineAuthor = "sendboard command line"

// UserChange is an administrator's change to an account. A nil field is left
// as it is; Leads and Boards, when set, replace the whole list (empty clears it).
type UserChange struct {
	Name     *string
	Role     *string
	Leads    *[]string // lead role names, aliases or slugs
	Boards   *[]string // board names or slugs
	Disabled *bool
}

// userSubject names an account in the audit log.
func userSubject(email string) string { return "user " + email }

// UpdateUser applies ch to the account with email in one transaction and
// audits each field that changed with its value before and after. actor is
// the administrator (nil from the command line). Every problem is reported at
// once; the last enabled admin cannot be demoted or disabled, so the service
// is never left without one.
func UpdateUser(ctx context.Context, db *gorm.DB, actor *User, email string, ch UserChange, now time.Time) (*User, []AuditEntry, error) {
	return updateUser(ctx, db, actor, CommandLineAuthor, email, ch, now)
}

// updateUser is UpdateUser with the name audited when there is no actor.
func updateUser(ctx context.Context, db *gorm.DB, actor *User, author, email string, ch UserChange, now time.Time) (*User, []AuditEntry, error) {
	var out *User
	var audit []AuditEntry
	err := db.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		u, err := FindUserByEmail(ctx, tx, email)
		if err != nil {
			return err
		}
		after, leads, boards, err := applyUserChange(ctx, tx, u, ch)
		if err != nil {
			return err
		}
		audit = diffUser(u, after, leads, boards)
		if len(audit) == 0 {
			out = u
			return nil
		}
		if err := tx.Model(&User{}).Where("id = ?", u.ID).Updates(map[string]any{"name": after.Name, "role": after.Role,
			"disabled": after.Disabled, "updated_at": now}).Error; err != nil {
			return err
		}
		if err := replaceMemberships(tx, u.ID, leads, boards); err != nil {
			return err
		}
		if after.Disabled && !u.Disabled {
			if err := endAccess(tx, u.ID, now); err != nil {
				return err
			}
		}
		for i := range audit {
			audit[i].Subject, audit[i].Kind, audit[i].AuthorName, audit[i].CreatedAt = userSubject(u.Email), "user", author, now
			if actor != nil {
				audit[i].UserID, audit[i].AuthorName = &actor.ID, actor.Name
			}
		}
		if err := tx.Create(&audit).Error; err != nil {
			return err
		}
		after.Leads, after.Boards = leads, boards
		out = &after
		return nil
	})
	return out, audit, err
}

// applyUserChange validates ch against u and returns the account as it would
// be, with its lead roles and boards.
func applyUserChange(ctx context.Context, tx *gorm.DB, u *User, ch UserChange) (User, []Lead, []Board, error) {
	after := *u
	leads, boards := u.Leads, u.Boards
	var errs FieldErrors
	if ch.Name != nil {
		after.Name = strings.TrimSpace(*ch.Name)
		switch {
		case after.Name == "":
			errs.Add("name", "Enter the person's full name")
		case utf8.RuneCountInString(after.Name) > 200:
			errs.Add("name", "Full name must be 200 characters or fewer")
		default:
			if err := CheckName("name", after.Name); err != nil {
				ie, _ := IsInvalid(err)
				errs.Add("name", "%s", ie.Message)
			}
		}
	}
	if ch.Role != nil {
		after.Role = strings.TrimSpace(*ch.Role)
		if !slices.Contains(Roles, after.Role) {
			errs.Add("role", "%q is not a role; use one of %s", after.Role, strings.Join(Roles, ", "))
		}
	}
	if ch.Disabled != nil {
		after.Disabled = *ch.Disabled
	}
	if ch.Leads != nil {
		var err error
		if leads, err = resolveLeads(tx, *ch.Leads); err != nil {
			addInvalid(&errs, err)
		}
	}
	canSit := after.Role == RoleBoard || after.Role == RoleAdmin
	switch {
	case ch.Boards != nil:
		var err error
		if boards, err = ResolveBoards(tx, after.Role, *ch.Boards); err != nil {
			if !errs.Has("role") {
				addInvalid(&errs, err)
			}
		}
	case !canSit:
		boards = nil // a role that sits on no board gives up its seats
	}
	if after.Role == RoleBoard && len(boards) == 0 && !errs.Has("board") && !errs.Has("role") {
		errs.Add("board", "A board member sits on at least one board: choose the boards")
	}
	if u.Role == RoleAdmin && !u.Disabled && (after.Role != RoleAdmin || after.Disabled) {
		var others int64
		if err := tx.Model(&User{}).Where("role = ? AND disabled = ? AND id <> ?", RoleAdmin, false, u.ID).Count(&others).Error; err != nil {
			return after, nil, nil, err
		}
		if others == 0 {
			field := "role"
			if after.Disabled {
				field = "disabled"
			}
			errs.Add(field, "%s is the only enabled administrator; make someone else an administrator first", u.Email)
		}
	}
	return after, leads, boards, errs.Err()
}

func addInvalid(errs *FieldErrors, err error) {
	if ie, ok := IsInvalid(err); ok {
		errs.Add(ie.Field, "%s", ie.Message)
		return
	}
	errs.Add("", "%v", err)
}

// diffUser lists what changed as audit entries (without who and when).
func diffUser(before *User, after User, leads []Lead, boards []Board) []AuditEntry {
	var out []AuditEntry
	add := func(field, b, a string) {
		if b != a {
			out = append(out, AuditEntry{Field: field, BeforeValue: b, AfterValue: a})
		}
	}
	add("name", before.Name, after.Name)
	add("role", before.Role, after.Role)
	add("lead roles", leadNames(before.Leads), leadNames(leads))
	add("boards", boardNames(before.Boards), boardNames(boards))
	add("account", accountState(before.Disabled), accountState(after.Disabled))
	return out
}

func accountState(disabled bool) string {
	if disabled {
		return "disabled"
	}
	return "enabled"
}

func leadNames(ls []Lead) string {
	names := make([]string, len(ls))
	for i, l := range ls {
		names[i] = l.Name
	}
	slices.Sort(names)
	return strings.Join(names, "; ")
}

func boardNames(bs []Board) string {
	names := make([]string, len(bs))
	for i, b := range bs {
		names[i] = b.Name
	}
	slices.Sort(names)
	return strings.Join(names, "; ")
}

// replaceMemberships sets a user's lead roles and boards to exactly these.
func replaceMemberships(tx *gorm.DB, userID uint, leads []Lead, boards []Board) error {
	if err := tx.Exec("DELETE FROM user_leads WHERE user_id = ?", userID).Error; err != nil {
		return err
	}
	for _, l := range leads {
		if err := tx.Exec("INSERT INTO user_leads (user_id, lead_id) VALUES (?, ?)", userID, l.ID).Error; err != nil {
			return err
		}
	}
	if err := tx.Where("user_id = ?", userID).Delete(&UserBoard{}).Error; err != nil {
		return err
	}
	for _, b := range boards {
		if err := tx.Create(&UserBoard{UserID: userID, BoardID: b.ID}).Error; err != nil {
			return err
		}
	}
	return nil
}

// endAccess ends a user's sessions and revokes their API tokens.
func endAccess(tx *gorm.DB, userID uint, now time.Time) error {
	if err := tx.Where("user_id = ?", userID).Delete(&Session{}).Error; err != nil {
		return err
	}
	return tx.Model(&APIToken{}).Where("user_id = ? AND revoked_at IS NULL", userID).Update("revoked_at", now).Error
}

// LockPassword replaces the account's password with one nobody knows and
// ends its sessions and API tokens, in tx: an administrator's reset, after
// which only the link emailed with it sets a password, so no password passes
// through the administrator.
func LockPassword(tx *gorm.DB, u *User, now time.Time) error {
	hash, err := HashPassword(RandomPassword())
	if err != nil {
		return err
	}
	if err := tx.Model(&User{}).Where("id = ?", u.ID).Updates(map[string]any{"password_hash": hash, "updated_at": now}).Error; err != nil {
		return err
	}
	return endAccess(tx, u.ID, now)
}

// AuditUser records one change to an account made outside UpdateUser (a
// password set from the command line); actor nil means the command line.
func AuditUser(ctx context.Context, db *gorm.DB, actor *User, email, field, before, after string, now time.Time) error {
	e := AuditEntry{Subject: userSubject(NormalizeEmail(email)), Kind: "user", Field: field, BeforeValue: before, AfterValue: after,
		AuthorName: CommandLineAuthor, CreatedAt: now}
	if actor != nil {
		e.UserID, e.AuthorName = &actor.ID, actor.Name
	}
	return db.WithContext(ctx).Create(&e).Error
}

// UserAudit is the history of changes to an account, newest first (bounded).
func UserAudit(ctx context.Context, db *gorm.DB, email string) ([]AuditEntry, error) {
	var out []AuditEntry
	err := db.WithContext(ctx).Where("subject = ? AND kind = ?", userSubject(NormalizeEmail(email)), "user").
		Order("id DESC").Limit(100).Find(&out).Error
	return out, err
}

// FindUserByID loads a user with their lead roles and boards.
func FindUserByID(ctx context.Context, db *gorm.DB, id uint) (*User, error) {
	var u User
	err := db.WithContext(ctx).Select("email").Take(&u, id).Error
	if err != nil {
		return nil, NotFoundAs(err, ErrNotFound)
	}
	return FindUserByEmail(ctx, db, u.Email)
}
