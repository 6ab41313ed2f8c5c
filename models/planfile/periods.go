package planfile

import (
	"regexp"
	"sort"
	"strings"
	"time"
)

// Period is a column holding each action's status or RAG rating at one
// review ("RAG August 22"): the plan's history, one update per period.
type Period struct {
	Col    int
	Header string
	Kind   string // KindStatus or KindRAG
	End    string // the last day of the period, "YYYY-MM-DD"
}

// PeriodReading is what one period's column says of an action.
type PeriodReading struct {
	End    string // "YYYY-MM-DD"
	Header string
	Text   string // the cell as written
	Reading
}

var periodRe = regexp.MustCompile(`(?i)^\s*(rag rating|rag status|rag|status|rating|progress status)\s*[-–:]?\s*(?:at|as at|for|in)?\s*(.+?)\s*$`)

// shortYearLayouts are months with two-digit years ("May 20"), which
// ParseDue does not take for a due date.
var shortYearLayouts = []string{"January 06", "Jan 06", "Jan-06", "January-06", "01/06"}

// periodEnd reads the period a header names, as the last day of it.
func periodEnd(header string) (kind, end string, ok bool) {
	h := strings.NewReplacer("(", " ", ")", " ", "[", " ", "]", " ").Replace(header)
	m := periodRe.FindStringSubmatch(h)
	if m == nil {
		return "", "", false
	}
	kind = KindRAG
	if strings.Contains(strings.ToLower(m[1]), "status") && !strings.HasPrefix(strings.ToLower(m[1]), "rag") {
		kind = KindStatus
	}
	when := strings.Replace(titleMonth(strings.Join(strings.Fields(m[2]), " ")), "Sept ", "Sep ", 1)
	for _, l := range shortYearLayouts {
		if t, err := time.Parse(l, when); err == nil {
			return kind, t.AddDate(0, 1, -1).Format(time.DateOnly), true
		}
	}
	d, err := ParseDue(when, false)
	switch {
	case err != nil || d == "":
		return "", "", false
	case len(d) == 7:
		t, _ := time.Parse("2006-01", d)
		return kind, t.AddDate(0, 1, -1).Format(time.DateOnly), true
	}
	return kind, d, true
}

// findPeriods lists the period columns of headers in date order; columns the
// admin mapped to a field are not periods.
func findPeriods(headers []string, overrides map[Field]string) []Period {
	taken := map[int]bool{}
	for _, h := range overrides {
		if h != "" {
			taken[findColumn(headers, h)] = true
		}
	}
	var out []Period
	for i, h := range headers {
		if taken[i] {
			continue
		}
		if kind, end, ok := periodEnd(h); ok {
			out = append(out, Period{Col: i, Header: h, Kind: kind, End: end})
		}
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].End < out[j].End })
	return out
}
