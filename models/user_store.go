package models

import (
	"context"
	"errors"
	"net/mail"
	"slices"
	"strings"
	"time"
	"unicode/utf8"

	"golang.org/x/crypto/bcrypt"
	"gorm.io/gorm"
)

// NewUser is what it takes to create an account.
type NewUser struct {
	Email    string
	Name     string
	Role     string
	Password string
	Leads    []string // lead role names or aliases, e.g. "DCO"
	Boards   []string // governance board names or slugs (board members)
}

// HashPassword hashes with bcrypt.
func HashPassword(p string) (string, error) {
	h, err := bcrypt.GenerateFromPassword([]byte(p), bcrypt.DefaultCost)
	return string(h), err
}

// CreateUser validates and stores a new account with its lead roles and boards,
// created as of now.
func CreateUser(ctx context.Context, db *gorm.DB, nu NewUser, now time.Time) (*User, error) {
	email := NormalizeEmail(nu.Email)
	if email == "" {
		return nil, Invalid("email", "Enter an email address")
	}
	if len(email) > MaxEmail {
		return nil, Invalid("email", "Email address must be %d characters or fewer", MaxEmail)
	}
	if _, err := mail.ParseAddress(email); err != nil || !strings.Contains(email, "@") {
		return nil, Invalid("email", "Enter an email address in the correct format, like name@example.com")
	}
	name := strings.TrimSpace(nu.Name)
	if name == "" {
		return nil, Invalid("name", "Enter the person's full name")
	}
	if err := CheckName("name", name); err != nil {
		return nil, err
	}
	if utf8.RuneCountInString(name) > MaxName {
		return nil, Invalid("name", "must be at most %d characters", MaxName)
	}
	if !slices.Contains(Roles, nu.Role) {
		return nil, Invalid("role", "%q is not a role; use one of %s", nu.Role, strings.Join(Roles, ", "))
	}
	if err := ValidatePassword(nu.Password); err != nil {
		return nil, err
	}
	hash, err := HashPassword(nu.Password)
	if err != nil {
		return nil, err
	}
	u := &User{Email: email, Name: name, Role: nu.Role, PasswordHash: hash, CreatedAt: now.UTC(), UpdatedAt: now.UTC()}
	err = db.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		leads, err := resolveLeads(tx, nu.Leads)
		if err != nil {
			return err
		}
		boards, err := ResolveBoards(tx, nu.Role, nu.Boards)
		if err != nil {
			return err
		}
		var n int64
		if err := tx.Model(&User{}).Where("email = ?", email).Count(&n).Error; err != nil {
			return err
		}
		if n > 0 {
			return Invalid("email", "an account with this email already exists")
		}
		if err := tx.Omit("Leads", "Boards").Create(u).Error; err != nil {
			return err
		}
		u.Leads, u.Boards = leads, boards
		for _, b := range boards {
			if err := tx.Create(&UserBoard{UserID: u.ID, BoardID: b.ID}).Error; err != nil {
				return err
			}
		}
		if len(leads) == 0 {
			return nil
		}
		return tx.Model(u).Association("Leads").Replace(leads)
	})
	if err != nil {
		return nil, err
	}
	return u, nil
}

// resolveLeads turns lead role names, aliases or slugs into lead roles; an
// unknown one is an error that lists the lead roles there are.
func resolveLeads(tx *gorm.DB, names []string) ([]Lead, error) {
	if len(names) == 0 {
		return nil, nil
	}
	var all []Lead
	if err := tx.Order("name").Limit(maxReferenceRows).Find(&all).Error; err != nil {
		return nil, err
	}
	var out []Lead
	for _, n := range names {
		n = strings.TrimSpace(n)
		i := slices.IndexFunc(all, func(l Lead) bool {
			return strings.EqualFold(l.Name, n) || l.Slug == n || slices.ContainsFunc(l.AliasList(), func(a string) bool { return strings.EqualFold(a, n) })
		})
		if i < 0 {
			valid := make([]string, len(all))
			for j, l := range all {
				valid[j] = l.Name
			}
			return nil, Invalid("lead", "%q is not a lead role in the plan; use one of: %s", n, strings.Join(valid, "; "))
		}
		if !slices.ContainsFunc(out, func(l Lead) bool { return l.ID == all[i].ID }) {
			out = append(out, all[i])
		}
	}
	return out, nil
}

// FindUserByEmail loads a user with their lead roles and boards.
func FindUserByEmail(ctx context.Context, db *gorm.DB, email string) (*User, error) {
	var u User
	err := db.WithContext(ctx).Preload("Leads").Preload("Boards", byName).Where("email = ?", NormalizeEmail(email)).Take(&u).Error
	if errors.Is(err, gorm.ErrRecordNotFound) {
		return nil, ErrNotFound
	}
	return &u, err
}

// byName orders a preloaded list by name.
func byName(db *gorm.DB) *gorm.DB { return db.Order("name") }

// ListUsers returns every account, with lead roles and boards, by email (bounded).
func ListUsers(ctx context.Context, db *gorm.DB) ([]User, error) {
	var us []User
	err := db.WithContext(ctx).Preload("Leads").Preload("Boards", byName).Order("email").Limit(10_000).Find(&us).Error
	return us, err
}

// CountUsers counts accounts.
func CountUsers(ctx context.Context, db *gorm.DB) (int64, error) {
	var n int64
	err := db.WithContext(ctx).Model(&User{}).Count(&n).Error
	return n, err
}

// dummyHash is compared against when the email is unknown, so a sign-in takes
// as long whether or not the account exists.
var dummyHash, _ = bcrypt.GenerateFromPassword([]byte("not a real password, only for timing"), bcrypt.DefaultCost)

// CheckPassword returns the user when email and password match an enabled
// account, else ErrInvalidLogin.
func CheckPassword(ctx context.Context, db *gorm.DB, email, password string) (*User, error) {
	u, err := FindUserByEmail(ctx, db, email)
	if errors.Is(err, ErrNotFound) {
		bcrypt.CompareHashAndPassword(dummyHash, []byte(password))
		return nil, ErrInvalidLogin
	}
	if err != nil {
		return nil, err
	}
	if bcrypt.CompareHashAndPassword([]byte(u.PasswordHash), []byte(password)) != nil || u.Disabled || u.Pending {
		return nil, ErrInvalidLogin
	}
	return u, nil
}

// ErrInvalidLogin is the one message for every failed sign-in, so it does not
// reveal whether the email exists.
var ErrInvalidLogin = errors.New("the email or password is not right")
