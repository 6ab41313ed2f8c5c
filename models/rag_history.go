package models

import (
	"context"
	"slices"
	"time"

	"gorm.io/gorm"
)

// PeriodRAG is where an action stood at the end of one review period (a
// financial quarter), as its updates say: the trackers areas keep have a RAG
// column per period.
type PeriodRAG struct {
	Period string `json:"period"` // "2025-26 Q1"
	Status string `json:"status"`
	RAG    string `json:"rag"`
}

// ragHistoryQuarters bounds the history to ten years of quarters.
const ragHistoryQuarters = 40

// RAGHistory is the action's status and RAG at the end of each quarter, newest
// first, from the quarter of its first update to the quarter containing now.
// At a quarter's end the latest update is the newest dated before it (by
// date, then by when it was saved), the rule the action page uses.
func RAGHistory(ctx context.Context, db *gorm.DB, actionID uint, now time.Time) ([]PeriodRAG, error) {
	current := QuarterOf(now)
	first := current
	for range ragHistoryQuarters - 1 {
		first = first.Prev()
	}
	type row struct {
		UpdateDate  time.Time
		Status, RAG string
	}
	// One query, newest first: the updates in the window and those before it,
	// of which only the newest counts (the standing at the window's start).
	var ups []row
	if err := db.WithContext(ctx).Model(&ProgressUpdate{}).Select("update_date, status, rag").
		Where("action_id = ? AND update_date < ?", actionID, current.End()).
		Order("update_date DESC, id DESC").Limit(10000).Find(&ups).Error; err != nil {
		return nil, err
	}
	for i, u := range ups {
		if u.UpdateDate.Before(first.Start()) {
			ups = ups[:i+1]
			break
		}
	}
	slices.Reverse(ups)
	if len(ups) == 0 {
		return nil, nil
	}
	start := QuarterOf(ups[0].UpdateDate)
	if start.SortKey() < first.SortKey() {
		start = first
	}
	var out []PeriodRAG
	i, cur := 0, row{}
	for p := start; p.SortKey() <= current.SortKey(); p = p.NextQuarter() {
		for i < len(ups) && ups[i].UpdateDate.Before(p.End()) {
			cur = ups[i]
			i++
		}
		out = append(out, PeriodRAG{Period: p.String(), Status: cur.Status, RAG: cur.RAG})
	}
	for l, r := 0, len(out)-1; l < r; l, r = l+1, r-1 {
		out[l], out[r] = out[r], out[l]
	}
	return out, nil
}
