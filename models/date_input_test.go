package models

import (
	"fmt"
	"testing"
	"time"
)

func TestDatePartsParse(t *testing.T) {
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

// TestValidateProgressFindsEveryProblem: one submission with several mistakes
// is told about all of them, in the order of the form's fields.
func TestValidateProgressFindsEveryProblem(t *testing.T) {
	now := time.Date(2026, 11, 23, 12, 0, 0, 0, time.UTC)
	in := ProgressInput{Status: StatusComplete, RAG: "green", EvidenceURL: "javascript:alert(1)",
		DateParts: &DateParts{Day: "31", Month: "2", Year: "2026"}}
	err := validateProgress(&in, StatusInProgress, now)
	fe, ok := AsFieldErrors(err)
	if !ok {
		t.Fatalf("not field errors: %v", err)
	}
	var fields []string
	for _, e := range fe {
		fields = append(fields, e.Field)
	}
	if got := fmt.Sprint(fields); got != "[narrative rag evidence evidence_url date]" {
		t.Fatalf("fields %s, want narrative, rag, evidence, evidence_url and date: %v", got, err)
	}
	if ie, _ := IsInvalid(err); ie.Field != "narrative" {
		t.Fatalf("the first InvalidError is %q, want narrative", ie.Field)
	}
}
