package models

import (
	"fmt"
	"time"
)

// ParseMonth checks a "YYYY-MM" month and returns its first day in UTC.
func ParseMonth(s string) (time.Time, error) {
	t, err := time.Parse("2006-01", s)
	if err != nil {
		return time.Time{}, fmt.Errorf("%q is not a month in the form YYYY-MM", s)
	}
	return t, nil
}

// MonthEnd is the first instant after month m ("YYYY-MM") ends, in loc: an
// "Initiate September 2019" action is overdue from this moment.
func MonthEnd(m string, loc *time.Location) (time.Time, error) {
	t, err := ParseMonth(m)
	if err != nil {
		return time.Time{}, err
	}
	return time.Date(t.Year(), t.Month()+1, 1, 0, 0, 0, 0, loc), nil
}

// MonthLabel formats "2019-09" as "September 2019"; other input is returned unchanged.
func MonthLabel(m string) string {
	t, err := ParseMonth(m)
	if err != nil {
		return m
	}
	return t.Format("January 2006")
}

// MonthFromWords parses "September 2019" into "2019-09".
func MonthFromWords(s string) (string, error) {
	t, err := time.Parse("January 2006", s)
	if err != nil {
		return "", fmt.Errorf("%q is not a month such as \"September 2019\"", s)
	}
	return t.Format("2006-01"), nil
}
