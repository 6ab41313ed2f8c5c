package models

import (
	"strings"

	"gorm.io/gorm"
)

// Names matches lead and board names as the plan model does: by name, slug
// or (leads) alias, ignoring case. A plan import reads its names against it.
type Names struct {
	leads, boards map[string]uint
	leadList      []Lead // as added, for Similar
	boardList     []Board
}

// NormName collapses the white space in a name, as names are stored.
func NormName(s string) string { return strings.Join(strings.Fields(s), " ") }

// LoadNames reads every lead and board into a Names.
func LoadNames(db *gorm.DB) (*Names, error) {
	var ls []Lead
	var bs []Board
	if err := db.Limit(maxReferenceRows * 10).Find(&ls).Error; err != nil {
		return nil, err
	}
	if err := db.Limit(maxReferenceRows * 10).Find(&bs).Error; err != nil {
		return nil, err
	}
	nm := &Names{leads: map[string]uint{}, boards: map[string]uint{}}
	for _, l := range ls {
		nm.AddLead(l)
	}
	for _, b := range bs {
		nm.AddBoard(b)
	}
	return nm, nil
}

// AddLead makes l known by its name, slug and aliases.
func (nm *Names) AddLead(l Lead) {
	nm.leads[strings.ToLower(l.Name)], nm.leads["slug:"+l.Slug] = l.ID, l.ID
	nm.leadList = append(nm.leadList, l)
	for _, a := range l.AliasList() {
		nm.leads[strings.ToLower(a)] = l.ID
	}
}

// AddBoard makes b known by its name and slug.
func (nm *Names) AddBoard(b Board) {
	nm.boards[strings.ToLower(b.Name)], nm.boards["slug:"+b.Slug] = b.ID, b.ID
	nm.boardList = append(nm.boardList, b)
}

// Lead is the id of the lead named n, or 0.
func (nm *Names) Lead(n string) uint {
	if id := nm.leads[strings.ToLower(n)]; id != 0 {
		return id
	}
	return nm.leads["slug:"+Slugify(n)]
}

// Board is the id of the board named n, or 0.
func (nm *Names) Board(n string) uint {
	if id := nm.boards[strings.ToLower(n)]; id != 0 {
		return id
	}
	return nm.boards["slug:"+Slugify(n)]
}

// Unknown lists the lead and board names nm does not know, each spelling of
// a name once, in the order given.
func (nm *Names) Unknown(leads, boards []string) (newLeads, newBoards []string) {
	seen := map[string]bool{}
	for _, n := range leads {
		if n = NormName(n); n != "" && nm.Lead(n) == 0 && !seen["l"+Slugify(n)] {
			seen["l"+Slugify(n)], newLeads = true, append(newLeads, n)
		}
	}
	for _, n := range boards {
		if n = NormName(n); n != "" && nm.Board(n) == 0 && !seen["b"+Slugify(n)] {
			seen["b"+Slugify(n)], newBoards = true, append(newBoards, n)
		}
	}
	return newLeads, newBoards
}
