package models

import (
	"context"
	"strings"
	"time"
	"unicode/utf8"

	"gorm.io/gorm"
)

// Boards and leads are shared by every plan: one board governs actions in
// several plans, and a lead's actions span plans.

// cleanName trims a board or lead name and checks its length.
func cleanName(field, s string) (string, error) {
	if err := CheckName(field, s); err != nil {
		return "", err
	}
	s = strings.Join(strings.Fields(s), " ")
	switch {
	case s == "":
		return "", Invalid(field, "Enter the name")
	case utf8.RuneCountInString(s) > 200:
		return "", Invalid(field, "The name must be 200 characters or fewer")
	case Slugify(s) == "":
		return "", Invalid(field, "The name needs at least one letter or digit")
	}
	return s, nil
}

// SaveBoard adds a governance board (id 0) or renames one, audited.
func SaveBoard(ctx context.Context, db *gorm.DB, actor *User, id uint, name string, now time.Time) (*Board, error) {
	if !actor.AtLeast(RoleAdmin) {
		return nil, ErrForbidden
	}
	name, err := cleanName("name", name)
	if err != nil {
		return nil, err
	}
	var out *Board
	err = db.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		var old Board
		if id != 0 {
			if err := tx.Take(&old, id).Error; err != nil {
				return NotFoundAs(err, ErrNotFound)
			}
		}
		row := Board{ID: id, Name: name, Slug: Slugify(name)}
		var n int64
		if err := tx.Model(&Board{}).Where("id <> ? AND (LOWER(name) = ? OR slug = ?)", id, strings.ToLower(name), row.Slug).Count(&n).Error; err != nil {
			return err
		}
		if n > 0 {
			return Invalid("name", "There is already a board called %q", name)
		}
		if err := tx.Save(&row).Error; err != nil {
			return err
		}
		kind := "board_create"
		if id != 0 {
			kind = "board_edit"
		}
		au := NewAuditor(actor, kind, "board "+row.Name, nil, nil, now)
		au.Note("name", old.Name, row.Name)
		out = &row
		return au.Save(tx)
	})
	return out, err
}

// SaveLead adds a lead role (id 0) or changes one, audited. Aliases are other
// spellings plans use for the same role; an import matches them.
func SaveLead(ctx context.Context, db *gorm.DB, actor *User, id uint, name string, aliases []string, now time.Time) (*Lead, error) {
	if !actor.AtLeast(RoleAdmin) {
		return nil, ErrForbidden
	}
	name, err := cleanName("name", name)
	if err != nil {
		return nil, err
	}
	var clean []string
	for _, a := range aliases {
		if a = strings.Join(strings.Fields(a), " "); a != "" && a != name && !strings.Contains(a, "|") {
			clean = append(clean, a)
		}
	}
	var out *Lead
	err = db.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		var old Lead
		if id != 0 {
			if err := tx.Take(&old, id).Error; err != nil {
				return NotFoundAs(err, ErrNotFound)
			}
		}
		row := Lead{ID: id, Name: name, Slug: Slugify(name), Aliases: strings.Join(clean, "|")}
		var n int64
		if err := tx.Model(&Lead{}).Where("id <> ? AND (LOWER(name) = ? OR slug = ?)", id, strings.ToLower(name), row.Slug).Count(&n).Error; err != nil {
			return err
		}
		if n > 0 {
			return Invalid("name", "There is already a lead called %q", name)
		}
		if err := tx.Save(&row).Error; err != nil {
			return err
		}
		kind := "lead_create"
		if id != 0 {
			kind = "lead_edit"
		}
		au := NewAuditor(actor, kind, "lead "+row.Name, nil, nil, now)
		au.Note("name", old.Name, row.Name)
		au.Note("aliases", old.Aliases, row.Aliases)
		out = &row
		return au.Save(tx)
	})
	return out, err
}
