package decision

import (
	"context"

	"gorm.io/gorm"

	"sendboard/models"
)

// Entry is a decision with what it links to, as the log lists it.
type Entry struct {
	Decision
	PlanSlug, PlanName string
	PlanDefault        bool
	AreaCode, AreaName string
	ActionNumber       string
}

// Log is a board's decisions, newest first, bounded, with how many there are
// and how many are still open.
type Log struct {
	Entries []Entry
	Total   int64
	Open    int64
}

// List reads the board's decision log with its links in one query, so the
// statements a page makes do not grow with its decisions. At most limit
// entries are read; Total says how many there are.
func List(ctx context.Context, db *gorm.DB, boardID uint, limit int) (*Log, error) {
	var out Log
	var counts []struct {
		Status string
		N      int64
	}
	if err := db.WithContext(ctx).Model(&Decision{}).Select("status, COUNT(*) AS n").Where("board_id = ?", boardID).
		Group("status").Scan(&counts).Error; err != nil {
		return nil, err
	}
	for _, c := range counts {
		out.Total += c.N
		if c.Status == StatusOpen {
			out.Open = c.N
		}
	}
	err := withLinks(db.WithContext(ctx)).Where("d.board_id = ?", boardID).
		// Open ones first, as the board has still to take them; then newest.
		Order("CASE WHEN d.status = 'open' THEN 0 ELSE 1 END, d.id DESC").
		Limit(limit).Scan(&out.Entries).Error
	if err != nil {
		return nil, err
	}
	return &out, nil
}

// Get is one decision with its links.
func Get(ctx context.Context, db *gorm.DB, boardID, id uint) (*Entry, error) {
	var out []Entry
	err := withLinks(db.WithContext(ctx)).Where("d.board_id = ? AND d.id = ?", boardID, id).Limit(1).Scan(&out).Error
	if err != nil {
		return nil, err
	}
	if len(out) == 0 {
		return nil, models.ErrNotFound
	}
	return &out[0], nil
}

// withLinks reads decisions with the plan, area and action they are about.
func withLinks(db *gorm.DB) *gorm.DB {
	return db.Table("decisions AS d").
		Select(`d.*, p.slug AS plan_slug, p.name AS plan_name, COALESCE(p.is_default, FALSE) AS plan_default,
			a.code AS area_code, a.title AS area_name, act.number AS action_number`).
		Joins("LEFT JOIN plans p ON p.id = d.plan_id").
		Joins("LEFT JOIN priority_areas a ON a.id = d.area_id").
		Joins("LEFT JOIN actions act ON act.id = d.action_id")
}

// CountOpen is how many of the board's decisions are still to be made.
func CountOpen(ctx context.Context, db *gorm.DB, boardID uint) (int64, error) {
	var n int64
	err := db.WithContext(ctx).Model(&Decision{}).Where("board_id = ? AND status = ?", boardID, StatusOpen).Count(&n).Error
	return n, err
}
