package models

import (
	"time"
)

// Starts is the day the plan starts: its start date, or the document's date
// for a plan recorded without one.
func (p *Plan) Starts() time.Time {
	if t, err := time.Parse("2006-01-02", p.StartDate); err == nil {
		return t
	}
	return time.Date(p.Date.Year(), p.Date.Month(), p.Date.Day(), 0, 0, 0, 0, time.UTC)
}

// CheckPackQuarter accepts the quarters a pack can report on: from the one the
// plan starts in to the current one. A pack for a quarter outside that would
// report on nothing, or on a future that has not happened.
func CheckPackQuarter(p *Plan, q Period, now time.Time) error {
	first, last := QuarterOf(p.Starts()), QuarterOf(now)
	if q.SortKey() < first.SortKey() || q.SortKey() > last.SortKey() {
		return Invalid("quarter", "%s is outside the plan: packs cover the quarters from %s, when the plan started, to %s, the current one",
			q, first, last)
	}
	return nil
}

// checkUpdateDate refuses an update dated before the plan started: it cannot
// speak for a day the plan did not cover.
func checkUpdateDate(p *Plan, d time.Time) error {
	start := p.Starts()
	if d.Before(start) {
		return Invalid("date", "The date of the update cannot be before the plan started on %s", start.Format("2 January 2006"))
	}
	return nil
}

// ParseUpdateDate reads the date an update speaks for (YYYY-MM-DD). A year
// before 1900, such as 0001-01-01 (which would read as "no date" and become
// today), is refused rather than silently changed.
func ParseUpdateDate(s string) (time.Time, error) {
	d, err := time.Parse("2006-01-02", s)
	if err != nil {
		return time.Time{}, Invalid("date", "Enter the date as YYYY-MM-DD, for example 2026-11-23")
	}
	if d.Year() < 1900 {
		return time.Time{}, Invalid("date", "%s is not a date an update can speak for: it is long before the plan started", s)
	}
	return d, nil
}
