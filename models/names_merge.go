package models

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"time"

	"gorm.io/gorm"
)

// MergeCount is one kind of record a merge moves and how many.
type MergeCount struct {
	What string
	N    int64
}

// MergePreview is what merging one lead role (or board) into another moves.
type MergePreview struct {
	From, Into string // names
	Counts     []MergeCount
}

// mergeStep is one statement of a merge, with the count the preview shows.
type mergeStep struct {
	what  string // "" for a statement the preview does not count
	count string // SELECT COUNT(*) … with the from id as its only argument
	run   []string
}

// leadMergeSteps move everything that names lead from (?1) to lead into (?2).
// An action or user holding both keeps one.
var leadMergeSteps = []mergeStep{
	{what: "actions led", count: "SELECT COUNT(*) FROM action_leads WHERE lead_id = ?", run: []string{
		"DELETE FROM action_leads WHERE lead_id = @from AND action_id IN (SELECT action_id FROM action_leads WHERE lead_id = @into)",
		"UPDATE action_leads SET lead_id = @into WHERE lead_id = @from",
		// action_leads holds into already, so the trigger keeps the other leads.
		"UPDATE actions SET lead_id = @into WHERE lead_id = @from"}},
	{what: "actions with it as senior responsible officer", count: "SELECT COUNT(*) FROM actions WHERE sro_id = ?", run: []string{
		"UPDATE actions SET sro_id = @into WHERE sro_id = @from"}},
	{what: "people holding the role", count: "SELECT COUNT(*) FROM user_leads WHERE lead_id = ?", run: []string{
		"DELETE FROM user_leads WHERE lead_id = @from AND user_id IN (SELECT user_id FROM user_leads WHERE lead_id = @into)",
		"UPDATE user_leads SET lead_id = @into WHERE lead_id = @from"}},
	{what: "update round requests", count: "SELECT COUNT(*) FROM round_actions WHERE lead_id = ?", run: []string{
		"UPDATE round_actions SET lead_id = @into WHERE lead_id = @from"}},
	{what: "open flags on those actions", count: `SELECT COUNT(*) FROM flags WHERE resolved_at IS NULL
		AND action_id IN (SELECT action_id FROM action_leads WHERE lead_id = ?)`},
}

// boardMergeSteps move everything that names board from to board into. The
// assignment history moves with the assignments, so past quarters' packs of
// the board that remains cover what either governed; stored packs and
// sign-offs keep the name they were made under.
var boardMergeSteps = []mergeStep{
	{what: "actions governed", count: "SELECT COUNT(*) FROM action_boards WHERE board_id = ?", run: []string{
		"DELETE FROM action_boards WHERE board_id = @from AND action_id IN (SELECT action_id FROM action_boards WHERE board_id = @into)",
		"UPDATE action_boards SET board_id = @into WHERE board_id = @from"}},
	{what: "assignment history entries", count: "SELECT COUNT(*) FROM action_board_history WHERE board_id = ?", run: []string{
		"UPDATE action_board_history SET board_id = @into WHERE board_id = @from"}},
	{what: "board members", count: "SELECT COUNT(*) FROM user_boards WHERE board_id = ?", run: []string{
		"DELETE FROM user_boards WHERE board_id = @from AND user_id IN (SELECT user_id FROM user_boards WHERE board_id = @into)",
		"UPDATE user_boards SET board_id = @into WHERE board_id = @from"}},
	{what: "update rounds", count: "SELECT COUNT(*) FROM rounds WHERE board_id = ?", run: []string{
		"UPDATE rounds SET board_id = @into WHERE board_id = @from"}},
	{what: "sign-offs", count: "SELECT COUNT(*) FROM signoffs WHERE board_id = ?", run: []string{
		"UPDATE signoffs SET board_id = @into WHERE board_id = @from"}},
	{what: "stored packs", count: "SELECT COUNT(*) FROM governance_packs WHERE board_id = ?", run: []string{
		"UPDATE governance_packs SET board_id = @into WHERE board_id = @from"}},
	{what: "open flags on those actions", count: `SELECT COUNT(*) FROM flags WHERE resolved_at IS NULL
		AND action_id IN (SELECT action_id FROM action_boards WHERE board_id = ?)`},
}

func countMerge(tx *gorm.DB, steps []mergeStep, from uint) ([]MergeCount, error) {
	out := make([]MergeCount, 0, len(steps))
	for _, s := range steps {
		var n int64
		if err := tx.Raw(s.count, from).Scan(&n).Error; err != nil {
			return nil, fmt.Errorf("counting %s: %w", s.what, err)
		}
		out = append(out, MergeCount{What: s.what, N: n})
	}
	return out, nil
}

// mergeNames loads the two rows a merge joins and checks them.
func mergeNames[T any](tx *gorm.DB, from, into uint, kind string) (*T, *T, error) {
	if from == 0 || into == 0 {
		return nil, nil, Invalid("from", "Choose the %s to merge and the one to keep", kind)
	}
	if from == into {
		return nil, nil, Invalid("into", "Choose a different %s to keep: a %s cannot be merged into itself", kind, kind)
	}
	var f, i T
	if err := tx.Take(&f, from).Error; err != nil {
		return nil, nil, NotFoundAs(err, Invalid("from", "Choose a %s from the list", kind))
	}
	if err := tx.Take(&i, into).Error; err != nil {
		return nil, nil, NotFoundAs(err, Invalid("into", "Choose a %s from the list", kind))
	}
	return &f, &i, nil
}

// PreviewLeadMerge says what merging lead role from into lead role into would move.
func PreviewLeadMerge(ctx context.Context, db *gorm.DB, from, into uint) (*MergePreview, error) {
	tx := db.WithContext(ctx)
	f, i, err := mergeNames[Lead](tx, from, into, "lead role")
	if err != nil {
		return nil, err
	}
	counts, err := countMerge(tx, leadMergeSteps, from)
	return &MergePreview{From: f.Name, Into: i.Name, Counts: counts}, err
}

// PreviewBoardMerge says what merging board from into board into would move.
func PreviewBoardMerge(ctx context.Context, db *gorm.DB, from, into uint) (*MergePreview, error) {
	tx := db.WithContext(ctx)
	f, i, err := mergeNames[Board](tx, from, into, "board")
	if err != nil {
		return nil, err
	}
	counts, err := countMerge(tx, boardMergeSteps, from)
	return &MergePreview{From: f.Name, Into: i.Name, Counts: counts}, err
}

// MergeLeads makes lead role from part of lead role into, in one transaction:
// its actions (as lead or SRO), the people holding it and its update round
// requests move to into, its name and other spellings become into's other
// spellings (so a later import matches them), and it is deleted. The audit
// log keeps what moved.
func MergeLeads(ctx context.Context, db *gorm.DB, actor *User, from, into uint, now time.Time) (*MergePreview, error) {
	if !actor.AtLeast(RoleAdmin) {
		return nil, ErrForbidden
	}
	var out *MergePreview
	err := db.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		f, i, err := mergeNames[Lead](tx, from, into, "lead role")
		if err != nil {
			return err
		}
		out = &MergePreview{From: f.Name, Into: i.Name}
		if out.Counts, err = runMerge(tx, leadMergeSteps, from, into); err != nil {
			return err
		}
		aliases := i.AliasList()
		for _, a := range append([]string{f.Name}, f.AliasList()...) {
			if !slices.ContainsFunc(aliases, func(x string) bool { return strings.EqualFold(x, a) }) && !strings.EqualFold(a, i.Name) {
				aliases = append(aliases, a)
			}
		}
		if err := tx.Model(&Lead{}).Where("id = ?", into).Update("aliases", strings.Join(aliases, "|")).Error; err != nil {
			return err
		}
		if err := tx.Delete(&Lead{}, from).Error; err != nil {
			return err
		}
		return auditMerge(tx, actor, "lead_merge", "lead "+i.Name, out, i.Aliases, strings.Join(aliases, "|"), now)
	})
	return out, err
}

// MergeBoards makes board from part of board into, in one transaction: its
// actions with their assignment history, members, update rounds, sign-offs
// and stored packs move to into, and it is deleted, audited.
func MergeBoards(ctx context.Context, db *gorm.DB, actor *User, from, into uint, now time.Time) (*MergePreview, error) {
	if !actor.AtLeast(RoleAdmin) {
		return nil, ErrForbidden
	}
	var out *MergePreview
	err := db.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		f, i, err := mergeNames[Board](tx, from, into, "board")
		if err != nil {
			return err
		}
		out = &MergePreview{From: f.Name, Into: i.Name}
		if out.Counts, err = runMerge(tx, boardMergeSteps, from, into); err != nil {
			return err
		}
		if err := tx.Delete(&Board{}, from).Error; err != nil {
			return err
		}
		return auditMerge(tx, actor, "board_merge", "board "+i.Name, out, "", "", now)
	})
	return out, err
}

// runMerge counts then runs each step.
func runMerge(tx *gorm.DB, steps []mergeStep, from, into uint) ([]MergeCount, error) {
	counts, err := countMerge(tx, steps, from)
	if err != nil {
		return nil, err
	}
	for _, s := range steps {
		for _, q := range s.run {
			if err := tx.Exec(q, map[string]any{"from": from, "into": into}).Error; err != nil {
				return nil, fmt.Errorf("merging %s: %w", s.what, err)
			}
		}
	}
	return counts, nil
}

func auditMerge(tx *gorm.DB, actor *User, kind, subject string, p *MergePreview, aliasesBefore, aliasesAfter string, now time.Time) error {
	au := NewAuditor(actor, kind, subject, nil, nil, now)
	au.Note("merged", p.From, p.Into)
	for _, c := range p.Counts {
		au.Note(c.What, "", fmt.Sprint(c.N))
	}
	au.Note("aliases", aliasesBefore, aliasesAfter)
	return au.Save(tx)
}
