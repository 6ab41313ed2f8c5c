package planfile

import (
	"bytes"
	"context"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"math"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/xuri/excelize/v2"
)

// Bounds on what one file may hold, so an upload cannot exhaust memory.
const (
	MaxFileBytes = 10 << 20 // bytes in the file as uploaded
	MaxRows      = 10_000   // rows below the header
	MaxColumns   = 200
	MaxCellRunes = 20_000
	headerScan   = 30 // rows searched for the header
)

// Formats of a plan file.
const (
	FormatXLSX = "xlsx"
	FormatCSV  = "csv"
)

// grid is a sheet's cells as text, with the workbook's sheet names.
type grid struct {
	rows     [][]string
	sheets   []string
	sheet    string
	date1904 bool
}

// DetectFormat is "xlsx" for a zip (an XLSX is one), else "csv".
func DetectFormat(data []byte) string {
	if bytes.HasPrefix(data, []byte("PK\x03\x04")) {
		return FormatXLSX
	}
	return FormatCSV
}

// book is a file opened once; a workbook's sheets are read from it in turn.
type book struct {
	data []byte
	x    *excelize.File // nil for a CSV file
}

// openBook checks the file against the bounds on what it may hold and, for
// a workbook, opens it.
func openBook(ctx context.Context, data []byte) (*book, error) {
	if len(data) > MaxFileBytes {
		return nil, fmt.Errorf("the file is %d bytes; the limit is %d MiB", len(data), MaxFileBytes>>20)
	}
	if len(bytes.TrimSpace(data)) == 0 {
		return nil, errors.New("the file is empty")
	}
	if DetectFormat(data) != FormatXLSX {
		return &book{data: data}, nil
	}
	if err := checkWorkbook(ctx, data); err != nil {
		return nil, err
	}
	f, err := excelize.OpenReader(bytes.NewReader(data), excelize.Options{
		UnzipSizeLimit: maxUnzipped, UnzipXMLSizeLimit: MaxPartBytes})
	if err != nil {
		return nil, fmt.Errorf("the file is not a readable XLSX workbook: %v", err)
	}
	return &book{data: data, x: f}, nil
}

func (b *book) close() {
	if b.x != nil {
		_ = b.x.Close()
	}
}

// grid reads a sheet of the workbook (the active one when sheet is blank),
// or the CSV file.
func (b *book) grid(ctx context.Context, sheet string) (*grid, error) {
	if b.x == nil {
		if sheet != "" {
			return nil, errors.New("a CSV file has no sheets: leave the sheet out")
		}
		return readCSV(ctx, b.data)
	}
	return readXLSX(ctx, b.x, sheet)
}

func readXLSX(ctx context.Context, f *excelize.File, sheet string) (*grid, error) {
	g := &grid{sheets: f.GetSheetList()}
	if props, err := f.GetWorkbookProps(); err == nil && props.Date1904 != nil {
		g.date1904 = *props.Date1904
	}
	g.sheet = sheet
	if sheet == "" {
		g.sheet = f.GetSheetName(f.GetActiveSheetIndex())
		if g.sheet == "" && len(g.sheets) > 0 {
			g.sheet = g.sheets[0]
		}
	} else if idx, _ := f.GetSheetIndex(sheet); idx < 0 {
		return nil, fmt.Errorf("the workbook has no sheet %q; its sheets are %s", sheet, strings.Join(quoteAll(g.sheets), ", "))
	}
	rows, err := f.Rows(g.sheet)
	if err != nil {
		return nil, fmt.Errorf("sheet %q: %v", g.sheet, err)
	}
	defer func() { _ = rows.Close() }()
	var text textBudget
	for rows.Next() {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		if len(g.rows) > MaxRows+headerScan {
			return nil, fmt.Errorf("sheet %q has more than %d rows; the limit is %d actions", g.sheet, MaxRows+headerScan, MaxRows)
		}
		cols, err := rows.Columns(excelize.Options{RawCellValue: true})
		if err != nil {
			return nil, fmt.Errorf("sheet %q row %d: %v", g.sheet, len(g.rows)+1, err)
		}
		if len(cols) > MaxColumns {
			cols = trimBlankTail(cols)
			if len(cols) > MaxColumns {
				return nil, fmt.Errorf("sheet %q row %d has more than %d columns", g.sheet, len(g.rows)+1, MaxColumns)
			}
		}
		if err := text.take(cols, len(g.rows)+1); err != nil {
			return nil, err
		}
		g.rows = append(g.rows, cols)
	}
	if err := rows.Error(); err != nil {
		return nil, fmt.Errorf("sheet %q: %v", g.sheet, err)
	}
	readMonthCells(f, g)
	if err := fillMerged(f, g); err != nil {
		return nil, err
	}
	return g, nil
}

// readMonthCells shows a date cell formatted as a month ("mmm yyyy", as
// WriteXLSX and people write a due month) as the month it shows, "March
// 2025": read raw it is the serial number of the month's first day, which
// would read as that day. Only whole numbers in Excel's date range are
// looked at, and each style once.
func readMonthCells(f *excelize.File, g *grid) {
	monthStyle := map[int]bool{}
	for r, row := range g.rows {
		for c, v := range row {
			n, err := strconv.ParseFloat(v, 64)
			if err != nil || n < 10000 || n > 2958465 || n != math.Trunc(n) {
				continue
			}
			axis, err := excelize.CoordinatesToCellName(c+1, r+1)
			if err != nil {
				continue
			}
			id, err := f.GetCellStyle(g.sheet, axis)
			if err != nil || id == 0 {
				continue
			}
			month, seen := monthStyle[id]
			if !seen {
				st, err := f.GetStyle(id)
				month = err == nil && st != nil && (st.NumFmt == 17 || st.CustomNumFmt != nil && monthOnly(*st.CustomNumFmt))
				monthStyle[id] = month
			}
			if !month {
				continue
			}
			if t, err := excelize.ExcelDateToTime(n, g.date1904); err == nil {
				g.rows[r][c] = t.Format("January 2006")
			}
		}
	}
}

// monthOnly reports whether an Excel number format shows a month and year
// but no day or time ("mmm yyyy", "mmmm yy", "mm/yyyy"); quoted text,
// escaped characters and [colour] sections are not part of the date.
func monthOnly(format string) bool {
	var b strings.Builder
	quoted, bracket := false, false
	for i := 0; i < len(format); i++ {
		switch ch := format[i]; {
		case ch == '"':
			quoted = !quoted
		case quoted:
		case ch == '[':
			bracket = true
		case ch == ']':
			bracket = false
		case bracket:
		case ch == '\\':
			i++
		default:
			b.WriteByte(ch | 0x20)
		}
	}
	s := b.String()
	return strings.Contains(s, "m") && strings.Contains(s, "y") && !strings.ContainsAny(s, "dhs")
}

// fillMerged copies a merged range's value into every cell of the range, so an
// area or aim merged down several rows applies to each of them.
func fillMerged(f *excelize.File, g *grid) error {
	if !mayMerge(f) {
		return nil // reading merges parses the whole sheet again: skip it when there are none
	}
	merged, err := f.GetMergeCells(g.sheet)
	if err != nil {
		return fmt.Errorf("sheet %q: %v", g.sheet, err)
	}
	for _, m := range merged {
		c1, r1, err1 := excelize.CellNameToCoordinates(m.GetStartAxis())
		c2, r2, err2 := excelize.CellNameToCoordinates(m.GetEndAxis())
		if err1 != nil || err2 != nil {
			continue
		}
		v := m.GetCellValue()
		if v == "" && r1-1 < len(g.rows) && c1-1 < len(g.rows[r1-1]) {
			v = g.rows[r1-1][c1-1]
		}
		for r := r1; r <= min(r2, len(g.rows)); r++ {
			for c := c1; c <= min(c2, MaxColumns); c++ {
				row := g.rows[r-1]
				for len(row) < c {
					row = append(row, "")
				}
				row[c-1] = v
				g.rows[r-1] = row
			}
		}
	}
	return nil
}

// mayMerge reports whether any worksheet of f may hold merged cells: false
// only when every worksheet part is in memory and none mentions one.
func mayMerge(f *excelize.File) bool {
	found := false
	f.Pkg.Range(func(k, v any) bool {
		name, _ := k.(string)
		if !strings.HasPrefix(name, "xl/worksheets/") || !strings.HasSuffix(name, ".xml") {
			return true
		}
		b, ok := v.([]byte)
		found = !ok || bytes.Contains(b, []byte("mergeCell"))
		return !found
	})
	return found
}

func readCSV(ctx context.Context, data []byte) (*grid, error) {
	data = bytes.TrimPrefix(data, []byte("\xef\xbb\xbf"))
	if !utf8.Valid(data) {
		line := 1 + bytes.Count(data[:firstInvalid(data)], []byte("\n"))
		return nil, fmt.Errorf("line %d is not UTF-8 text: save the sheet as \"CSV UTF-8\"", line)
	}
	comma := detectComma(data)
	r := csv.NewReader(bytes.NewReader(data))
	r.Comma, r.FieldsPerRecord, r.LazyQuotes = comma, -1, true
	g := &grid{}
	var text textBudget
	for {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		rec, err := r.Read()
		if err == io.EOF {
			break
		}
		if err != nil {
			var pe *csv.ParseError
			if errors.As(err, &pe) {
				return nil, fmt.Errorf("line %d: %v", pe.Line, pe.Err)
			}
			return nil, err
		}
		if len(g.rows) > MaxRows+headerScan {
			return nil, fmt.Errorf("the file has more than %d rows; the limit is %d actions", MaxRows+headerScan, MaxRows)
		}
		if rec = trimBlankTail(rec); len(rec) > MaxColumns {
			return nil, fmt.Errorf("line %d has more than %d columns", len(g.rows)+1, MaxColumns)
		}
		for i, v := range rec {
			rec[i] = unescapeFormula(v)
		}
		if err := text.take(rec, len(g.rows)+1); err != nil {
			return nil, err
		}
		g.rows = append(g.rows, rec)
	}
	return g, nil
}

// detectComma picks ";" or "," by which gives the header-like row with the most
// recognised columns among the first lines, then by which splits more.
func detectComma(data []byte) rune {
	head := data[:min(len(data), 64<<10)]
	best, bestScore, bestCells := ',', -1, -1
	for _, c := range []rune{',', ';'} {
		r := csv.NewReader(bytes.NewReader(head))
		r.Comma, r.FieldsPerRecord, r.LazyQuotes = c, -1, true
		sc, cells := 0, 0
		for i := 0; i < headerScan; i++ {
			rec, err := r.Read()
			if err != nil {
				break
			}
			sc = max(sc, len(recognised(rec)))
			cells = max(cells, len(trimBlankTail(rec)))
		}
		if sc > bestScore || (sc == bestScore && cells > bestCells) {
			best, bestScore, bestCells = c, sc, cells
		}
	}
	return best
}

func firstInvalid(b []byte) int {
	for i := 0; i < len(b); {
		r, n := utf8.DecodeRune(b[i:])
		if r == utf8.RuneError && n <= 1 {
			return i
		}
		i += n
	}
	return len(b)
}

func trimBlankTail(rec []string) []string {
	n := len(rec)
	for n > 0 && strings.TrimSpace(rec[n-1]) == "" {
		n--
	}
	return rec[:n]
}

func quoteAll(ss []string) []string {
	out := make([]string, len(ss))
	for i, s := range ss {
		out[i] = fmt.Sprintf("%q", s)
	}
	return out
}
