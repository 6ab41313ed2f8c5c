package models

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"

	"gorm.io/gorm"
	"gorm.io/gorm/clause"
)

// ActionPage is one page of a filtered action list.
type ActionPage struct {
	Actions []Action
	Total   int64
	Next    string // the After value for the next page, "" on the last page
}

// ScopeActions applies f's selection to a query on the actions table. Unknown
// board or lead slugs are reported as invalid rather than matching nothing.
func ScopeActions(ctx context.Context, db *gorm.DB, planID uint, f ActionFilter) (*gorm.DB, error) {
	q, err := scopeAnyRetired(ctx, db, planID, f)
	if err != nil {
		return nil, err
	}
	if f.Retired {
		return q.Where("actions.retired_at IS NOT NULL"), nil
	}
	return q.Where("actions.retired_at IS NULL"), nil
}

// scopeAnyRetired is ScopeActions without the choice between current and
// retired actions, for counting both in one query.
func scopeAnyRetired(ctx context.Context, db *gorm.DB, planID uint, f ActionFilter) (*gorm.DB, error) {
	q := db.Where("actions.plan_id = ?", planID)
	if f.Milestone > 0 {
		q = q.Where("actions.milestone_id IN (SELECT id FROM milestones WHERE plan_id = ? AND section = ?)", planID, f.Milestone)
	}
	if f.Priority > 0 {
		q = q.Where("actions.priority_area_id IN (SELECT id FROM priority_areas WHERE plan_id = ? AND number = ?)", planID, f.Priority)
	}
	if err := resolveSlugs(ctx, db, &f); err != nil {
		return nil, err
	}
	if f.BoardID != 0 {
		q = q.Where("EXISTS (SELECT 1 FROM action_boards ab WHERE ab.action_id = actions.id AND ab.board_id = ?)", f.BoardID)
	}
	if f.LeadID != 0 {
		q = q.Where(leadMatch, f.LeadID)
	}
	if f.Status != "" {
		q = q.Where("actions.status = ?", f.Status)
	}
	switch f.SignOff {
	case SignOffAwaiting:
		q = q.Where("actions.status = ? AND actions.signed_off_at IS NULL", StatusComplete)
	case SignOffDone:
		q = q.Where("actions.status = ? AND actions.signed_off_at IS NOT NULL", StatusComplete)
	}
	switch f.RAG {
	case "":
	case "none":
		q = q.Where("actions.rag = ''")
	default:
		q = q.Where("actions.rag = ?", f.RAG)
	}
	switch f.Flag {
	case "":
	case "any":
		q = q.Where("EXISTS (SELECT 1 FROM flags f WHERE f.action_id = actions.id AND f.resolved_at IS NULL)")
	default:
		q = q.Where("EXISTS (SELECT 1 FROM flags f WHERE f.action_id = actions.id AND f.resolved_at IS NULL AND f.kind = ?)", f.Flag)
	}
	if f.Q != "" {
		pat := "%" + likeEscaper.Replace(strings.ToLower(f.Q)) + "%"
		q = q.Where(`(LOWER(actions.aim) LIKE ? ESCAPE '\' OR LOWER(actions.action_text) LIKE ? ESCAPE '\'
			OR LOWER(actions.impact_measure) LIKE ? ESCAPE '\' OR LOWER(actions.progress) LIKE ? ESCAPE '\'
			OR actions.number = ?)`, pat, pat, pat, pat, f.Q)
	}
	return q, nil
}

// resolveSlugs looks up board and lead slugs the caller has not already
// resolved (see Reference.Resolve).
func resolveSlugs(ctx context.Context, db *gorm.DB, f *ActionFilter) error {
	// A fresh statement for the lookups: chaining WithContext after
	// Session(NewDB) would bring back the caller's table and conditions.
	fresh := func() *gorm.DB { return db.Session(&gorm.Session{NewDB: true, Context: ctx}) }
	if f.Board != "" && f.BoardID == 0 {
		var b Board
		if err := fresh().Where("slug = ?", f.Board).Take(&b).Error; err != nil {
			return NotFoundAs(err, Invalid("board", "there is no governance board %q", f.Board))
		}
		f.BoardID = b.ID
	}
	if f.Lead != "" && f.LeadID == 0 {
		var l Lead
		if err := fresh().Where("slug = ?", f.Lead).Take(&l).Error; err != nil {
			return NotFoundAs(err, Invalid("lead", "there is no lead %q", f.Lead))
		}
		f.LeadID = l.ID
	}
	return nil
}

var likeEscaper = strings.NewReplacer(`\`, `\\`, `%`, `\%`, `_`, `\_`)

// NotFoundAs is replacement when err says no row was found, else err.
func NotFoundAs(err, replacement error) error {
	if errors.Is(err, gorm.ErrRecordNotFound) {
		return replacement
	}
	return err
}

// ListActionsRef returns one page of ref's plan's actions matching f, in
// numeric order, with milestone, priority area, lead, boards and open flags
// loaded in a fixed number of queries: each action's milestone, priority area
// and lead come from ref's lists rather than the database. total is the
// number matching f; pass it from CountActions to save a query, or -1 to have
// it counted.
func ListActionsRef(ctx context.Context, db *gorm.DB, ref *Reference, f ActionFilter, total int64) (ActionPage, error) {
	return listActions(ctx, db, ref.Plan.ID, ref, f, total)
}

func listActions(ctx context.Context, db *gorm.DB, planID uint, ref *Reference, f ActionFilter, total int64) (ActionPage, error) {
	db = db.WithContext(ctx)
	q, err := ScopeActions(ctx, db.Model(&Action{}), planID, f)
	if err != nil {
		return ActionPage{}, err
	}
	page := ActionPage{Total: total}
	if total < 0 {
		if err := q.Session(&gorm.Session{}).Count(&page.Total).Error; err != nil {
			return page, err
		}
	}
	if f.After != "" && f.numberOrder() {
		major, minor, _ := SplitNumber(f.After)
		q = q.Where("(actions.major > ? OR (actions.major = ? AND actions.minor > ?) OR (actions.major = ? AND actions.minor = ? AND actions.number > ?))",
			major, major, minor, major, minor, f.After)
	}
	limit := f.Limit
	if limit <= 0 || limit > MaxPageSize {
		limit = DefaultLimit
	}
	if f.Offset > 0 {
		q = q.Offset(f.Offset)
	}
	rows, err := q.Select(listColumns).Order(f.orderBy()).Limit(limit + 1).Rows()
	if err != nil {
		return page, fmt.Errorf("listing actions: %w", err)
	}
	if page.Actions, err = scanListRows(rows, limit+1); err != nil {
		return page, err
	}
	if err := fillRelated(ctx, db, ref, page.Actions); err != nil {
		return page, err
	}
	if err := attachBoardsAndFlags(ctx, db, page.Actions); err != nil {
		return page, err
	}
	if err := AttachLeads(ctx, db, page.Actions); err != nil {
		return page, err
	}
	if len(page.Actions) > limit {
		page.Actions = page.Actions[:limit]
		if f.numberOrder() && f.Offset == 0 {
			page.Next = page.Actions[limit-1].Number
		}
	}
	return page, nil
}

// FindAction loads one action by number with everything its page shows except
// the progress history (see ListUpdates).
func FindAction(ctx context.Context, db *gorm.DB, planID uint, number string) (*Action, error) {
	var a Action
	err := db.WithContext(ctx).Joins("Milestone").Joins("PriorityArea").Joins("Lead").Joins("SRO").
		Preload("Boards", func(tx *gorm.DB) *gorm.DB { return tx.Order("boards.name") }).
		Preload("Flags", func(tx *gorm.DB) *gorm.DB { return tx.Order("raised_at DESC") }).
		Where("actions.plan_id = ? AND actions.number = ?", planID, number).Take(&a).Error
	if errors.Is(err, gorm.ErrRecordNotFound) {
		return nil, ErrNotFound
	}
	if err != nil {
		return nil, err
	}
	one := []Action{a}
	if err := AttachLeads(ctx, db, one); err != nil {
		return nil, err
	}
	return &one[0], nil
}

// ListUpdates returns an action's progress history, newest first, at most limit.
func ListUpdates(ctx context.Context, db *gorm.DB, actionID uint, limit int) ([]ProgressUpdate, error) {
	var ups []ProgressUpdate
	err := db.WithContext(ctx).Where("action_id = ?", actionID).
		Order("update_date DESC, id DESC").Limit(limit).Find(&ups).Error
	return ups, err
}

// MyActions lists the current actions led by any of leadIDs, in planID or,
// when planID is 0, in every plan (a lead's actions span plans): those needing
// an update first (an open flag, or no update for overdueDays), then by plan
// and in numeric order.
func MyActions(ctx context.Context, db *gorm.DB, planID uint, leadIDs []uint, now time.Time, overdueDays int) ([]Action, error) {
	if len(leadIDs) == 0 {
		return nil, nil
	}
	cutoff := now.AddDate(0, 0, -overdueDays)
	var out []Action
	q := db.WithContext(ctx).Joins("Milestone").Joins("PriorityArea").Joins("Lead").Joins("SRO").
		Preload("Flags", "resolved_at IS NULL")
	if planID != 0 {
		q = q.Where("actions.plan_id = ?", planID)
	}
	err := q.Where(leadsMatch+" AND actions.status <> ? AND actions.retired_at IS NULL", leadIDs, StatusComplete).
		Order(clause.OrderBy{Expression: clause.Expr{SQL: `CASE WHEN EXISTS (SELECT 1 FROM flags f WHERE f.action_id = actions.id AND f.resolved_at IS NULL)
			OR actions.last_update_at IS NULL OR actions.last_update_at < ? THEN 0 ELSE 1 END, actions.plan_id, actions.major, actions.minor`,
			Vars: []any{cutoff}}}).Limit(MaxLimit).Find(&out).Error
	if err != nil {
		return nil, err
	}
	return out, AttachLeads(ctx, db, out)
}

// attachBoardsAndFlags loads the boards and open flags of a page of actions in
// one round trip, into plain rows: GORM's many-to-many preload takes two
// queries and most of a list request's allocations. Flags come first in the
// UNION so SQLite types its timestamp columns from flags.raised_at; boards sort
// by name, flags by id.
func attachBoardsAndFlags(ctx context.Context, db *gorm.DB, actions []Action) error {
	if len(actions) == 0 {
		return nil
	}
	ids := make([]uint, len(actions))
	at := make(map[uint]int, len(actions))
	for i := range actions {
		ids[i], at[actions[i].ID] = actions[i].ID, i
	}
	rows, err := db.Session(&gorm.Session{NewDB: true, Context: ctx}).Raw(`
		SELECT 1 AS k, f.action_id, f.id, '' AS name, '' AS slug, f.kind, f.since, f.raised_at, f.resolved_at
		FROM flags f WHERE f.action_id IN ? AND f.resolved_at IS NULL
		UNION ALL
		SELECT 0, ab.action_id, b.id, b.name, b.slug, '', '', NULL, NULL
		FROM action_boards ab JOIN boards b ON b.id = ab.board_id WHERE ab.action_id IN ?
		ORDER BY 1, 4, 3`, ids, ids).Rows()
	if err != nil {
		return fmt.Errorf("loading boards and flags: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var k int
		var actionID, id uint
		var name, slug, kind, since string
		var raisedAt, resolvedAt *time.Time
		if err := rows.Scan(&k, &actionID, &id, &name, &slug, &kind, &since, &raisedAt, &resolvedAt); err != nil {
			return fmt.Errorf("loading boards and flags: %w", err)
		}
		a := &actions[at[actionID]]
		if k == 0 {
			a.Boards = append(a.Boards, Board{ID: id, Name: name, Slug: slug})
			continue
		}
		f := Flag{ID: id, ActionID: actionID, Kind: kind, Since: since, ResolvedAt: resolvedAt}
		if raisedAt != nil {
			f.RaisedAt = *raisedAt
		}
		a.Flags = append(a.Flags, f)
	}
	return rows.Err()
}
