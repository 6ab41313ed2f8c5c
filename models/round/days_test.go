package round_test

import (
	"testing"
	"time"

	"sendboard/models"
	"sendboard/models/round"
)

// The England and Wales bank holidays for 2025 to 2027 as GOV.UK publishes
// them (www.gov.uk/bank-holidays), including the substitute days when
// Boxing Day 2026 and Christmas and Boxing Day 2027 fall at a weekend.
var govukBankHolidays = []string{
	"2025-01-01", "2025-04-18", "2025-04-21", "2025-05-05", "2025-05-26", "2025-08-25", "2025-12-25", "2025-12-26",
	"2026-01-01", "2026-04-03", "2026-04-06", "2026-05-04", "2026-05-25", "2026-08-31", "2026-12-25", "2026-12-28",
	"2027-01-01", "2027-03-26", "2027-03-29", "2027-05-03", "2027-05-31", "2027-08-30", "2027-12-27", "2027-12-28",
}

func TestWorkingDaysFollowBankHolidays(t *testing.T) {
	t.Parallel()
	// Exactly GOV.UK's list: every other weekday from 2025 to 2027 is a working day.
	holiday := map[string]bool{}
	for _, d := range govukBankHolidays {
		holiday[d] = true
	}
	for d := time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC); d.Year() < 2028; d = d.AddDate(0, 0, 1) {
		date := d.Format(models.DateLayout)
		weekend := d.Weekday() == time.Saturday || d.Weekday() == time.Sunday
		if got, want := round.IsWorkingDay(date), !weekend && !holiday[date]; got != want {
			t.Errorf("%s (%s): working day %v, want %v", date, d.Weekday(), got, want)
		}
	}
	for _, d := range []string{"2026-12-24", "2026-12-29", "2027-03-25", "2027-03-30", "2027-08-31"} {
		if !round.IsWorkingDay(d) {
			t.Errorf("%s is a working day", d)
		}
	}
	if round.IsWorkingDay("2026-12-26") || round.IsWorkingDay("2026-12-27") {
		t.Error("a weekend counted as working days")
	}
	// Seven working days before Tuesday 5 January 2027 skip the weekends and
	// the bank holidays of 25 and 28 December and 1 January.
	cases := []struct {
		due  string
		n    int
		want string
	}{
		{"2027-01-05", 0, "2027-01-05"},
		{"2027-01-05", 2, "2026-12-31"},
		{"2027-01-05", 7, "2026-12-22"},
		{"2026-11-30", 2, "2026-11-26"}, // back over a weekend
		{"2027-03-31", 2, "2027-03-25"}, // back over Easter Monday and Good Friday
	}
	for _, c := range cases {
		if got := round.WorkingDaysBefore(c.due, c.n); got != c.want {
			t.Errorf("%d working days before %s = %s, want %s", c.n, c.due, got, c.want)
		}
	}
}
