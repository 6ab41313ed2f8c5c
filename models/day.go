package models

import (
	"time"
)

// DateLayout is how a day is written and stored: YYYY-MM-DD.
const DateLayout = "2006-01-02"

// HumanDate writes a YYYY-MM-DD date the GOV.UK way: "15 January 2027".
func HumanDate(d string) string {
	t, err := time.Parse(DateLayout, d)
	if err != nil {
		return d
	}
	return t.Format("2 January 2006")
}
