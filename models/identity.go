package models

import (
	"context"
	"errors"
	"slices"
	"strings"
	"time"

	"gorm.io/gorm"
)

// Identity links an account to the subject (the provider's stable id for a
// person) of an OpenID Connect provider.
type Identity struct {
	ID           uint `gorm:"primaryKey"`
	Provider     string
	Subject      string
	UserID       uint
	Email        string
	CreatedAt    time.Time
	LastSignInAt time.Time
}

// TableName names the identities table.
func (Identity) TableName() string { return "user_identities" }

// SSOClaims is what a provider vouched for at sign-in, already checked
// (verified email, allowed domain and tenant) and mapped: Role is empty when
// no claim gave one.
type SSOClaims struct {
	Provider    string // the provider's id in the configuration
	DisplayName string // how the provider is named to people, for the audit
	Subject     string
	Email       string
	Name        string
	Role        string
	Leads       []string // lead role names
	Boards      []string // board names
}

// SSOOutcome says what a sign-in did to the account.
type SSOOutcome struct {
	Created bool // a new account
	Linked  bool // an existing account, first signed in with this provider
	Pending bool // waits for an administrator's approval: no session
}

// ErrAccountDisabled refuses a sign-in to a disabled account.
var ErrAccountDisabled = errors.New("this account is disabled")

// SSOSignIn finds or makes the account for claims in one transaction: the
// identity already linked; else the account with the same (verified) email,
// which is linked; else a new account with the role the claims give, or
// pending when they give none. When a claim gives a role it is applied on
// every sign-in (role, lead roles and boards become what the provider says),
// so removing someone from a group in the provider takes effect at their next
// sign-in; when none does, the account keeps what an administrator gave it.
// Each link, creation and change is audited as done by the sign-in.
func SSOSignIn(ctx context.Context, db *gorm.DB, cl SSOClaims, now time.Time) (*User, SSOOutcome, error) {
	var out SSOOutcome
	var user *User
	author := "sign-in with " + cl.DisplayName
	email := NormalizeEmail(cl.Email)
	err := db.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		var id Identity
		err := tx.Where("provider = ? AND subject = ?", cl.Provider, cl.Subject).Take(&id).Error
		switch {
		case err == nil:
			var u User
			if err := tx.Where("id = ?", id.UserID).Take(&u).Error; err != nil {
				return err
			}
			if u.Disabled {
				return ErrAccountDisabled
			}
			if err := tx.Model(&Identity{}).Where("id = ?", id.ID).
				Updates(map[string]any{"last_sign_in_at": now.UTC(), "email": email}).Error; err != nil {
				return err
			}
			user = &u
		case errors.Is(err, gorm.ErrRecordNotFound):
			u, err := FindUserByEmail(ctx, tx, email)
			switch {
			case err == nil:
				if u.Disabled {
					return ErrAccountDisabled
				}
				out.Linked = true
			case errors.Is(err, ErrNotFound):
				if u, err = createSSOUser(ctx, tx, cl, email, now); err != nil {
					return err
				}
				out.Created, out.Pending = true, u.Pending
			default:
				return err
			}
			if err := tx.Create(&Identity{Provider: cl.Provider, Subject: cl.Subject, UserID: u.ID, Email: email,
				CreatedAt: now.UTC(), LastSignInAt: now.UTC()}).Error; err != nil {
				return err
			}
			what := "linked to " + author
			if out.Created {
				what = "created by " + author
				if u.Pending {
					what += "; waits for approval"
				}
			}
			if err := tx.Create(&AuditEntry{Subject: userSubject(email), Kind: "user", Field: "single sign-on",
				AfterValue: what, AuthorName: author, CreatedAt: now.UTC()}).Error; err != nil {
				return err
			}
			user = u
		default:
			return err
		}
		if user.Pending {
			out.Pending = true
			return nil
		}
		if cl.Role == "" || out.Created {
			return nil
		}
		return applySSOClaims(ctx, tx, user, cl, author, now)
	})
	if err != nil {
		return nil, out, err
	}
	if out.Pending {
		return user, out, nil
	}
	if err := loadMemberships(ctx, db, user); err != nil {
		return nil, out, err
	}
	return user, out, nil
}

// createSSOUser makes the account a first sign-in brings, with a password
// nobody knows (a reset link gives one, where local passwords are allowed).
func createSSOUser(ctx context.Context, tx *gorm.DB, cl SSOClaims, email string, now time.Time) (*User, error) {
	name := strings.TrimSpace(cl.Name)
	if name == "" || CheckName("name", name) != nil {
		name = email
	}
	role, pending := cl.Role, false
	if role == "" {
		role, pending = RoleViewer, true
	}
	nu := NewUser{Email: email, Name: name, Role: role, Password: RandomPassword()}
	nu.Leads, nu.Boards = knownNames(ctx, tx, cl, role)
	u, err := CreateUser(ctx, tx, nu, now)
	if err != nil {
		return nil, err
	}
	if pending {
		if err := tx.Model(&User{}).Where("id = ?", u.ID).Update("pending", true).Error; err != nil {
			return nil, err
		}
		u.Pending = true
	}
	return u, nil
}

// applySSOClaims makes an existing account's role, lead roles and boards what
// the claims give. A change the account's rules refuse (the last
// administrator demoted, a board member with no board) leaves it as it was.
func applySSOClaims(ctx context.Context, tx *gorm.DB, u *User, cl SSOClaims, author string, now time.Time) error {
	leads, boards := knownNames(ctx, tx, cl, cl.Role)
	role := cl.Role
	ch := UserChange{Role: &role, Leads: &leads, Boards: &boards}
	err := tx.Transaction(func(tx *gorm.DB) error {
		_, _, err := updateUser(ctx, tx, nil, author, u.Email, ch, now)
		return err
	})
	if _, ok := IsInvalid(err); ok {
		return nil
	}
	if err == nil {
		u.Role = role
	}
	return err
}

// knownNames keeps the lead roles and boards of the claims that exist here
// (and boards only for roles that sit on them): a group mapped to a board
// since renamed does not stop anyone signing in.
func knownNames(ctx context.Context, tx *gorm.DB, cl SSOClaims, role string) (leads, boards []string) {
	for _, n := range cl.Leads {
		if l, err := resolveLeads(tx.WithContext(ctx), []string{n}); err == nil && len(l) == 1 {
			leads = append(leads, l[0].Name)
		}
	}
	if role != RoleBoard && role != RoleAdmin {
		return leads, nil
	}
	for _, n := range cl.Boards {
		if b, err := ResolveBoards(tx.WithContext(ctx), role, []string{n}); err == nil && len(b) == 1 && !slices.Contains(boards, b[0].Name) {
			boards = append(boards, b[0].Name)
		}
	}
	return leads, boards
}

// SessionProvider is the provider a session signed in with, or "".
func SessionProvider(ctx context.Context, db *gorm.DB, token string) (string, error) {
	var p []string
	err := db.WithContext(ctx).Model(&Session{}).Where("token_hash = ?", HashSecret(token)).Limit(1).Pluck("provider", &p).Error
	if err != nil || len(p) == 0 {
		return "", err
	}
	return p[0], nil
}

// MarkSessionProvider records that the session of token signed in with provider.
func MarkSessionProvider(ctx context.Context, db *gorm.DB, token, provider string) error {
	return db.WithContext(ctx).Model(&Session{}).Where("token_hash = ?", HashSecret(token)).Update("provider", provider).Error
}
