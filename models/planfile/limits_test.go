package planfile_test

import (
	"archive/zip"
	"bytes"
	"compress/flate"
	"context"
	"errors"
	"fmt"
	"hash/crc32"
	"runtime"
	"strings"
	"syscall"
	"testing"
	"time"

	"sendboard/models/planfile"
)

// hostile are small files built to exhaust a reader: each must be refused,
// naming the bound it broke, within 2 s and 100 MiB of allocation.
func hostile(t *testing.T) map[string]struct {
	data  []byte
	limit string // the LimitError's Limit; "" for another refusal
} {
	t.Helper()
	bombRows := func(w *bytes.Buffer) {
		row := `<row><c t="inlineStr"><is><t>AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA</t></is></c></row>`
		for w.Len() < 48<<20 {
			w.WriteString(row)
		}
	}
	manyShared := func(w *bytes.Buffer) {
		for i := range 300_000 {
			fmt.Fprintf(w, "<si><t>s%d</t></si>", i)
		}
	}
	var merges []string
	for i := 2; i < 6_002; i++ {
		merges = append(merges, fmt.Sprintf("A%d:B%d", i, i))
	}
	// One shared string of 1 MiB shown in 200 cells: 200 MiB of text.
	var bigCells []string
	for r := 2; r <= 41; r++ {
		row := fmt.Sprintf(`<row r="%d">`, r)
		for _, c := range "ABCDE" {
			row += shared(fmt.Sprintf("%c%d", c, r), 1)
		}
		bigCells = append(bigCells, row+"</row>")
	}
	inlineHuge := func(w *bytes.Buffer) {
		for r := 2; r <= 31; r++ {
			fmt.Fprintf(w, `<row r="%d">%s</row>`, r, inline(fmt.Sprintf("B%d", r), repeat("y", 1<<20)))
		}
	}
	out := map[string]struct {
		data  []byte
		limit string
	}{
		"zip bomb sheet":       {rawBook{rows: planRows(1), rowsFn: bombRows}.bytes(t), "the size of each part of a workbook"},
		"sheet lying its size": {lyingSheet(t), ""}, // refused as unreadable, not over a bound
		"huge shared strings":  {rawBook{rows: planRows(1), sharedFn: manyShared}.bytes(t), "shared strings"},
		"many merged ranges":   {rawBook{rows: planRows(10), merges: merges}.bytes(t), "merged ranges"},
		"huge shared cells": {rawBook{rows: append(planRows(0), bigCells...),
			shared: []string{"<t>x</t>", "<t>" + repeat("z", 1<<20) + "</t>"}}.bytes(t), "the text in a file"},
		"huge inline cells": {rawBook{rows: planRows(0), rowsFn: inlineHuge}.bytes(t), "the size of each part of a workbook"},
	}
	for name, h := range out {
		if len(h.data) > 1<<20 {
			t.Fatalf("%s: %d bytes; a hostile file here is small", name, len(h.data))
		}
	}
	return out
}

// lyingSheet is a workbook whose sheet declares 1 KiB unzipped and holds 40 MiB.
func lyingSheet(t *testing.T) []byte {
	good := rawBook{rows: planRows(1)}.bytes(t)
	zr, err := zip.NewReader(bytes.NewReader(good), int64(len(good)))
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for _, f := range zr.File {
		if f.Name != "xl/worksheets/sheet1.xml" {
			if err := zw.Copy(f); err != nil {
				t.Fatal(err)
			}
			continue
		}
		body := []byte(`<worksheet ` + mainNS + `><sheetData>` + repeat(`<row><c t="inlineStr"><is><t>BBBBBBBB</t></is></c></row>`, 700_000) + `</sheetData></worksheet>`)
		var comp bytes.Buffer
		fw, _ := flate.NewWriter(&comp, flate.BestSpeed)
		fw.Write(body)
		fw.Close()
		w, err := zw.CreateRaw(&zip.FileHeader{Name: f.Name, Method: zip.Deflate, CRC32: crc32.ChecksumIEEE(body),
			CompressedSize64: uint64(comp.Len()), UncompressedSize64: 1 << 10})
		if err != nil {
			t.Fatal(err)
		}
		w.Write(comp.Bytes())
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// Not parallel: the allocation is read from the whole process's counters,
// so nothing else may run while each file is read.
func TestHostileFilesRefusedQuicklyInLittleMemory(t *testing.T) {
	files := hostile(t)
	for name, h := range files {
		runtime.GC()
		var before, after runtime.MemStats
		runtime.ReadMemStats(&before)
		start := time.Now()
		res, err := planfile.Parse(h.data, planfile.Options{})
		took := time.Since(start)
		runtime.ReadMemStats(&after)
		alloc := after.TotalAlloc - before.TotalAlloc
		t.Logf("%s (%d KiB): refused in %v after %.1f MiB: %v", name, len(h.data)>>10, took.Round(time.Millisecond), float64(alloc)/(1<<20), err)
		if err == nil {
			t.Errorf("%s: read as %d actions, %d problems; want it refused", name, len(res.Plan.Actions), res.ProblemCount)
			continue
		}
		var le *planfile.LimitError
		if h.limit == "" && !strings.Contains(err.Error(), "does not unzip to what the zip's directory declares") {
			t.Errorf("%s: %v", name, err)
		}
		if h.limit != "" && (!errors.As(err, &le) || le.Limit != h.limit) {
			t.Errorf("%s: %v; want the limit on %s", name, err, h.limit)
		}
		if h.limit != "" && !strings.Contains(err.Error(), "over the limit on "+h.limit) {
			t.Errorf("%s: the message %q does not name the limit", name, err)
		}
		if took > 2*time.Second {
			t.Errorf("%s: took %v, want under 2 s", name, took)
		}
		if alloc > 100<<20 {
			t.Errorf("%s: allocated %.1f MiB, want under 100 MiB", name, float64(alloc)/(1<<20))
		}
	}
}

// As many merged ranges as a sheet may hold, each a whole row, on as many
// rows: read, and quickly (excelize resolves overlaps in time quadratic in
// the ranges, which is why they are bounded). Not parallel, and timed in CPU
// time, so that other tests and a busy machine do not count.
func TestMergedRangesAtTheBoundAreRead(t *testing.T) {
	var merges []string
	for i := 2; i < planfile.MaxMergedRanges+2; i++ {
		merges = append(merges, fmt.Sprintf("C%d:GR%d", i, i))
	}
	data := rawBook{rows: planRows(planfile.MaxMergedRanges), merges: merges}.bytes(t)
	before, start := cpuTime(t), time.Now()
	res, err := planfile.Parse(data, planfile.Options{})
	t.Logf("%d merged ranges read in %v of CPU, %v on the clock", planfile.MaxMergedRanges, cpuTime(t)-before, time.Since(start))
	if err != nil || len(res.Plan.Actions) != planfile.MaxMergedRanges {
		t.Fatalf("read: %v", err)
	}
	if took := cpuTime(t) - before; took > 2*time.Second {
		t.Errorf("took %v of CPU, want under 2 s", took)
	}
}

func cpuTime(t *testing.T) time.Duration {
	t.Helper()
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		t.Fatal(err)
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// A read stops when its context ends: the client left or the deadline passed.
func TestParseStopsWhenTheContextEnds(t *testing.T) {
	t.Parallel()
	data := rawBook{rows: planRows(500)}.bytes(t)
	if res, err := planfile.Parse(data, planfile.Options{}); err != nil || len(res.Plan.Actions) != 500 {
		t.Fatalf("the file itself: %v", err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := planfile.ParseContext(ctx, data, planfile.Options{}); !errors.Is(err, context.Canceled) {
		t.Fatalf("a cancelled read: %v", err)
	}
	if _, err := planfile.ParseContext(ctx, []byte("Ref,Action\n1.1,Train\n"), planfile.Options{}); !errors.Is(err, context.Canceled) {
		t.Fatalf("a cancelled CSV read: %v", err)
	}
}

// Cells are held to the rule for stored text, with their row and column: a
// NUL in a CSV cell or written as Excel's _x0000_, and bytes that are not
// UTF-8 in a workbook's cell or shared string.
func TestCellsMustBeText(t *testing.T) {
	t.Parallel()
	problem := func(t *testing.T, data []byte, want string) {
		t.Helper()
		res, err := planfile.Parse(data, planfile.Options{})
		if err != nil {
			t.Fatal(err)
		}
		var got []string
		for _, p := range res.Problems {
			got = append(got, p.String())
		}
		if !strings.Contains(strings.Join(got, "\n"), want) {
			t.Errorf("problems %q, want %q", got, want)
		}
	}
	t.Run("NUL in a CSV cell", func(t *testing.T) {
		t.Parallel()
		problem(t, []byte("Ref,Action,Lead\n1.1,Train SENCOs,DCO\n1.2,Audit\x00 plans,DCO\n"),
			"row 3, Action: contains characters that are not valid text (a NUL character)")
	})
	t.Run("_x0000_ in a shared string", func(t *testing.T) {
		t.Parallel()
		data := rawBook{rows: append(planRows(1), `<row r="3">`+inline("A3", "1.2")+shared("B3", 0)+inline("C3", "DCO")+`</row>`),
			shared: []string{"<t>Audit_x0000_plans</t>"}}.bytes(t)
		problem(t, data, "row 3, Action: contains characters that are not valid text (a NUL character)")
	})
	t.Run("not UTF-8 in a cell", func(t *testing.T) {
		t.Parallel()
		data := rawBook{rows: append(planRows(1), `<row r="3">`+inline("A3", "1.2")+inline("B3", "Caf\xe9 plans")+`</row>`)}.bytes(t)
		_, err := planfile.Parse(data, planfile.Options{})
		if err == nil || !strings.Contains(err.Error(), "row 3, column B is not valid text (bytes that are not UTF-8)") {
			t.Errorf("got %v", err)
		}
	})
	for name, cell := range map[string]string{"&#0;": "Audit&#0;plans", "&#x1F;": "Audit&#x1F;plans", "raw U+0001": "Audit\x01plans"} {
		t.Run("a control character as "+name, func(t *testing.T) {
			t.Parallel()
			data := rawBook{rows: append(planRows(1), `<row r="3">`+inline("A3", "1.2")+inline("B3", cell)+`</row>`)}.bytes(t)
			_, err := planfile.Parse(data, planfile.Options{})
			if err == nil || !strings.Contains(err.Error(), "row 3, column B is not valid text (") {
				t.Errorf("got %v", err)
			}
		})
	}
	t.Run("not UTF-8 in a shared string", func(t *testing.T) {
		t.Parallel()
		data := rawBook{rows: append(planRows(2), `<row r="4">`+inline("A4", "1.3")+inline("B4", "Plan")+shared("C4", 1)+`</row>`),
			shared: []string{"<t>DCO</t>", "<t>Head of S\xffND</t>"}}.bytes(t)
		_, err := planfile.Parse(data, planfile.Options{})
		if err == nil || !strings.Contains(err.Error(), "row 4, column C is not valid text (bytes that are not UTF-8)") {
			t.Errorf("got %v", err)
		}
	})
}
