package models

import (
	"fmt"
	"testing"
	"time"
)

func TestValidateProgressWorkflow(t *testing.T) {
	t.Parallel()
	now := time.Date(2026, 11, 23, 12, 0, 0, 0, time.UTC)
	ok := func(status, rag string) ProgressInput {
		return ProgressInput{Narrative: "n", Status: status, RAG: rag, Evidence: "minutes of 3 June"}
	}
	cases := []struct {
		from  string
		in    ProgressInput
		field string // "" means valid
	}{
		{StatusNotStarted, ok(StatusInProgress, "green"), ""},
		{StatusNotStarted, ok(StatusNotStarted, "amber"), ""},
		{StatusNotStarted, ok(StatusComplete, "blue"), "status"},
		{StatusInProgress, ok(StatusComplete, "blue"), ""},
		{StatusInProgress, ok(StatusNotStarted, "red"), "status"},
		{StatusInProgress, ok(StatusComplete, "green"), "rag"},
		{StatusInProgress, ok(StatusInProgress, "blue"), "rag"},
		{StatusInProgress, ProgressInput{Narrative: "n", Status: StatusComplete, RAG: "blue"}, "evidence"},
		{StatusComplete, ok(StatusInProgress, "amber"), "reason"},
		{StatusComplete, ProgressInput{Narrative: "n", Status: StatusInProgress, RAG: "amber", Reason: "audit found gaps"}, ""},
		{StatusComplete, ProgressInput{Narrative: "n", Status: StatusNotStarted, RAG: "amber", Reason: "r"}, "status"},
		{StatusInProgress, ProgressInput{Status: StatusInProgress, RAG: "red"}, "narrative"},
		{StatusInProgress, ProgressInput{Narrative: "n", Status: "done", RAG: "red"}, "status"},
		{StatusInProgress, ProgressInput{Narrative: "n", Status: StatusInProgress}, "rag"},
		{StatusInProgress, ProgressInput{Narrative: "n", Status: StatusInProgress, RAG: "red", EvidenceURL: "ftp://x"}, "evidence_url"},
		{StatusInProgress, ProgressInput{Narrative: "n", Status: StatusInProgress, RAG: "red", Date: now.Add(48 * time.Hour)}, "date"},
	}
	for i, tc := range cases {
		in := tc.in
		err := validateProgress(&in, tc.from, now)
		ie, isInvalid := IsInvalid(err)
		switch {
		case tc.field == "" && err != nil:
			t.Errorf("case %d (%s -> %s): unexpected error %v", i, tc.from, tc.in.Status, err)
		case tc.field != "" && (!isInvalid || ie.Field != tc.field):
			t.Errorf("case %d (%s -> %s): got %v, want an error on %s", i, tc.from, tc.in.Status, err, tc.field)
		}
		if tc.field == "" && in.Date.IsZero() {
			t.Errorf("case %d: the date was not defaulted to today", i)
		}
	}
}

// TestValidateProgressFindsEveryProblem: one submission with several mistakes
// is told about all of them, in the order of the form's fields.
func TestValidateProgressFindsEveryProblem(t *testing.T) {
	t.Parallel()
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
