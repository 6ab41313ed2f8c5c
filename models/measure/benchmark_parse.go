package measure

import (
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"
	"unicode/utf8"

	"sendboard/models"
)

// Benchmark file kinds, recognised by their header row.
const (
	FileMeasures   = "LAIT measures (long format)"
	FileNeighbours = "statistical neighbours"
	FileDictionary = "LAIT measure dictionary"
	FileLACodes    = "LA codes"
	FileEES        = "explore-education-statistics CSV"
)

// MaxBenchmarkFileBytes bounds one benchmark file: DfE's whole SEND extract is
// about 6.5 MB.
const MaxBenchmarkFileBytes = 64 << 20

// maxRowErrors bounds the bad rows a report lists; the count is kept.
const maxRowErrors = 100

// BenchmarkFileError lists the bad rows of a file (the first 100) and how many
// there were; a file with any is not imported at all.
type BenchmarkFileError struct {
	File  string
	Kind  string
	Rows  []RowError
	Total int
}

func (e *BenchmarkFileError) Error() string {
	var b strings.Builder
	fmt.Fprintf(&b, "%s: %d bad %s, nothing imported", e.File, e.Total, models.Plural(e.Total, "row", "rows"))
	for _, r := range e.Rows {
		fmt.Fprintf(&b, "\n%s:%d: %s", e.File, r.Line, r.Reason)
	}
	if e.Total > len(e.Rows) {
		fmt.Fprintf(&b, "\n… and %d more", e.Total-len(e.Rows))
	}
	return b.String()
}

func (e *BenchmarkFileError) add(line int, format string, args ...any) {
	e.Total++
	if len(e.Rows) < maxRowErrors {
		e.Rows = append(e.Rows, RowError{Line: line, Reason: fmt.Sprintf(format, args...)})
	}
}

// bmRow is one figure read from a file.
type bmRow struct {
	Line          int
	Measure       string
	Area          int
	Period, Label string
	Sort          int
	Value         *float64
	Missing       string
}

// bmFile is everything one file says.
type bmFile struct {
	Kind       string
	Measures   []Benchmark // from the dictionary, or names met in a figures file
	Areas      []Area
	Neighbours map[int][]Neighbour
	Values     []bmRow
}

// csvTable reads a whole CSV file, header first, with each record's line.
type csvTable struct {
	header []string
	rows   [][]string
	lines  []int
}

func readCSV(name string, body []byte) (*csvTable, error) {
	body = bytes.TrimPrefix(body, []byte("\xef\xbb\xbf"))
	if !utf8.Valid(body) {
		return nil, &BenchmarkFileError{File: name, Total: 1, Rows: []RowError{{Line: 1, Reason: "the file is not UTF-8 text; save it as CSV (UTF-8)"}}}
	}
	r := csv.NewReader(bytes.NewReader(body))
	r.FieldsPerRecord = -1
	t := &csvTable{}
	for {
		rec, err := r.Read()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			line := 0
			var pe *csv.ParseError
			if errors.As(err, &pe) {
				line = pe.StartLine
			}
			return nil, &BenchmarkFileError{File: name, Total: 1, Rows: []RowError{{Line: line, Reason: "not valid CSV: " + err.Error()}}}
		}
		line, _ := r.FieldPos(0)
		if t.header == nil {
			for i := range rec {
				rec[i] = strings.TrimSpace(rec[i])
			}
			t.header = rec
			continue
		}
		if len(rec) == 1 && strings.TrimSpace(rec[0]) == "" {
			continue // blank line
		}
		t.rows = append(t.rows, rec)
		t.lines = append(t.lines, line)
	}
	if t.header == nil {
		return nil, &BenchmarkFileError{File: name, Total: 1, Rows: []RowError{{Line: 1, Reason: "the file is empty"}}}
	}
	return t, nil
}

func hasPrefix(h []string, want ...string) bool {
	if len(h) < len(want) {
		return false
	}
	for i, w := range want {
		if !strings.EqualFold(h[i], w) {
			return false
		}
	}
	return true
}

func indexOf(h []string, name string) int {
	for i, c := range h {
		if strings.EqualFold(c, name) {
			return i
		}
	}
	return -1
}

// detectBenchmark names the kind of file from its header, or says what was expected.
func detectBenchmark(h []string) (string, error) {
	switch {
	case hasPrefix(h, "Short Desc", "Data item", "Years", "LA and Regions", "Values", "LA Number"):
		return FileMeasures, nil
	case hasPrefix(h, "LA num", "LA Name", "LA number", "GOInd", "GOReg", "SN1", "SNP"):
		return FileNeighbours, nil
	case hasPrefix(h, "Measure_short", "Measure", "Chart_title", "Topic", "Polarity", "y_axis_name", "dps", "Year_Type"):
		return FileDictionary, nil
	case hasPrefix(h, "LA Number", "LA Name", "Region", "Type"):
		return FileLACodes, nil
	case hasPrefix(h, "time_period", "time_identifier", "geographic_level") && indexOf(h, "old_la_code") >= 0 && indexOf(h, "la_name") >= 0:
		return FileEES, nil
	}
	return "", fmt.Errorf("header %q is not one sendboard knows: expected LAIT measures (Short Desc,Data item,Years,LA and Regions,Values,LA Number,Region), "+
		"statistical neighbours (LA num,LA Name,LA number,GOInd,GOReg,SN1,SNP,…), the LAIT dictionary (Measure_short,Measure,Chart_title,…), "+
		"LA codes (LA Number,LA Name,Region,Type) or explore-education-statistics (time_period,time_identifier,geographic_level,…,new_la_code,old_la_code,la_name,measures…)",
		strings.Join(h[:min(len(h), 8)], ","))
}

// parseBenchmark reads one file, checking every row; any bad row fails the file.
func parseBenchmark(name string, body []byte) (*bmFile, error) {
	t, err := readCSV(name, body)
	if err != nil {
		return nil, err
	}
	kind, err := detectBenchmark(t.header)
	if err != nil {
		return nil, &BenchmarkFileError{File: name, Total: 1, Rows: []RowError{{Line: 1, Reason: err.Error()}}}
	}
	fe := &BenchmarkFileError{File: name, Kind: kind}
	f := &bmFile{Kind: kind}
	for i, rec := range t.rows {
		if kind == FileNeighbours && isHeading(rec) {
			continue
		}
		if len(rec) != len(t.header) {
			fe.add(t.lines[i], "%d columns, the header has %d", len(rec), len(t.header))
		}
	}
	checkCellLengths(t, kind, fe)
	if fe.Total > 0 {
		return nil, fe
	}
	{
		switch kind {
		case FileMeasures:
			parseLAIT(t, f, fe)
		case FileNeighbours:
			parseNeighbours(t, f, fe)
		case FileDictionary:
			parseDictionary(t, f, fe)
		case FileLACodes:
			parseLACodes(t, f, fe)
		case FileEES:
			parseEES(t, f, fe)
		}
	}
	checkDuplicates(f, fe)
	if fe.Total > 0 {
		return nil, fe
	}
	return f, nil
}

// areaCode reads a DfE area number: 3 digits for authorities, regions and
// England; DfE's list also has 1000 for a discontinued England series.
func areaCode(s string) (int, error) {
	s = strings.TrimSpace(s)
	n, err := strconv.Atoi(s)
	if err != nil || n < 100 || n > 9999 {
		return 0, fmt.Errorf("%q is not a DfE LA number (3 digits, e.g. 838)", s)
	}
	return n, nil
}

func kindOf(code int) string {
	switch {
	case code == EnglandCode:
		return "england"
	case code >= 980 && code <= 990:
		return "region"
	case code > 999:
		return "other"
	}
	return "la"
}

func checkDuplicates(f *bmFile, fe *BenchmarkFileError) {
	type key struct {
		m      string
		a      int
		period string
	}
	seen := make(map[key]int, len(f.Values))
	told := map[int]bool{}
	for _, v := range f.Values {
		k := key{v.Measure, v.Area, v.Period}
		if first, ok := seen[k]; ok {
			if !told[v.Line] {
				told[v.Line] = true
				fe.add(v.Line, "area %d in %s repeats line %d", v.Area, v.Label, first)
			}
			continue
		}
		seen[k] = v.Line
	}
}

// parseValue reads a figure, or one of the codes that stand for none.
func parseValue(s string) (*float64, string, error) {
	s = strings.TrimSpace(s)
	if _, ok := MissingReasons[s]; ok {
		return nil, s, nil
	}
	if s == "" {
		return nil, "", errors.New("is empty: give a number or a code for no figure (-, c, x, z, k, u or :)")
	}
	v, err := strconv.ParseFloat(s, 64)
	if err != nil || !finite(v) {
		return nil, "", fmt.Errorf("%q is not a number or a code for no figure (-, c, x, z, k, u or :)", s)
	}
	return &v, "", nil
}

// isHeading tells a section heading inside DfE's neighbours table
// (",Old SNs:") from a row: no LA number, at most a label.
func isHeading(rec []string) bool {
	if strings.TrimSpace(rec[0]) != "" {
		return false
	}
	filled := 0
	for _, c := range rec {
		if strings.TrimSpace(c) != "" {
			filled++
		}
	}
	return filled <= 1
}

// FileKind names the kind of file body is by its header, or "".
func FileKind(body []byte) string {
	line, _, _ := bytes.Cut(bytes.TrimPrefix(body, []byte("\xef\xbb\xbf")), []byte("\n"))
	rec, err := csv.NewReader(bytes.NewReader(line)).Read()
	if err != nil {
		return ""
	}
	for i := range rec {
		rec[i] = strings.TrimSpace(rec[i])
	}
	k, _ := detectBenchmark(rec)
	return k
}
