package measure

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"errors"
	"fmt"
	"io"
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
	body = bytes.TrimPrefix(body, []byte("\ufeff"))
	var rows []FeedRow
	var bad badRows
	var err error
	switch format {
	case FeedCSV:
		rows, bad, err = parseCSV(body)
	case FeedJSON:
		rows, bad, err = parseJSON(body)
	default:
		return nil, models.Invalid("format", "%q is not a feed format; use csv or json", format)
	}
	if err != nil {
		return nil, err
	}
	bad.merge(duplicates(rows))
	if bad.total > 0 {
		return rows, bad.err()
	}
	if len(rows) == 0 {
		return nil, &FeedError{Rows: []RowError{{Line: 1, Reason: "the feed has no figures"}}}
	}
	return rows, nil
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

func parseCSV(body []byte) ([]FeedRow, badRows, error) {
	r := csv.NewReader(bytes.NewReader(body))
	r.FieldsPerRecord = -1
	header, err := r.Read()
	if errors.Is(err, io.EOF) {
		return nil, badRows{}, &FeedError{Rows: []RowError{{Line: 1, Reason: "the feed is empty: expected a header row kpi,period,value,commentary"}}}
	}
	if err != nil {
		return nil, badRows{}, csvError(err)
	}
	col := map[string]int{}
	for i, h := range header {
		col[strings.ToLower(strings.TrimSpace(h))] = i
	}
	for _, need := range []string{"kpi", "period", "value"} {
		if _, ok := col[need]; !ok {
			return nil, badRows{}, &FeedError{Rows: []RowError{{Line: 1, Reason: fmt.Sprintf("header: no %q column (expected kpi,period,value,commentary)", need)}}}
		}
	}
	get := func(rec []string, name string) string {
		if i, ok := col[name]; ok && i < len(rec) {
			return rec[i]
		}
		return ""
	}
	var rows []FeedRow
	var bad badRows
	for {
		rec, err := r.Read()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return nil, badRows{}, csvError(err)
		}
		line, _ := r.FieldPos(0)
		if len(rec) < len(header) && len(rec) < 3 {
			bad.add(RowError{line, fmt.Sprintf("expected %d fields, found %d", len(header), len(rec))})
			continue
		}
		row, why := checkRow(line, get(rec, "kpi"), get(rec, "period"), get(rec, "value"), get(rec, "commentary"))
		if why != "" {
			bad.add(RowError{line, why})
			continue
		}
		rows = append(rows, row)
	}
	return rows, bad, nil
}

// csvError turns a CSV syntax error into a one-row report: after a broken
// quote the reader cannot tell where later rows begin.
func csvError(err error) error {
	var pe *csv.ParseError
	if errors.As(err, &pe) {
		return &FeedError{Rows: []RowError{{Line: pe.Line, Reason: "CSV syntax: " + pe.Err.Error()}}}
	}
	return err
}

// jsonFigure is one element of the JSON feed; Value stays raw so that a string
// such as "371" is refused rather than guessed at.
type jsonFigure struct {
	KPI        string          `json:"kpi"`
	Period     string          `json:"period"`
	Value      json.RawMessage `json:"value"`
	Commentary string          `json:"commentary"`
}

func parseJSON(body []byte) ([]FeedRow, badRows, error) {
	lineAt := func(off int64) int { return 1 + bytes.Count(body[:min(int(off), len(body))], []byte("\n")) }
	syntax := func(d *json.Decoder, err error) error {
		return &FeedError{Rows: []RowError{{Line: lineAt(d.InputOffset()), Reason: "JSON syntax: " + err.Error()}}}
	}
	d := json.NewDecoder(bytes.NewReader(body))
	if err := expectDelim(d, '{'); err != nil {
		return nil, badRows{}, syntax(d, err)
	}
	var rows []FeedRow
	var bad badRows
	found := false
	for d.More() {
		tok, err := d.Token()
		if err != nil {
			return nil, badRows{}, syntax(d, err)
		}
		if key, _ := tok.(string); key != "figures" {
			var skip json.RawMessage
			if err := d.Decode(&skip); err != nil {
				return nil, badRows{}, syntax(d, err)
			}
			continue
		}
		found = true
		if err := expectDelim(d, '['); err != nil {
			return nil, badRows{}, syntax(d, err)
		}
		for i := 1; d.More(); i++ {
			start := d.InputOffset()
			var raw json.RawMessage
			if err := d.Decode(&raw); err != nil {
				return nil, badRows{}, syntax(d, err)
			}
			// The element starts after any separator and blanks before it.
			line := lineAt(start + int64(len(body[start:])-len(bytes.TrimLeft(body[start:], ", \t\r\n"))))
			var f jsonFigure
			if models.HasLoneSurrogate(raw) { // encoding/json would turn it into U+FFFD
				bad.add(RowError{line, fmt.Sprintf("figure %d: contains a lone UTF-16 surrogate escape, which is not a character", i)})
				continue
			}
			if err := json.Unmarshal(raw, &f); err != nil {
				bad.add(RowError{line, fmt.Sprintf("figure %d: %v", i, err)})
				continue
			}
			value := string(f.Value)
			if len(f.Value) > 0 && f.Value[0] == '"' {
				value = "text " + value
			}
			row, why := checkRow(line, f.KPI, f.Period, value, f.Commentary)
			if why != "" {
				bad.add(RowError{line, fmt.Sprintf("figure %d: %s", i, why)})
				continue
			}
			rows = append(rows, row)
		}
		if err := expectDelim(d, ']'); err != nil {
			return nil, badRows{}, syntax(d, err)
		}
	}
	if !found {
		return nil, badRows{}, &FeedError{Rows: []RowError{{Line: 1, Reason: `no "figures" array: expected {"figures":[...]}`}}}
	}
	return rows, bad, nil
}

func expectDelim(d *json.Decoder, want json.Delim) error {
	tok, err := d.Token()
	if err != nil {
		return err
	}
	if tok != want {
		return fmt.Errorf("expected %q, found %v", string(want), tok)
	}
	return nil
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
