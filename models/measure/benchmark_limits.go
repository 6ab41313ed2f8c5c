package measure

import (
	"strings"
	"unicode/utf8"
)

// benchmarkCellLimits bounds, in characters, each column of DfE's files by
// its lower-cased header, at the size of the column it is stored in (codes
// VARCHAR(100), period labels VARCHAR(40), LA types VARCHAR(10)) or, for
// text columns, well above anything DfE publishes. Checked while parsing, so
// an over-long value is a bad row with its line on both databases, not a raw
// PostgreSQL error or 100 KB stored on SQLite.
var benchmarkCellLimits = map[string]int{
	"short desc": 100, "measure_short": 100, "data item": 500, "measure": 500, "chart_title": 500,
	"years": 40, "la and regions": 200, "la name": 200, "la_name": 200, "region": 200, "goreg": 200,
	"region_name": 200, "type": 10, "topic": 200, "polarity": 40, "y_axis_name": 200, "year_type": 40,
	"description": 10_000, "data owner (do) /supplier and contact details": 2000, "hyperlink(s)": 2000,
	"last update": 100, "next update": 100, "snp": 40,
}

// defaultCellLimit bounds every other cell: numbers, codes and LA numbers.
const defaultCellLimit = 100

// maxMeasureCode is the longest measure code bm_measures.code holds; an
// explore-education-statistics file names its measures in its header.
const maxMeasureCode = 100

// checkCellLengths reports every cell longer than its column allows, and
// (for an explore-education-statistics file) every measure column whose
// name is too long to be a code, with its line and column.
func checkCellLengths(t *csvTable, kind string, fe *BenchmarkFileError) {
	limits := make([]int, len(t.header))
	for i, h := range t.header {
		limits[i] = defaultCellLimit
		if n, ok := benchmarkCellLimits[strings.ToLower(h)]; ok {
			limits[i] = n
		}
	}
	if kind == FileEES {
		for i := indexOf(t.header, "la_name") + 1; i < len(t.header); i++ {
			if n := utf8.RuneCountInString(t.header[i]); n > maxMeasureCode {
				fe.add(1, "the name of column %d is %d characters long; a measure's name may have at most %d", i+1, n, maxMeasureCode)
			}
		}
	}
	for r, rec := range t.rows {
		for i, cell := range rec {
			limit := defaultCellLimit
			name := "column"
			if i < len(limits) {
				limit, name = limits[i], t.header[i]
			}
			if n := utf8.RuneCountInString(cell); n > limit {
				fe.add(t.lines[r], "%s (column %d) is %d characters long; it may have at most %d", name, i+1, n, limit)
			}
		}
	}
}
