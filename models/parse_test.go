package models

import (
	"errors"
	"net/url"
	"strings"
	"testing"
	"time"
)

func TestParsePeriod(t *testing.T) {
	t.Parallel()
	good := []struct {
		in        string
		want      Period
		start     string
		end       string
		prev      string
		sortAfter string // a period that sorts before in
	}{
		{"2024-25 Q1", Period{2024, 1}, "2024-04-01", "2024-07-01", "2023-24 Q4", "2023-24"},
		{"2024-25 Q2", Period{2024, 2}, "2024-07-01", "2024-10-01", "2024-25 Q1", "2024-25 Q1"},
		{"2024-25 Q4", Period{2024, 4}, "2025-01-01", "2025-04-01", "2024-25 Q3", "2024-25 Q3"},
		{"2024-25", Period{2024, 0}, "2024-04-01", "2025-04-01", "2023-24", "2024-25 Q4"},
		{"1999-00", Period{1999, 0}, "1999-04-01", "2000-04-01", "1998-99", "1998-99"},
	}
	for _, c := range good {
		p, err := ParsePeriod(c.in)
		if err != nil || p != c.want {
			t.Errorf("ParsePeriod(%q) = %+v, %v; want %+v", c.in, p, err, c.want)
			continue
		}
		if p.String() != c.in {
			t.Errorf("%q String() = %q", c.in, p.String())
		}
		if got := p.Start().Format("2006-01-02"); got != c.start {
			t.Errorf("%q Start = %s, want %s", c.in, got, c.start)
		}
		if got := p.End().Format("2006-01-02"); got != c.end {
			t.Errorf("%q End = %s, want %s", c.in, got, c.end)
		}
		if got := p.Prev().String(); got != c.prev {
			t.Errorf("%q Prev = %s, want %s", c.in, got, c.prev)
		}
		before, _ := ParsePeriod(c.sortAfter)
		if before.SortKey() >= p.SortKey() {
			t.Errorf("%q (%d) should sort after %q (%d)", c.in, p.SortKey(), c.sortAfter, before.SortKey())
		}
	}
	for _, bad := range []string{"", "2024", "2024-26", "2024-25 Q5", "2024-25 Q0", "2024-25Q1", "24-25 Q1", " 2024-25", "2024-25 q1"} {
		if p, err := ParsePeriod(bad); err == nil {
			t.Errorf("ParsePeriod(%q) = %+v, want an error", bad, p)
		}
	}
}

func TestQuarterOf(t *testing.T) {
	t.Parallel()
	cases := map[string]string{"2024-04-01": "2024-25 Q1", "2024-06-30": "2024-25 Q1", "2024-07-01": "2024-25 Q2",
		"2024-12-31": "2024-25 Q3", "2025-01-01": "2024-25 Q4", "2025-03-31": "2024-25 Q4"}
	for day, want := range cases {
		d, _ := time.Parse("2006-01-02", day)
		if got := QuarterOf(d).String(); got != want {
			t.Errorf("QuarterOf(%s) = %s, want %s", day, got, want)
		}
	}
}

func TestSplitNumber(t *testing.T) {
	t.Parallel()
	good := map[string][2]int{"1.1": {1, 1}, "1.10": {1, 10}, "3.17": {3, 17}, "2.1000": {2, 1000}, "0.0": {0, 0},
		"7": {7, 0}, "3.1a": {3, 1}, "3.1b": {3, 1}}
	for in, want := range good {
		a, b, err := SplitNumber(in)
		if err != nil || a != want[0] || b != want[1] {
			t.Errorf("SplitNumber(%q) = %d, %d, %v; want %v", in, a, b, err, want)
		}
	}
	for _, bad := range []string{"", "1.", "1.a", "1.2ab", "a1", "-1", ".1", "a.b", "1.2.3", "-1.2", "1.-2", "1.x"} {
		if _, _, err := SplitNumber(bad); err == nil {
			t.Errorf("SplitNumber(%q): want an error", bad)
		}
	}
	// Numeric order: 1.2 before 1.10, which string order gets wrong.
	_, a, _ := SplitNumber("1.2")
	_, b, _ := SplitNumber("1.10")
	if a >= b {
		t.Errorf("1.2 (%d) should sort before 1.10 (%d)", a, b)
	}
}

func TestStatusFromDocument(t *testing.T) {
	t.Parallel()
	cases := []struct{ in, status, initiate string }{
		{"In progress", StatusInProgress, ""},
		{"In Progress", StatusInProgress, ""},
		{" in progress ", StatusInProgress, ""},
		{"Initiate September 2019", StatusNotStarted, "2019-09"},
		{"Initiate January 2020", StatusNotStarted, "2020-01"},
		{"Initiate April 2020", StatusNotStarted, "2020-04"},
		{"Complete", StatusComplete, ""},
		{"", StatusNotStarted, ""},
	}
	for _, c := range cases {
		st, ini, err := StatusFromDocument(c.in)
		got := ""
		if ini != nil {
			got = *ini
		}
		if err != nil || st != c.status || got != c.initiate {
			t.Errorf("StatusFromDocument(%q) = %q, %q, %v; want %q, %q", c.in, st, got, err, c.status, c.initiate)
		}
	}
	for _, bad := range []string{"Initiate Septembre 2019", "Initiate 2019", "Done soon", "Initiate"} {
		if _, _, err := StatusFromDocument(bad); err == nil {
			t.Errorf("StatusFromDocument(%q): want an error", bad)
		}
	}
}

func TestMonthEnd(t *testing.T) {
	t.Parallel()
	london, err := time.LoadLocation("Europe/London")
	if err != nil {
		t.Fatal(err)
	}
	// "Initiate September 2019" is overdue from the first moment of 1 October, London time.
	got, err := MonthEnd("2019-09", london)
	if want := time.Date(2019, 10, 1, 0, 0, 0, 0, london); err != nil || !got.Equal(want) {
		t.Errorf("MonthEnd(2019-09) = %v, %v; want %v", got, err, want)
	}
	if got.UTC().Format(time.RFC3339) != "2019-09-30T23:00:00Z" {
		t.Errorf("British Summer Time not applied: %v", got.UTC())
	}
	got, _ = MonthEnd("2019-12", time.UTC)
	if !got.Equal(time.Date(2020, 1, 1, 0, 0, 0, 0, time.UTC)) {
		t.Errorf("MonthEnd(2019-12) = %v, want 2020-01-01 (year rollover)", got)
	}
	got, _ = MonthEnd("2020-02", time.UTC)
	if !got.Equal(time.Date(2020, 3, 1, 0, 0, 0, 0, time.UTC)) {
		t.Errorf("MonthEnd(2020-02) = %v", got)
	}
	for _, bad := range []string{"", "2019-13", "2019-9", "September 2019"} {
		if _, err := MonthEnd(bad, time.UTC); err == nil {
			t.Errorf("MonthEnd(%q): want an error", bad)
		}
	}
	if MonthLabel("2019-09") != "September 2019" || MonthLabel("junk") != "junk" {
		t.Errorf("MonthLabel wrong: %q", MonthLabel("2019-09"))
	}
}

func TestParseActionFilter(t *testing.T) {
	t.Parallel()
	f, err := ParseActionFilter(url.Values{})
	if err != nil || f.Limit != DefaultLimit || f.Active() {
		t.Errorf("empty filter = %+v, %v", f, err)
	}
	v := url.Values{"milestone": {"2"}, "priority": {"3"}, "board": {" send-health-forum "}, "lead": {"dco"},
		"status": {"in_progress"}, "rag": {"none"}, "flag": {"any"}, "q": {"  autism "}, "limit": {"200"}, "after": {"1.10"}}
	f, err = ParseActionFilter(v)
	want := ActionFilter{Milestone: 2, Priority: 3, Board: "send-health-forum", Lead: "dco", Status: "in_progress",
		RAG: "none", Flag: "any", Q: "autism", Limit: 200, After: "1.10"}
	if err != nil || f != want {
		t.Errorf("ParseActionFilter = %+v, %v; want %+v", f, err, want)
	}
	// Query keeps the selection and drops paging, so links can be shared.
	if q := f.Query(); q.Get("after") != "" || q.Get("limit") != "" || q.Get("q") != "autism" || q.Get("milestone") != "2" || !f.Active() {
		t.Errorf("Query() = %v", q)
	}
	for _, flag := range FlagKinds {
		if _, err := ParseActionFilter(url.Values{"flag": {flag}}); err != nil {
			t.Errorf("flag %q refused: %v", flag, err)
		}
	}
	bad := []struct{ key, value string }{
		{"milestone", "x"}, {"milestone", "0"}, {"milestone", "-1"}, {"priority", "1.5"}, {"priority", "100"},
		{"status", "done"}, {"rag", "purple"}, {"flag", "late"}, {"limit", "0"}, {"limit", "201"},
		{"limit", "ten"}, {"after", "1.x"}, {"q", strings.Repeat("a", 201)},
	}
	for _, b := range bad {
		_, err := ParseActionFilter(url.Values{b.key: {b.value}})
		var ie *InvalidError
		if !errors.As(err, &ie) || ie.Field != b.key {
			t.Errorf("%s=%.20q: got %v, want an InvalidError naming %q", b.key, b.value, err, b.key)
		}
	}
}

// FuzzParsePeriod checks that every accepted period round-trips and sorts
// between its neighbours.
func FuzzParsePeriod(f *testing.F) {
	for _, s := range []string{"2024-25", "2024-25 Q1", "2024-25 Q4", "1999-00", "2024-26", "2024-25 Q5", "2024-25Q1", "", " 2024-25", "٢٠٢٤-٢٥"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		p, err := ParsePeriod(s)
		if err != nil {
			return
		}
		if p.String() != s {
			t.Fatalf("%q parsed as %v, which prints as %q", s, p, p.String())
		}
		if p.Quarter < 0 || p.Quarter > 4 {
			t.Fatalf("%q: quarter %d", s, p.Quarter)
		}
		if prev := p.Prev(); prev.SortKey() >= p.SortKey() || !prev.Start().Before(p.Start()) {
			t.Fatalf("%q: previous period %v does not sort before it", s, prev)
		}
		if !p.End().After(p.Start()) {
			t.Fatalf("%q: ends %s before it starts %s", s, p.End(), p.Start())
		}
		if q := QuarterOf(p.Start()); q.StartYear != p.StartYear {
			t.Fatalf("%q: starts in financial year %d", s, q.StartYear)
		}
	})
}
