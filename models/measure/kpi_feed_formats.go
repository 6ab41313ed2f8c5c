package measure

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strings"

	"sendboard/models"
)

// parseCSV reads the CSV feed. A row with neither value nor commentary, as
// the template from /kpis/template.csv has for every KPI, gives no figure: it
// is skipped and counted, so the template imports as downloaded.
func parseCSV(body []byte) ([]FeedRow, int, badRows, error) {
	r := csv.NewReader(bytes.NewReader(body))
	r.FieldsPerRecord = -1
	header, err := r.Read()
	if errors.Is(err, io.EOF) {
		return nil, 0, badRows{}, &FeedError{Rows: []RowError{{Line: 1, Reason: "the feed is empty: expected a header row kpi,period,value,commentary"}}}
	}
	if err != nil {
		return nil, 0, badRows{}, csvError(err)
	}
	col := map[string]int{}
	for i, h := range header {
		col[strings.ToLower(strings.TrimSpace(h))] = i
	}
	for _, need := range []string{"kpi", "period", "value"} {
		if _, ok := col[need]; !ok {
			return nil, 0, badRows{}, &FeedError{Rows: []RowError{{Line: 1, Reason: fmt.Sprintf("header: no %q column (expected kpi,period,value,commentary)", need)}}}
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
	skipped := 0
	for {
		rec, err := r.Read()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return nil, 0, badRows{}, csvError(err)
		}
		line, _ := r.FieldPos(0)
		if len(rec) < len(header) && len(rec) < 3 {
			bad.add(RowError{line, fmt.Sprintf("expected %d fields, found %d", len(header), len(rec))})
			continue
		}
		if strings.TrimSpace(get(rec, "value")) == "" && strings.TrimSpace(get(rec, "commentary")) == "" {
			skipped++
			continue
		}
		row, why := checkRow(line, get(rec, "kpi"), get(rec, "period"), get(rec, "value"), get(rec, "commentary"))
		if why != "" {
			bad.add(RowError{line, why})
			continue
		}
		rows = append(rows, row)
	}
	return rows, skipped, bad, nil
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
