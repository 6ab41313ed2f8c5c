package models

import (
	"time"
)

// flagFacts are the parts of an action the flag rules read.
type flagFacts struct {
	ActionID     uint
	Status       string
	Start        string // the action's StartBy: YYYY-MM or YYYY-MM-DD
	Due          string // YYYY-MM or YYYY-MM-DD
	LastUpdateAt *time.Time
	CreatedAt    time.Time
	Retired      bool
}

// DueDate is the action's current due month or date ("YYYY-MM" or
// "YYYY-MM-DD"), falling back to its milestone's month for an action built
// in memory without one.
func (a *Action) DueDate() string {
	if a.Due != "" {
		return a.Due
	}
	return a.Milestone.Due
}

// flagSince is the one statement of PRODUCT.md's flag rules: for each kind
// whose condition can hold for the action, the calendar day (in cfg's time
// zone, "YYYY-MM-DD") from which it holds. A flag is open while today is on
// or after its day. Every writer and the daily job go through this.
//
//   - overdue initiation: still not started; from the first day after its
//     start (StartBy: a start month or day, or the initiate-by month of
//     "Initiate September 2019" → 2019-10-01);
//   - milestone passed: not complete; from the first day after the due month
//     (July 2019 → 2019-08-01) or the day after a due date;
//   - update overdue: not complete; from the last update's date (or the day
//     the action was added, if it never had one) plus the configured days.
//
// A retired action has none: nothing is expected of it any more.
func flagSince(a flagFacts, cfg FlagConfig) map[string]string {
	out := make(map[string]string, len(FlagKinds))
	if a.Retired {
		return out
	}
	if a.Status == StatusNotStarted && a.Start != "" {
		if d, ok := dayAfter(a.Start); ok {
			out[FlagOverdueInitiation] = d
		}
	}
	if a.Status == StatusComplete {
		return out
	}
	if d, ok := dayAfter(a.Due); ok {
		out[FlagMilestonePassed] = d
	}
	last := a.CreatedAt
	if a.LastUpdateAt != nil {
		last = *a.LastUpdateAt
	}
	if !last.IsZero() {
		l := last.In(cfg.loc())
		out[FlagUpdateOverdue] = time.Date(l.Year(), l.Month(), l.Day()+cfg.UpdateOverdueDays, 0, 0, 0, 0, time.UTC).Format(time.DateOnly)
	}
	return out
}

// StartBy is when the action is due to start: its start day or month, else
// the month a document's "Initiate September 2019" gave it, else "". Work not
// started after it is an overdue initiation.
func (a *Action) StartBy() string {
	if a.Start != "" {
		return a.Start
	}
	if a.InitiateBy != nil {
		return *a.InitiateBy
	}
	return ""
}

// startBySQL is StartBy for a row of actions aliased a.
const startBySQL = "COALESCE(NULLIF(a.start_date, ''), a.initiate_by, '')"

// dayAfter is the first day after a month ("2019-07" → "2019-08-01") or a
// date ("2019-07-15" → "2019-07-16").
func dayAfter(due string) (string, bool) {
	if t, err := time.Parse(time.DateOnly, due); err == nil {
		return t.AddDate(0, 0, 1).Format(time.DateOnly), true
	}
	if t, err := time.Parse("2006-01", due); err == nil {
		return t.AddDate(0, 1, 0).Format(time.DateOnly), true
	}
	return "", false
}

// flagToday is now's calendar day in cfg's time zone, comparable with since.
func flagToday(now time.Time, cfg FlagConfig) string {
	return now.In(cfg.loc()).Format(time.DateOnly)
}
