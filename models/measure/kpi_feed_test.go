package measure

import (
	"errors"
	"math"
	"strings"
	"testing"

	"sendboard/models"
)

func feedErr(t *testing.T, err error) []RowError {
	t.Helper()
	var fe *FeedError
	if !errors.As(err, &fe) {
		t.Fatalf("want a *FeedError, got %v", err)
	}
	return fe.Rows
}

func TestParseFeedGood(t *testing.T) {
	t.Parallel()
	csv := "\ufeffkpi,period,value,commentary\n" +
		"sendiass.initial_enquiries,2025-26 Q1,371,\n" +
		"\n" +
		"sendiass.response_within_5_days_pct, 2025-26 Q1 ,72.5,\"Triage officer now in post, at last\"\n"
	rows, err := ParseFeed([]byte(csv), FeedCSV)
	if err != nil {
		t.Fatal(err)
	}
	if len(rows) != 2 || rows[1].Line != 4 || rows[1].Value != 72.5 || rows[1].Period.String() != "2025-26 Q1" ||
		rows[1].Commentary != "Triage officer now in post, at last" {
		t.Fatalf("rows = %+v", rows)
	}
	js := `{"figures":[
  {"kpi":"sendiass.initial_enquiries","period":"2025-26 Q1","value":371,"commentary":""},
  {"kpi":"sendiass.initial_enquiries","period":"2025-26","value":1.5e3}
]}`
	rows, err = ParseFeed([]byte(js), FeedJSON)
	if err != nil {
		t.Fatal(err)
	}
	if len(rows) != 2 || rows[0].Line != 2 || rows[1].Line != 3 || rows[1].Value != 1500 || rows[1].Period.Quarter != 0 {
		t.Fatalf("rows = %+v", rows)
	}
}

func TestParseFeedReportsEveryBadRowWithItsLine(t *testing.T) {
	t.Parallel()
	csv := strings.Join([]string{
		"kpi,period,value,commentary",
		"sendiass.initial_enquiries,2025-26 Q1,371,",
		"sendiass.initial_enquiries,2025-26 Q5,10,",   // 3: malformed period
		"sendiass.initial_enquiries,2025-27 Q2,10,",   // 4: years not consecutive
		"sendiass.initial_enquiries,2025-26 Q2,lots,", // 5: not a number
		"sendiass.initial_enquiries,2025-26 Q1,372,",  // 6: duplicate of line 2
		",2025-26 Q3,1,", // 7: no kpi
		"sendiass.initial_enquiries,2025-26 Q3,NaN,", // 8: NaN is not a figure
	}, "\n")
	_, err := ParseFeed([]byte(csv), FeedCSV)
	rows := feedErr(t, err)
	wantLines := []int{3, 4, 5, 6, 7, 8}
	if len(rows) != len(wantLines) {
		t.Fatalf("bad rows = %+v, want lines %v", rows, wantLines)
	}
	for i, r := range rows {
		if r.Line != wantLines[i] {
			t.Errorf("bad row %d at line %d, want %d (%s)", i, r.Line, wantLines[i], r.Reason)
		}
	}
	for i, want := range []string{"period", "financial year", "not a number", "duplicate", "kpi: missing", "not a number"} {
		if !strings.Contains(rows[i].Reason, want) {
			t.Errorf("line %d: reason %q should mention %q", rows[i].Line, rows[i].Reason, want)
		}
	}

	js := `{"figures":[
 {"kpi":"sendiass.initial_enquiries","period":"2025-26 Q1","value":"371"},
 {"kpi":"sendiass.initial_enquiries","period":"Q1 2025","value":1},
 {"kpi":"sendiass.initial_enquiries","period":"2025-26 Q2","value":2},
 {"kpi":"sendiass.initial_enquiries","period":"2025-26 Q2","value":3},
 {"kpi":"sendiass.initial_enquiries","period":"2025-26 Q3"},
 ["not", "an", "object"]
]}`
	_, err = ParseFeed([]byte(js), FeedJSON)
	rows = feedErr(t, err)
	if len(rows) != 5 || rows[0].Line != 2 || rows[1].Line != 3 || rows[2].Line != 5 || rows[3].Line != 6 || rows[4].Line != 7 {
		t.Fatalf("JSON bad rows = %+v", rows)
	}
	if !strings.Contains(rows[0].Reason, "not a number") || !strings.Contains(rows[2].Reason, "duplicate") {
		t.Fatalf("JSON reasons = %+v", rows)
	}
}

func TestParseFeedBrokenFiles(t *testing.T) {
	t.Parallel()
	cases := []struct{ name, format, body, want string }{
		{"empty csv", FeedCSV, "", "empty"},
		{"no value column", FeedCSV, "kpi,period\nx,2024-25\n", `no "value" column`},
		{"header only", FeedCSV, "kpi,period,value\n", "no figures"},
		{"broken quote", FeedCSV, "kpi,period,value\n\"x,2024-25,1\n", "CSV syntax"},
		{"not json", FeedJSON, "[1,2]", "JSON syntax"},
		{"no figures", FeedJSON, `{"data":[]}`, "no \"figures\""},
		{"truncated", FeedJSON, "{\"figures\":[\n{\"kpi\":\"a\",", "JSON syntax"},
	}
	for _, c := range cases {
		_, err := ParseFeed([]byte(c.body), c.format)
		rows := feedErr(t, err)
		if len(rows) != 1 || !strings.Contains(rows[0].Reason, c.want) {
			t.Errorf("%s: %+v, want one row mentioning %q", c.name, rows, c.want)
		}
	}
	if _, err := ParseFeed([]byte("x"), "xml"); err == nil {
		t.Error("an unknown format should be refused")
	}
}

func TestDetectFormat(t *testing.T) {
	t.Parallel()
	cases := []struct{ name, ct, body, want string }{
		{"feed", "application/json; charset=utf-8", "kpi,period", FeedJSON},
		{"feed", "text/csv", "{", FeedCSV},
		{"figures.JSON", "", "", FeedJSON},
		{"figures.csv", "application/octet-stream", "{", FeedCSV},
		{"feed", "", "  \n{\"figures\":[]}", FeedJSON},
		{"feed", "", "kpi,period,value", FeedCSV},
	}
	for _, c := range cases {
		if got := DetectFormat(c.name, c.ct, []byte(c.body)); got != c.want {
			t.Errorf("DetectFormat(%q, %q, %q) = %s, want %s", c.name, c.ct, c.body, got, c.want)
		}
	}
}

// FuzzParseFeed checks that no input makes the parser panic, and that whatever
// it accepts is a well-formed figure; its seeds run with every `go test`.
func FuzzParseFeed(f *testing.F) {
	f.Add([]byte("kpi,period,value,commentary\nsendiass.initial_enquiries,2025-26 Q1,371,\n"), false)
	f.Add([]byte("kpi,period,value\na,2024-25,1e3\na,2024-25 Q4,-0\n"), false)
	f.Add([]byte("kpi,period,value\n\"a\"\"b\",2024-25,1\n"), false)
	f.Add([]byte(`{"figures":[{"kpi":"a","period":"2025-26 Q1","value":371,"commentary":""}]}`), true)
	f.Add([]byte(`{"x":1,"figures":[{"kpi":"a","period":"2025-26","value":1},{}]}`), true)
	f.Add([]byte(`{"figures":[`), true)
	f.Add([]byte("\ufeff{\"figures\":null}"), true)
	f.Fuzz(func(t *testing.T, body []byte, asJSON bool) {
		format := FeedCSV
		if asJSON {
			format = FeedJSON
		}
		rows, err := ParseFeed(body, format)
		var fe *FeedError
		if err != nil && !errors.As(err, &fe) {
			t.Fatalf("a feed error must be a *FeedError, got %T %v", err, err)
		}
		if fe != nil {
			for _, r := range fe.Rows {
				if r.Line < 1 || r.Reason == "" {
					t.Fatalf("bad row without line or reason: %+v", r)
				}
			}
		}
		seen := map[string]bool{}
		for _, r := range rows {
			if r.Line < 1 || r.KPI == "" || math.IsNaN(r.Value) || math.IsInf(r.Value, 0) {
				t.Fatalf("accepted a malformed row %+v", r)
			}
			if p, err := models.ParsePeriod(r.Period.String()); err != nil || p != r.Period {
				t.Fatalf("accepted period %v does not round-trip: %v", r.Period, err)
			}
			k := r.KPI + "|" + r.Period.String()
			if seen[k] && err == nil {
				t.Fatalf("accepted a duplicate %s", k)
			}
			seen[k] = true
		}
	})
}

// Text PostgreSQL cannot store (NUL, bytes that are not UTF-8) is a bad row
// with its line number, not a database error that aborts the whole import.
func TestParseFeedRefusesUnstorableText(t *testing.T) {
	t.Parallel()
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
