package models

import (
	"fmt"
	"regexp"
	"strconv"
	"time"
)

// Period is a UK financial year ("2024-25", April to March) or one of its
// quarters ("2024-25 Q1" is April to June 2024).
type Period struct {
	StartYear int // 2024 for 2024-25
	Quarter   int // 1-4, or 0 for the whole year
}

var periodRE = regexp.MustCompile(`^(\d{4})-(\d{2})(?: Q([1-4]))?$`)

// ParsePeriod parses "2024-25" or "2024-25 Q3"; the second year must follow the first.
func ParsePeriod(s string) (Period, error) {
	m := periodRE.FindStringSubmatch(s)
	if m == nil {
		return Period{}, fmt.Errorf("%q is not a period such as \"2024-25 Q1\" or \"2024-25\"", s)
	}
	start, _ := strconv.Atoi(m[1])
	end, _ := strconv.Atoi(m[2])
	if (start+1)%100 != end {
		return Period{}, fmt.Errorf("%q: a financial year runs from one year to the next, e.g. %d-%02d", s, start, (start+1)%100)
	}
	p := Period{StartYear: start}
	if m[3] != "" {
		p.Quarter, _ = strconv.Atoi(m[3])
	}
	return p, nil
}

// String formats the period the way the SENDIASS reports do.
func (p Period) String() string {
	s := fmt.Sprintf("%04d-%02d", p.StartYear, (p.StartYear+1)%100)
	if p.Quarter > 0 {
		s += fmt.Sprintf(" Q%d", p.Quarter)
	}
	return s
}

// SortKey orders periods in time; a whole year sorts after its fourth quarter.
func (p Period) SortKey() int {
	q := p.Quarter
	if q == 0 {
		q = 5
	}
	return p.StartYear*10 + q
}

// Start is the first day of the period.
func (p Period) Start() time.Time {
	q := p.Quarter
	if q == 0 {
		q = 1
	}
	return time.Date(p.StartYear, time.April+time.Month(3*(q-1)), 1, 0, 0, 0, 0, time.UTC)
}

// End is the first day after the period.
func (p Period) End() time.Time {
	if p.Quarter == 0 {
		return time.Date(p.StartYear+1, time.April, 1, 0, 0, 0, 0, time.UTC)
	}
	return p.Start().AddDate(0, 3, 0)
}

// Prev is the quarter (or year) before p.
func (p Period) Prev() Period {
	if p.Quarter == 0 {
		return Period{StartYear: p.StartYear - 1}
	}
	if p.Quarter == 1 {
		return Period{StartYear: p.StartYear - 1, Quarter: 4}
	}
	return Period{StartYear: p.StartYear, Quarter: p.Quarter - 1}
}

// NextQuarter is the quarter after quarter p.
func (p Period) NextQuarter() Period {
	if p.Quarter == 4 {
		return Period{StartYear: p.StartYear + 1, Quarter: 1}
	}
	return Period{StartYear: p.StartYear, Quarter: p.Quarter + 1}
}

// QuarterOf is the financial quarter containing t.
func QuarterOf(t time.Time) Period {
	m := int(t.Month())
	y := t.Year()
	if m < 4 {
		return Period{StartYear: y - 1, Quarter: 4}
	}
	return Period{StartYear: y, Quarter: (m-4)/3 + 1}
}
