package models

import (
	"context"
	"slices"
	"strings"

	"gorm.io/gorm"
)

// UserBoard records that a user sits on a governance board.
type UserBoard struct {
	UserID  uint `gorm:"primaryKey"`
	BoardID uint `gorm:"primaryKey"`
}

// MemberOfBoard reports whether the user may act for boardID: a board-role
// member of that board, or an admin (who acts for every board).
func (u *User) MemberOfBoard(boardID uint) bool {
	if u.AtLeast(RoleAdmin) {
		return true
	}
	if !u.AtLeast(RoleBoard) {
		return false
	}
	return slices.ContainsFunc(u.Boards, func(b Board) bool { return b.ID == boardID })
}

// GovernsAction reports whether the user may act as governance for a: an
// admin, or a board-role member of one of the boards that monitor a (a.Boards
// must be loaded).
func (u *User) GovernsAction(a *Action) bool {
	if u.AtLeast(RoleAdmin) {
		return true
	}
	return slices.ContainsFunc(a.Boards, func(b Board) bool { return u.MemberOfBoard(b.ID) })
}

// BoardNames lists the names of the boards the user sits on.
func (u *User) BoardNames() []string {
	out := make([]string, len(u.Boards))
	for i, b := range u.Boards {
		out[i] = b.Name
	}
	return out
}

// ResolveBoards turns board names or slugs into boards; an unknown one is an
// error that lists the boards there are. Only board members and admins sit on
// boards: a viewer or lead given one is told so rather than silently ignored.
func ResolveBoards(tx *gorm.DB, role string, names []string) ([]Board, error) {
	if len(names) == 0 {
		return nil, nil
	}
	if role != RoleBoard && role != RoleAdmin {
		return nil, Invalid("board", "only board members and admins sit on boards; give the role board")
	}
	var all []Board
	if err := tx.Order("name").Limit(maxReferenceRows).Find(&all).Error; err != nil {
		return nil, err
	}
	var out []Board
	for _, n := range names {
		n = strings.TrimSpace(n)
		i := slices.IndexFunc(all, func(b Board) bool { return strings.EqualFold(b.Name, n) || b.Slug == n })
		if i < 0 {
			valid := make([]string, len(all))
			for j, b := range all {
				valid[j] = b.Name
			}
			return nil, Invalid("board", "%q is not a governance board; use one of: %s", n, strings.Join(valid, "; "))
		}
		if !slices.ContainsFunc(out, func(b Board) bool { return b.ID == all[i].ID }) {
			out = append(out, all[i])
		}
	}
	return out, nil
}

// membershipRow is one lead role or board of a user, read together in one query.
type membershipRow struct {
	Kind    string
	ID      uint
	Name    string
	Slug    string
	Aliases string
}

// loadMemberships fills u.Leads and u.Boards with one query; only leads and
// above use them.
func loadMemberships(ctx context.Context, db *gorm.DB, u *User) error {
	if !u.AtLeast(RoleLead) {
		return nil
	}
	var rows []membershipRow
	err := db.WithContext(ctx).Raw(`
SELECT 'lead' AS kind, l.id, l.name, l.slug, l.aliases FROM leads l
	JOIN user_leads ul ON ul.lead_id = l.id WHERE ul.user_id = ?
UNION ALL
SELECT 'board' AS kind, b.id, b.name, b.slug, '' AS aliases FROM boards b
	JOIN user_boards ub ON ub.board_id = b.id WHERE ub.user_id = ?
ORDER BY 1, 3 LIMIT 2000`, u.ID, u.ID).Scan(&rows).Error
	if err != nil {
		return err
	}
	u.Leads, u.Boards = nil, nil
	for _, r := range rows {
		if r.Kind == "lead" {
			u.Leads = append(u.Leads, Lead{ID: r.ID, Name: r.Name, Slug: r.Slug, Aliases: r.Aliases})
		} else {
			u.Boards = append(u.Boards, Board{ID: r.ID, Name: r.Name, Slug: r.Slug})
		}
	}
	return nil
}
