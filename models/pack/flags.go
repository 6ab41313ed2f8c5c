package pack

import (
	"cmp"
	"fmt"
	"slices"
	"time"

	"gorm.io/gorm"

	"sendboard/models"
)

// loadPackDues sets each action's due date to what it was at the quarter's
// end: a revision made since replaced it, and the first such revision says
// what it was before.
func loadPackDues(db *gorm.DB, p *Pack, scope actionScope) error {
	type row struct {
		ActionID uint
		FromDue  string
	}
	end := p.Quarter.End()
	where, args := scope.in("dr.action_id", end)
	var rows []row
	err := db.Raw(`SELECT action_id, from_due FROM (
		SELECT dr.action_id, dr.from_due, ROW_NUMBER() OVER (PARTITION BY dr.action_id ORDER BY dr.created_at, dr.id) AS rn
		FROM due_revisions dr WHERE dr.created_at >= ? AND `+where+`) first_after
		WHERE rn = 1 LIMIT ?`, append(args, MaxActions+1)...).Scan(&rows).Error
	if err != nil {
		return fmt.Errorf("reading due dates at the quarter's end: %w", err)
	}
	before := make(map[uint]string, len(rows))
	for _, r := range rows {
		before[r.ActionID] = r.FromDue
	}
	for i := range p.Actions {
		if d, ok := before[p.Actions[i].ID]; ok {
			p.Actions[i].Due = d
		}
	}
	return nil
}

// duePassed is the first instant after a due date ("2019-07-15") or due month
// ("2019-07"), from which an unfinished action's milestone has passed.
func duePassed(due string) (time.Time, bool) {
	if t, err := time.Parse("2006-01-02", due); err == nil {
		return t.AddDate(0, 0, 1), true
	}
	if t, err := models.MonthEnd(due, time.UTC); err == nil {
		return t, true
	}
	return time.Time{}, false
}

// loadPackFlags attaches the flags open at quarter end (true since before it
// and not resolved by then). The two rules that follow from the plan's dates hold
// whenever the flag job last ran: an action still not started after its
// initiate-by month counts as an overdue initiation, and one not complete at
// the quarter's end after the due date it had then as milestone passed.
func loadPackFlags(db *gorm.DB, p *Pack, scope actionScope) error {
	type row struct {
		ActionID uint
		Kind     string
	}
	end := p.Quarter.End()
	// A flag stood at the quarter's end if its condition had become true
	// before then (its since day, else when it was raised) and it was not
	// resolved by then, however late the flag job noticed it.
	where, args := scope.in("f.action_id", end.Format("2006-01-02"), end, end)
	var rows []row
	err := db.Table("flags f").Select("DISTINCT f.action_id, f.kind").
		Where("(f.since <> '' AND f.since < ? OR f.since = '' AND f.raised_at < ?) AND (f.resolved_at IS NULL OR f.resolved_at >= ?) AND "+where, args...).
		Order("f.action_id, f.kind").Limit(MaxFlags).Scan(&rows).Error
	if err != nil {
		return fmt.Errorf("loading flags: %w", err)
	}
	kinds := map[uint][]string{}
	for _, r := range rows {
		kinds[r.ActionID] = append(kinds[r.ActionID], r.Kind)
	}
	for i := range p.Actions {
		a := &p.Actions[i]
		// Every flag kind needs an unfinished action, and an overdue initiation
		// one not started: a flag whose since predates a completion is not kept
		// for a quarter the action ended complete.
		a.Flags = slices.DeleteFunc(kinds[a.ID], func(k string) bool {
			return a.Status == models.StatusComplete || k == models.FlagOverdueInitiation && a.Status != models.StatusNotStarted
		})
		// Not started after its start (a day or month, else the initiate-by month): one rule with the flag job's.
		if start := cmp.Or(a.Start, a.InitiateBy); a.Status == models.StatusNotStarted && start != "" && !slices.Contains(a.Flags, models.FlagOverdueInitiation) {
			if due, ok := duePassed(start); ok && due.Before(end) {
				a.Flags = append(a.Flags, models.FlagOverdueInitiation)
			}
		}
		if a.Status != models.StatusComplete && !slices.Contains(a.Flags, models.FlagMilestonePassed) {
			if from, ok := duePassed(a.Due); ok && from.Before(end) {
				a.Flags = append(a.Flags, models.FlagMilestonePassed)
			}
		}
		// Most urgent first, as FlagKinds lists them.
		slices.SortStableFunc(a.Flags, func(x, y string) int { return slices.Index(models.FlagKinds, x) - slices.Index(models.FlagKinds, y) })
	}
	return nil
}
