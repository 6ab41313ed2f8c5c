package models

import (
	"strings"
	"testing"
)

// Text PostgreSQL cannot store (NUL, bytes that are not UTF-8) is a bad row
// with its line number, not a database error that aborts the whole import.
func TestParseFeedRefusesUnstorableText(t *testing.T) {
	csv := "kpi,period,value,commentary\n" +
		"sendiass.initial_enquiries,2025-26 Q1,371,fine\n" +
		"sendiass.initial_enquiries,2025-26 Q2,372,nul \x00 here\n" +
		"sendiass.initial_enquiries,2025-26 Q3,373,bad \xff byte\n"
	_, err := ParseFeed([]byte(csv), FeedCSV)
	rows := feedErr(t, err)
	if len(rows) != 2 || rows[0].Line != 3 || rows[1].Line != 4 {
		t.Fatalf("bad rows = %+v, want lines 3 and 4", rows)
	}
	for _, r := range rows {
		if !strings.Contains(r.Reason, "commentary: contains a NUL character or bytes that are not UTF-8") {
			t.Errorf("line %d: reason %q", r.Line, r.Reason)
		}
	}
	js := `{"figures":[{"kpi":"sendiass.initial_enquiries","period":"2025-26 Q1","value":1,"commentary":"a\u0000b"}]}`
	_, err = ParseFeed([]byte(js), FeedJSON)
	if rows = feedErr(t, err); len(rows) != 1 || !strings.Contains(rows[0].Reason, "commentary") {
		t.Fatalf("JSON bad rows = %+v", rows)
	}
}
