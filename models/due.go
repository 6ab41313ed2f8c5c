package models

import (
	"strings"
	"time"
)

// ParseDue checks a due date: a day "YYYY-MM-DD" or a month "YYYY-MM", or
// blank where the plan gives none.
func ParseDue(s string) (string, error) {
	s = strings.TrimSpace(s)
	if s == "" {
		return "", nil
	}
	if _, err := time.Parse("2006-01-02", s); err == nil && len(s) == 10 {
		return s, nil
	}
	if _, err := time.Parse("2006-01", s); err == nil && len(s) == 7 {
		return s, nil
	}
	return "", Invalid("due", "Enter the due date as a day (2025-03-31) or a month (2025-03)")
}

// DueLabel formats a due date as people read it: "31 March 2025" or
// "March 2025"; anything else is returned unchanged.
func DueLabel(due string) string {
	if t, err := time.Parse("2006-01-02", due); err == nil {
		return t.Format("2 January 2006")
	}
	return MonthLabel(due)
}

// DueText is how pages and packs state an action's due date, naming the
// original when it has been revised: "due 31 March 2025 (revised from 31
// January 2025)". It is "" when the action has no due date.
func (a *Action) DueText() string {
	if a.Due == "" {
		return ""
	}
	s := "due " + DueLabel(a.Due)
	if a.DueRevised() {
		s += " (revised from " + DueLabel(a.DueOriginal) + ")"
	}
	return s
}

// DueRevised reports whether the due date differs from the original one.
func (a *Action) DueRevised() bool { return a.DueOriginal != "" && a.Due != a.DueOriginal }
