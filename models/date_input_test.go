package models

import (
	"fmt"
	"testing"
	"time"
)

func TestDatePartsParse(t *testing.T) {
	t.Parallel()
	cases := []struct {
		in   DateParts
		want string // the date, or the message
		bad  string // BadParts after a failure
	}{
		{DateParts{"22", "1", "2025"}, "2025-01-22", ""},
		{DateParts{" 01 ", "Jan", "2025"}, "2025-01-01", ""},
		{DateParts{"29", "2", "2024"}, "2024-02-29", ""},
		{DateParts{"", "", ""}, "Enter date of update", "[day month year]"},
		{DateParts{"22", "", "2025"}, "Date of update must include a month", "[month]"},
		{DateParts{"", "", "2025"}, "Date of update must include a day and month", "[day month]"},
		{DateParts{"30", "2", "2025"}, "Date of update must be a real date", "[day month year]"},
		{DateParts{"22", "13", "2025"}, "Date of update must be a real date", "[month]"},
		{DateParts{"x", "1", "2025"}, "Date of update must be a real date", "[day]"},
		{DateParts{"22", "1", "25"}, "Year must include 4 numbers", "[year]"},
	}
	for _, tc := range cases {
		got, err := tc.in.Parse("date", "Date of update")
		if err != nil {
			if err.Error() != "date: "+tc.want {
				t.Errorf("%+v: error %q, want %q", tc.in, err, tc.want)
			}
			if b := fmt.Sprint(tc.in.BadParts()); b != tc.bad {
				t.Errorf("%+v: bad parts %s, want %s", tc.in, b, tc.bad)
			}
			continue
		}
		if got.Format(time.DateOnly) != tc.want {
			t.Errorf("%+v: %s, want %s", tc.in, got.Format(time.DateOnly), tc.want)
		}
	}
}
