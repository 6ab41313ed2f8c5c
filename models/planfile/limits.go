package planfile

import (
	"archive/zip"
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"regexp"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/xuri/excelize/v2"
)

// Bounds on what a workbook may unpack to, checked before excelize parses
// it: a small zip can hold parts that unzip to gigabytes, a shared-strings
// table of millions of entries or merged ranges that take minutes to
// resolve. Plans as areas keep them are far below each.
const (
	MaxPartBytes     = 16 << 20 // one part of a workbook, unzipped
	MaxUnzippedBytes = 64 << 20 // every part of a workbook together, unzipped
	MaxParts         = 2_000    // parts in the workbook's zip
	MaxSheets        = 100
	MaxSharedStrings = 200_000
	MaxMergedRanges  = 5_000
	MaxTextBytes     = 16 << 20  // the text of every cell read, together
	maxUnzipped      = 200 << 20 // excelize's own bound, above MaxUnzippedBytes
)

// LimitError is a file refused because it is over one of the bounds above;
// Limit names the bound in words, Detail says by how much.
type LimitError struct {
	Limit  string
	Detail string
}

func (e *LimitError) Error() string {
	return "the file is over the limit on " + e.Limit + ": " + e.Detail
}

func overLimit(limit, format string, args ...any) error {
	return &LimitError{Limit: limit, Detail: fmt.Sprintf(format, args...)}
}

// checkWorkbook reads the zip's directory and its XML parts once, within the
// bounds above, before excelize parses anything: sizes as the directory
// declares them (archive/zip refuses a part that unzips to more), the number
// of shared strings and of merged ranges, and text that is not UTF-8, which
// excelize would otherwise drop silently.
func checkWorkbook(ctx context.Context, data []byte) error {
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		return fmt.Errorf("the file is not a readable XLSX workbook: %v", err)
	}
	if len(zr.File) > MaxParts {
		return overLimit("parts in a workbook", "it has %d parts; the limit is %d", len(zr.File), MaxParts)
	}
	var total uint64
	sheets := 0
	for _, f := range zr.File {
		total += f.UncompressedSize64
		if f.UncompressedSize64 > MaxPartBytes {
			return overLimit("the size of each part of a workbook", "%s unzips to %s; the limit is %s",
				f.Name, mib(f.UncompressedSize64), mib(MaxPartBytes))
		}
		if total > MaxUnzippedBytes {
			return overLimit("the unzipped size of a workbook", "its parts unzip to more than %s", mib(MaxUnzippedBytes))
		}
		if isSheetPart(f.Name) {
			sheets++
		}
	}
	if sheets > MaxSheets {
		return overLimit("sheets in a workbook", "it has %d sheets; the limit is %d", sheets, MaxSheets)
	}
	// The shared strings first, so a bad entry can be found in the sheets.
	parts := make([]*zip.File, 0, sheets+1)
	for _, f := range zr.File {
		if strings.EqualFold(f.Name, "xl/sharedStrings.xml") {
			parts = append([]*zip.File{f}, parts...)
		} else if isSheetPart(f.Name) {
			parts = append(parts, f)
		}
	}
	badShared, sharedWhy := -1, ""
	for _, f := range parts {
		if err := ctx.Err(); err != nil {
			return err
		}
		b, err := readPart(f)
		if errors.Is(err, zip.ErrFormat) || errors.Is(err, zip.ErrChecksum) {
			return fmt.Errorf("the file is not a readable XLSX workbook: %s does not unzip to what the zip's directory declares", f.Name)
		}
		if err != nil {
			return fmt.Errorf("the file is not a readable XLSX workbook: %s: %v", f.Name, err)
		}
		if !isSheetPart(f.Name) {
			if n := countTags(b, "si"); n > MaxSharedStrings {
				return overLimit("shared strings", "the workbook's shared-strings table has %d entries; the limit is %d", n, MaxSharedStrings)
			}
			if at, why := notTextAt(b); at >= 0 {
				badShared, sharedWhy = countTags(b[:at], "si")-1, why
			}
			continue
		}
		if n := countTags(b, "mergeCell"); n > MaxMergedRanges {
			return overLimit("merged ranges", "%s has %d merged ranges; the limit is %d", f.Name, n, MaxMergedRanges)
		}
		if at, why := notTextAt(b); at >= 0 {
			return cellNotText(f.Name, b, at, why)
		}
		if badShared >= 0 {
			if at := sharedUse(b, badShared); at >= 0 {
				return cellNotText(f.Name, b, at, sharedWhy)
			}
		}
	}
	if badShared >= 0 {
		return fmt.Errorf("shared string %d of the workbook is not valid text (%s): %s", badShared+1, sharedWhy, saveAgain)
	}
	return nil
}

// sharedUse is the offset in sheet b of the first cell showing shared string
// i, or -1.
func sharedUse(b []byte, i int) int {
	v := []byte(fmt.Sprintf("<v>%d</v>", i))
	for off := 0; ; {
		j := bytes.Index(b[off:], v)
		if j < 0 {
			return -1
		}
		at := off + j
		if c := bytes.LastIndex(b[:at], []byte("<c ")); c >= 0 && bytes.Contains(b[c:at], []byte(`t="s"`)) {
			return at
		}
		off = at + len(v)
	}
}

func isSheetPart(name string) bool {
	n := strings.ToLower(name)
	return strings.HasPrefix(n, "xl/worksheets/") && strings.HasSuffix(n, ".xml") && !strings.Contains(n[len("xl/worksheets/"):], "/")
}

func readPart(f *zip.File) ([]byte, error) {
	rc, err := f.Open()
	if err != nil {
		return nil, err
	}
	defer func() { _ = rc.Close() }()
	return io.ReadAll(io.LimitReader(rc, MaxPartBytes+1))
}

// countTags counts the elements named tag in XML text: "<tag>" and "<tag …".
func countTags(b []byte, tag string) int {
	open := []byte("<" + tag)
	n := 0
	for i := 0; ; {
		j := bytes.Index(b[i:], open)
		if j < 0 {
			return n
		}
		i += j + len(open)
		if i < len(b) && (b[i] == '>' || b[i] == ' ' || b[i] == '/' || b[i] == '\t' || b[i] == '\n' || b[i] == '\r') {
			n++
		}
	}
}

var cellRef = regexp.MustCompile(`<c\s[^>]*\br="([A-Z]{1,3})([0-9]{1,7})"`)

const saveAgain = "correct the cell or save the workbook again from the spreadsheet program"

// notTextAt is the offset in XML part b of the first text that breaks the
// rule for stored text, and why: bytes that are not UTF-8, or a character
// XML cannot hold (NUL and the other control characters), raw or as a
// character reference. Excelize reads such a cell as empty. -1 when none.
func notTextAt(b []byte) (int, string) {
	if !utf8.Valid(b) {
		return firstInvalid(b), "bytes that are not UTF-8"
	}
	for i, c := range b {
		if c < 0x20 && c != '\t' && c != '\n' && c != '\r' {
			return i, controlName(rune(c))
		}
	}
	for off := 0; ; {
		j := bytes.Index(b[off:], []byte("&#"))
		if j < 0 {
			return -1, ""
		}
		at := off + j
		off = at + 2
		end := bytes.IndexByte(b[off:min(len(b), off+12)], ';')
		if end < 0 {
			continue
		}
		ref := string(b[off : off+end])
		var n int64
		var err error
		if strings.HasPrefix(ref, "x") || strings.HasPrefix(ref, "X") {
			n, err = strconv.ParseInt(ref[1:], 16, 32)
		} else {
			n, err = strconv.ParseInt(ref, 10, 32)
		}
		if err == nil && n < 0x20 && n != '\t' && n != '\n' && n != '\r' {
			return at, controlName(rune(n))
		}
	}
}

func controlName(r rune) string {
	if r == 0 {
		return "a NUL character"
	}
	return fmt.Sprintf("the control character %U", r)
}

// cellNotText names the cell of sheet part b around offset at, where text
// that is not valid is or is shown.
func cellNotText(part string, b []byte, at int, why string) error {
	refs := cellRef.FindAllSubmatch(b[max(0, at-4096):at], -1)
	if len(refs) == 0 {
		return fmt.Errorf("%s is not valid text (%s): %s", part, why, saveAgain)
	}
	last := refs[len(refs)-1]
	return fmt.Errorf("row %s, column %s is not valid text (%s): %s", last[2], last[1], why, saveAgain)
}

func mib(n uint64) string {
	if n >= 1<<20 {
		return fmt.Sprintf("%.1f MiB", float64(n)/(1<<20))
	}
	return fmt.Sprintf("%d KiB", (n+1023)>>10)
}

// textBudget counts the text of the cells read against MaxTextBytes and cuts
// a cell over MaxCellRunes to one character more than the limit, which the
// conversion still reports with its row and column, so a sheet of huge cells
// neither fills memory nor reaches the preview whole.
type textBudget struct{ total int }

func (t *textBudget) take(cells []string, row int) error {
	for i, v := range cells {
		t.total += len(v)
		if t.total > MaxTextBytes {
			return overLimit("the text in a file", "the cells up to row %d hold more than %s of text; the limit is %s",
				row, mib(MaxTextBytes), mib(MaxTextBytes))
		}
		if len(v) > MaxCellRunes {
			n := 0
			for j := range v {
				if n == MaxCellRunes+1 {
					cells[i] = v[:j]
					break
				}
				n++
			}
		}
	}
	return nil
}

// columnLabel names column i by its header, or by its letter when the header
// is blank.
func columnLabel(headers []string, i int) string {
	if i < len(headers) && strings.TrimSpace(headers[i]) != "" {
		return headers[i]
	}
	name, err := excelize.ColumnNumberToName(i + 1)
	if err != nil {
		return fmt.Sprintf("column %d", i+1)
	}
	return "column " + name
}
