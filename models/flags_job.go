package models

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"time"

	"gorm.io/gorm"
)

// FlagRunResult counts what one flag run changed, by kind.
type FlagRunResult struct {
	Raised   map[string]int
	Resolved map[string]int
}

// Summary is the one line a job run records, e.g. "3 flags raised, 1 resolved".
func (r FlagRunResult) Summary() string {
	raised, resolved := 0, 0
	for _, k := range FlagKinds {
		raised += r.Raised[k]
		resolved += r.Resolved[k]
	}
	s := fmt.Sprintf("%d %s raised, %d resolved", raised, Plural(raised, "flag", "flags"), resolved)
	if raised+resolved == 0 {
		return s
	}
	s += " ("
	for i, k := range FlagKinds {
		if i > 0 {
			s += "; "
		}
		s += fmt.Sprintf("%s +%d -%d", k, r.Raised[k], r.Resolved[k])
	}
	return s + ")"
}

// RunFlags raises and resolves flags for every action as of now, in one
// transaction, by the rules in flagSince; the daily job calls it for the
// passage of time. Running it again at the same instant changes nothing;
// resolved flags stay as history. Its statements do not grow with the plan
// beyond one per flagBatch rows written.
func RunFlags(ctx context.Context, db *gorm.DB, now time.Time, loc *time.Location, updateOverdueDays int) (FlagRunResult, error) {
	cfg := FlagConfig{Location: loc, UpdateOverdueDays: updateOverdueDays}
	res := newFlagRunResult()
	if err := cfg.validate(); err != nil {
		return res, err
	}
	err := db.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		var err error
		res, err = evaluateFlags(tx, now, cfg, flagScope{})
		return err
	})
	if err != nil {
		return newFlagRunResult(), err
	}
	return res, nil
}

// ReevaluateActionFlags brings one action's flags up to date as of now. Every
// write to an action calls it inside its own transaction, so the flags a
// page, the API or a pack shows follow the work rather than the daily job.
func ReevaluateActionFlags(tx *gorm.DB, actionID uint, now time.Time, cfg FlagConfig) error {
	if err := cfg.validate(); err != nil {
		return err
	}
	if actionID == 0 {
		return Invalid("action", "no action to re-evaluate")
	}
	_, err := evaluateFlags(tx.Session(&gorm.Session{NewDB: true}), now, cfg, flagScope{actionID: actionID})
	return err
}

// ReevaluatePlanFlags brings the flags of every action of a plan up to date
// as of now, in tx: an import writes many actions at once and calls it so
// they show their flags before the daily job runs.
func ReevaluatePlanFlags(tx *gorm.DB, planID uint, now time.Time, cfg FlagConfig) (FlagRunResult, error) {
	if err := cfg.validate(); err != nil {
		return newFlagRunResult(), err
	}
	if planID == 0 {
		return newFlagRunResult(), Invalid("plan", "no plan to re-evaluate")
	}
	return evaluateFlags(tx.Session(&gorm.Session{NewDB: true}), now, cfg, flagScope{planID: planID})
}

// flagScope is what a flag run covers: one action, one plan's actions, or
// (both zero) every action.
type flagScope struct{ actionID, planID uint }

// where is the scope's condition on the actions table as alias, and its
// arguments; "" for every action.
func (s flagScope) where(alias string) (string, []any) {
	switch {
	case s.actionID != 0:
		return alias + ".id = ?", []any{s.actionID}
	case s.planID != 0:
		return alias + ".plan_id = ?", []any{s.planID}
	}
	return "", nil
}

func newFlagRunResult() FlagRunResult {
	return FlagRunResult{Raised: map[string]int{}, Resolved: map[string]int{}}
}

// flagBatch bounds the ids or rows one statement writes.
const flagBatch = 500

type flagKey struct {
	ActionID uint
	Kind     string
}

type openFlag struct {
	ID    uint
	Since string
}

// evaluateFlags applies flagSince to the actions in scope,
// comparing with the open flags: open ones whose condition has gone are
// resolved, new ones raised, and the since of the others corrected when the
// plan's dates behind them were revised.
func evaluateFlags(tx *gorm.DB, now time.Time, cfg FlagConfig, scope flagScope) (FlagRunResult, error) {
	res := newFlagRunResult()
	open, err := loadOpenFlags(tx, scope)
	if err != nil {
		return res, err
	}
	today, at := flagToday(now, cfg), now.UTC()
	raise := map[string][]Flag{}
	resolve := map[string][]uint{}
	resince := map[string][]uint{}
	err = eachFlagFacts(tx, scope, func(a flagFacts) {
		since := flagSince(a, cfg)
		for _, k := range FlagKinds {
			key := flagKey{a.ActionID, k}
			o, isOpen := open[key]
			delete(open, key)
			s, ok := since[k]
			switch due := ok && s <= today; {
			case due && !isOpen:
				raise[k] = append(raise[k], Flag{ActionID: a.ActionID, Kind: k, Since: s, RaisedAt: at})
			case due && o.Since != s:
				resince[s] = append(resince[s], o.ID)
			case !due && isOpen:
				resolve[k] = append(resolve[k], o.ID)
			}
		}
	})
	if err != nil {
		return res, err
	}
	for key, o := range open { // flags of kinds or actions the rules no longer know
		resolve[key.Kind] = append(resolve[key.Kind], o.ID)
	}
	for kind, ids := range resolve {
		for b := range slices.Chunk(ids, flagBatch) {
			r := tx.Exec("UPDATE flags SET resolved_at = ? WHERE resolved_at IS NULL AND id IN ?", at, b)
			if r.Error != nil {
				return res, fmt.Errorf("resolving %s flags: %w", kind, r.Error)
			}
			res.Resolved[kind] += int(r.RowsAffected)
		}
	}
	for s, ids := range resince {
		for b := range slices.Chunk(ids, flagBatch) {
			if err := tx.Exec("UPDATE flags SET since = ? WHERE id IN ?", s, b).Error; err != nil {
				return res, fmt.Errorf("dating flags: %w", err)
			}
		}
	}
	for _, kind := range FlagKinds {
		for b := range slices.Chunk(raise[kind], flagBatch) {
			n, err := insertFlags(tx, b)
			if err != nil {
				return res, fmt.Errorf("raising %s flags: %w", kind, err)
			}
			res.Raised[kind] += n
		}
	}
	return res, nil
}

// insertFlags raises flags in one statement. ON CONFLICT: a write to the
// action in another transaction may have raised the same flag since it was
// read; the partial unique index ux_flags_open keeps one open flag per action
// and kind.
func insertFlags(tx *gorm.DB, flags []Flag) (int, error) {
	var sb strings.Builder
	sb.WriteString("INSERT INTO flags (action_id, kind, since, raised_at) VALUES ")
	args := make([]any, 0, 4*len(flags))
	for i, f := range flags {
		if i > 0 {
			sb.WriteString(", ")
		}
		sb.WriteString("(?, ?, ?, ?)")
		args = append(args, f.ActionID, f.Kind, f.Since, f.RaisedAt)
	}
	sb.WriteString(" ON CONFLICT (action_id, kind) WHERE resolved_at IS NULL DO NOTHING")
	r := tx.Exec(sb.String(), args...)
	return int(r.RowsAffected), r.Error
}

// loadOpenFlags reads the open flags of the actions in scope.
func loadOpenFlags(tx *gorm.DB, scope flagScope) (map[flagKey]openFlag, error) {
	q := "SELECT id, action_id, kind, since FROM flags WHERE resolved_at IS NULL"
	var args []any
	switch {
	case scope.actionID != 0:
		q += " AND action_id = ?"
		args = append(args, scope.actionID)
	case scope.planID != 0:
		q += " AND action_id IN (SELECT id FROM actions WHERE plan_id = ?)"
		args = append(args, scope.planID)
	}
	rows, err := tx.Raw(q, args...).Rows()
	if err != nil {
		return nil, fmt.Errorf("reading open flags: %w", err)
	}
	defer rows.Close()
	out := map[flagKey]openFlag{}
	for rows.Next() {
		var k flagKey
		var o openFlag
		if err := rows.Scan(&o.ID, &k.ActionID, &k.Kind, &o.Since); err != nil {
			return nil, fmt.Errorf("reading open flags: %w", err)
		}
		out[k] = o
	}
	return out, rows.Err()
}

// eachFlagFacts streams what the rules read of the actions in scope.
func eachFlagFacts(tx *gorm.DB, scope flagScope, fn func(flagFacts)) error {
	q := `SELECT a.id, a.status, ` + startBySQL + `, a.due, a.last_update_at, a.created_at,
		CASE WHEN a.retired_at IS NULL THEN 0 ELSE 1 END FROM actions a`
	cond, args := scope.where("a")
	if cond != "" {
		q += " WHERE " + cond
	}
	rows, err := tx.Raw(q, args...).Rows()
	if err != nil {
		return fmt.Errorf("reading actions for flags: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var a flagFacts
		var created *time.Time
		var retired int
		if err := rows.Scan(&a.ActionID, &a.Status, &a.Start, &a.Due, &a.LastUpdateAt, &created, &retired); err != nil {
			return fmt.Errorf("reading actions for flags: %w", err)
		}
		if created != nil {
			a.CreatedAt = *created
		}
		a.Retired = retired == 1
		fn(a)
	}
	return rows.Err()
}
