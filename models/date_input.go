package models

import (
	"strconv"
	"strings"
	"time"
)

// DateParts is a date as typed into the GOV.UK date input: day, month and
// year in separate boxes, kept as typed so a form can be shown again.
type DateParts struct {
	Day, Month, Year string
}

// DatePartsOf fills the three boxes from a date.
func DatePartsOf(t time.Time) DateParts {
	return DateParts{Day: strconv.Itoa(t.Day()), Month: strconv.Itoa(int(t.Month())), Year: strconv.Itoa(t.Year())}
}

// Blank reports whether nothing was typed.
func (p DateParts) Blank() bool {
	return strings.TrimSpace(p.Day) == "" && strings.TrimSpace(p.Month) == "" && strings.TrimSpace(p.Year) == ""
}

// monthNames lets people type "Jan" or "january" in the month box, as the
// GOV.UK pattern allows.
var monthNames = map[string]int{}

func init() {
	for m := time.January; m <= time.December; m++ {
		n := strings.ToLower(m.String())
		monthNames[n], monthNames[n[:3]] = int(m), int(m)
	}
	monthNames["sept"] = 9
}

// Parse reads the boxes as a calendar date (UTC midnight). label names the
// date in messages ("Date of the update"). The error is an InvalidError for
// field, worded as the GOV.UK date input pattern words it; BadParts says
// which boxes to highlight.
func (p DateParts) Parse(field, label string) (time.Time, error) {
	d, m, y, missing := p.numbers()
	switch {
	case len(missing) == 3:
		return time.Time{}, Invalid(field, "Enter %s", strings.ToLower(label[:1])+label[1:])
	case len(missing) > 0:
		return time.Time{}, Invalid(field, "%s must include a %s", label, strings.Join(missing, " and "))
	case y < 0 || len(strings.TrimSpace(p.Year)) != 4:
		return time.Time{}, Invalid(field, "Year must include 4 numbers")
	}
	t := time.Date(y, time.Month(m), d, 0, 0, 0, 0, time.UTC)
	if d < 1 || m < 1 || m > 12 || t.Day() != d {
		return time.Time{}, Invalid(field, "%s must be a real date", label)
	}
	return t, nil
}

// BadParts names the boxes ("day", "month", "year") to highlight after Parse
// failed: the missing or impossible ones, or all three when the date as a
// whole is wrong.
func (p DateParts) BadParts() []string {
	d, m, y, missing := p.numbers()
	if len(missing) > 0 && len(missing) < 3 {
		return missing
	}
	var bad []string
	if d < 1 || d > 31 {
		bad = append(bad, "day")
	}
	if m < 1 || m > 12 {
		bad = append(bad, "month")
	}
	if y < 0 || len(strings.TrimSpace(p.Year)) != 4 {
		bad = append(bad, "year")
	}
	if len(bad) == 0 {
		return []string{"day", "month", "year"}
	}
	return bad
}

// numbers reads each box; an unreadable box counts as -1, an empty one as missing.
func (p DateParts) numbers() (d, m, y int, missing []string) {
	read := func(s string) (int, bool) {
		s = strings.TrimSpace(s)
		if s == "" {
			return 0, false
		}
		if n, err := strconv.Atoi(s); err == nil {
			return n, true
		}
		if n, ok := monthNames[strings.ToLower(s)]; ok {
			return n, true
		}
		return -1, true
	}
	var ok bool
	if d, ok = read(p.Day); !ok {
		missing = append(missing, "day")
	}
	if m, ok = read(p.Month); !ok {
		missing = append(missing, "month")
	}
	if y, ok = read(p.Year); !ok {
		missing = append(missing, "year")
	}
	if _, isName := monthNames[strings.ToLower(strings.TrimSpace(p.Day))]; isName {
		d = -1
	}
	if _, isName := monthNames[strings.ToLower(strings.TrimSpace(p.Year))]; isName {
		y = -1
	}
	return d, m, y, missing
}
