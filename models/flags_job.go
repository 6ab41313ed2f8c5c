package models

import (
	"context"
	"fmt"
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
	s := fmt.Sprintf("%d %s raised, %d resolved", raised, plural(raised, "flag", "flags"), resolved)
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

func plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}

// flagRule is the condition, on actions aliased a, under which a flag of Kind
// should be open. Args fill its placeholders.
type flagRule struct {
	Kind string
	Cond string
	Args []any
}

// flagRules states PRODUCT.md's rules at instant now. Months compare as
// "YYYY-MM" strings: an action to initiate in August 2019 is overdue once the
// month in loc is September 2019 or later, i.e. from 1 September 00:00 London
// time. Update overdue counts from the last update, or from when the action
// was added if it never had one; complete actions need no updates.
func flagRules(now time.Time, loc *time.Location, updateOverdueDays int) []flagRule {
	local := now.In(loc)
	month := local.Format("2006-01")
	cutoff := local.AddDate(0, 0, -updateOverdueDays).UTC()
	return []flagRule{
		{FlagOverdueInitiation, "a.status = ? AND a.initiate_by IS NOT NULL AND a.initiate_by < ?",
			[]any{StatusNotStarted, month}},
		{FlagMilestonePassed, "a.status <> ? AND EXISTS (SELECT 1 FROM milestones m WHERE m.id = a.milestone_id AND m.due < ?)",
			[]any{StatusComplete, month}},
		{FlagUpdateOverdue, "a.status <> ? AND COALESCE(a.last_update_at, a.created_at) < ?",
			[]any{StatusComplete, cutoff}},
	}
}

// RunFlags raises and resolves flags for every action as of now, in two
// statements per kind inside one transaction: resolve the open flags whose
// cause has gone, then raise those newly due. Running it again at the same
// instant changes nothing; resolved flags stay as history.
func RunFlags(ctx context.Context, db *gorm.DB, now time.Time, loc *time.Location, updateOverdueDays int) (FlagRunResult, error) {
	res := FlagRunResult{Raised: map[string]int{}, Resolved: map[string]int{}}
	if updateOverdueDays < 1 {
		return res, Invalid("update_overdue_days", "must be at least 1, got %d", updateOverdueDays)
	}
	at := now.UTC()
	err := db.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		for _, r := range flagRules(now, loc, updateOverdueDays) {
			resolve := tx.Exec(`UPDATE flags SET resolved_at = ?
				WHERE resolved_at IS NULL AND kind = ?
				AND NOT EXISTS (SELECT 1 FROM actions a WHERE a.id = flags.action_id AND `+r.Cond+`)`,
				append([]any{at, r.Kind}, r.Args...)...)
			if resolve.Error != nil {
				return fmt.Errorf("resolving %s flags: %w", r.Kind, resolve.Error)
			}
			// The partial unique index ux_flags_open skips actions already
			// flagged; an anti-join here would scan the table it is filling.
			raise := tx.Exec(`INSERT INTO flags (action_id, kind, raised_at)
				SELECT a.id, ?, ? FROM actions a WHERE `+r.Cond+`
				ON CONFLICT (action_id, kind) WHERE resolved_at IS NULL DO NOTHING`,
				append([]any{r.Kind, at}, r.Args...)...)
			if raise.Error != nil {
				return fmt.Errorf("raising %s flags: %w", r.Kind, raise.Error)
			}
			res.Resolved[r.Kind], res.Raised[r.Kind] = int(resolve.RowsAffected), int(raise.RowsAffected)
		}
		return nil
	})
	if err != nil {
		return FlagRunResult{Raised: map[string]int{}, Resolved: map[string]int{}}, err
	}
	return res, nil
}

// OpenFlagCounts counts open flags by kind, for the dashboard and tests.
func OpenFlagCounts(ctx context.Context, db *gorm.DB) (map[string]int, error) {
	var rows []struct {
		Kind string
		N    int
	}
	err := db.WithContext(ctx).Model(&Flag{}).Select("kind, COUNT(*) AS n").
		Where("resolved_at IS NULL").Group("kind").Limit(len(FlagKinds) + 10).Scan(&rows).Error
	out := map[string]int{}
	for _, r := range rows {
		out[r.Kind] = r.N
	}
	return out, err
}
