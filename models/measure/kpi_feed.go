package measure

import (
	"bytes"
	"fmt"
	"math"
	"path"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"

	"sendboard/models"
)

// Feed formats.
const (
	FeedCSV  = "csv"
	FeedJSON = "json"
)

// FeedRow is one valid figure read from a feed, with the line it came from.
type FeedRow struct {
	Line       int
	KPI        string
	Period     models.Period
	Value      float64
	Commentary string
}

// RowError is one bad row of a feed: where, and why.
type RowError struct {
	Line   int    `json:"line"`
	Reason string `json:"reason"`
}

// MaxReportedRows is how many bad rows a report lists; the rest are only
// counted, so a feed of a million bad rows gives a report of a few KiB.
const MaxReportedRows = 100

// maxReason bounds one row's reason, which may quote what the row held.
const maxReason = 300

// FeedError reports a feed's bad rows: the first MaxReportedRows by line, and
// how many there are in all. A feed with any is applied not at all.
type FeedError struct {
	Rows  []RowError
	Total int // every bad row; at least len(Rows)
}

// Count is how many rows were bad in all.
func (e *FeedError) Count() int { return max(e.Total, len(e.Rows)) }

// More is how many bad rows are counted but not listed.
func (e *FeedError) More() int { return e.Count() - len(e.Rows) }

func (e *FeedError) Error() string {
	var b strings.Builder
	fmt.Fprintf(&b, "%d bad %s, nothing applied:", e.Count(), models.Plural(e.Count(), "row", "rows"))
	for _, r := range e.Rows {
		fmt.Fprintf(&b, "\nline %d: %s", r.Line, r.Reason)
	}
	if n := e.More(); n > 0 {
		fmt.Fprintf(&b, "\n… and %d more bad %s", n, models.Plural(n, "row", "rows"))
	}
	return b.String()
}

// badRows collects bad rows in line order, keeping the first
// MaxReportedRows and counting the rest.
type badRows struct {
	rows  []RowError
	total int
}

func (b *badRows) add(r RowError) {
	b.total++
	if len(b.rows) < MaxReportedRows {
		r.Reason = models.Clip(r.Reason, maxReason)
		b.rows = append(b.rows, r)
	}
}

// merge combines reports that are each in line order into one.
func (b *badRows) merge(o badRows) {
	b.rows = append(b.rows, o.rows...)
	slices.SortStableFunc(b.rows, func(x, y RowError) int { return x.Line - y.Line })
	b.rows = b.rows[:min(len(b.rows), MaxReportedRows)]
	b.total += o.total
}

func (b badRows) err() *FeedError { return &FeedError{Rows: b.rows, Total: b.total} }

// DetectFormat chooses the feed format from the content type, then the file
// name's extension, then the first non-blank byte ("{" means JSON).
func DetectFormat(name, contentType string, body []byte) string {
	ct := strings.ToLower(contentType)
	switch {
	case strings.Contains(ct, "json"):
		return FeedJSON
	case strings.Contains(ct, "csv"):
		return FeedCSV
	}
	switch strings.ToLower(path.Ext(name)) {
	case ".json":
		return FeedJSON
	case ".csv":
		return FeedCSV
	}
	if t := bytes.TrimLeft(body, " \t\r\n\ufeff"); len(t) > 0 && t[0] == '{' {
		return FeedJSON
	}
	return FeedCSV
}

// ParseFeed reads a whole feed in format (FeedCSV or FeedJSON). Every bad row is
// reported in a *FeedError, with its line number, alongside the rows that were
// good (so the caller can check those too); unknown KPI codes are checked
// against the database by ApplyFeed.
func ParseFeed(body []byte, format string) ([]FeedRow, error) {
	rows, _, err := parseFeed(body, format)
	return rows, err
}

// parseFeed is ParseFeed that also counts the CSV rows without a value it
// skipped. A file of only such rows is not an error: nothing to import.
func parseFeed(body []byte, format string) ([]FeedRow, int, error) {
	body = bytes.TrimPrefix(body, []byte("\ufeff"))
	var rows []FeedRow
	var bad badRows
	var err error
	skipped := 0
	switch format {
	case FeedCSV:
		rows, skipped, bad, err = parseCSV(body)
	case FeedJSON:
		rows, bad, err = parseJSON(body)
	default:
		return nil, 0, models.Invalid("format", "%q is not a feed format; use csv or json", format)
	}
	if err != nil {
		return nil, 0, err
	}
	bad.merge(duplicates(rows))
	if bad.total > 0 {
		return rows, skipped, bad.err()
	}
	if len(rows) == 0 && skipped == 0 {
		return nil, 0, &FeedError{Rows: []RowError{{Line: 1, Reason: "the feed has no figures"}}}
	}
	return rows, skipped, nil
}

// checkRow validates one row's fields, returning the row or the reason it is bad.
func checkRow(line int, kpi, period, value, commentary string) (FeedRow, string) {
	kpi, period, value = strings.TrimSpace(kpi), strings.TrimSpace(period), strings.TrimSpace(value)
	var reasons []string
	if kpi == "" {
		reasons = append(reasons, "kpi: missing")
	}
	p, err := models.ParsePeriod(period)
	if err != nil {
		reasons = append(reasons, "period: "+err.Error())
	}
	v, err := strconv.ParseFloat(value, 64)
	if err != nil || math.IsNaN(v) || math.IsInf(v, 0) {
		reasons = append(reasons, fmt.Sprintf("value: %q is not a number", value))
	}
	if n := utf8.RuneCountInString(commentary); n > models.MaxCommentary {
		reasons = append(reasons, fmt.Sprintf("commentary: must be at most %d characters (this has %d)", models.MaxCommentary, n))
	}
	if len(kpi) > 50 {
		reasons = append(reasons, "kpi: must be at most 50 characters")
	}
	for _, f := range [][2]string{{"kpi", kpi}, {"period", period}, {"value", value}, {"commentary", commentary}} {
		// PostgreSQL refuses these; without this check the whole import failed with a raw database error.
		if !utf8.ValidString(f[1]) || strings.ContainsRune(f[1], 0) {
			reasons = append(reasons, f[0]+": contains a NUL character or bytes that are not UTF-8")
		}
	}
	if len(reasons) > 0 {
		return FeedRow{}, strings.Join(reasons, "; ")
	}
	return FeedRow{Line: line, KPI: kpi, Period: p, Value: v, Commentary: strings.TrimSpace(commentary)}, ""
}

// duplicates reports rows repeating an earlier row's KPI and period.
func duplicates(rows []FeedRow) badRows {
	type key struct {
		kpi    string
		period models.Period
	}
	first := make(map[key]int, len(rows))
	var bad badRows
	for _, r := range rows {
		k := key{r.KPI, r.Period}
		if l, ok := first[k]; ok {
			bad.add(RowError{r.Line, fmt.Sprintf("duplicate: %s %s is already given on line %d", r.KPI, r.Period, l)})
			continue
		}
		first[k] = r.Line
	}
	return bad
}
