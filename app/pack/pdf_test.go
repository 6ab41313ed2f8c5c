package pack_test

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"sendboard/app/pack"
	"sendboard/app/pack/pdftest"
	"sendboard/models/modeltest"
	"sendboard/models/pack/packtest"
)

// thePrinter is shared by the package's tests, so they print one at a time
// as the app does.
var (
	thePrinter     pack.Printer
	thePrinterOnce sync.Once
)

// printer is Chromium as the app finds it; the test fails in CI without one.
func printer(t testing.TB) *pack.Printer {
	t.Helper()
	path := pdftest.Chromium(t)
	thePrinterOnce.Do(func() { thePrinter.Path = path })
	return &thePrinter
}

// pdfOnSQLite runs a PDF test once, on a copy of the pack quarter on SQLite:
// the PDF is the HTML printed, so what it shows does not depend on the
// database, and the HTML and XLSX tests cover both. Printing takes seconds.
func pdfOnSQLite(t *testing.T, fn func(t *testing.T, d modeltest.DB)) {
	t.Helper()
	t.Run("sqlite", func(t *testing.T) { fn(t, modeltest.SQLiteWith(t, packtest.Loaded)) })
}

// TestPDFIsTaggedWithEveryCharacter prints the fixture pack and reads it back
// with poppler: tagged, PDF 1.4 or later, titled, every font embedded with a
// Unicode map, in British English, names and symbols in every script given back by pdftotext, a
// bookmark for each section and its headings and tables in the structure.
func TestPDFIsTaggedWithEveryCharacter(t *testing.T) {
	t.Parallel()
	pr := printer(t)
	pdftest.NeedPoppler(t)
	pdfOnSQLite(t, func(t *testing.T, d modeltest.DB) {
		p := build(t, d, packtest.Board, packtest.Quarter)
		b, err := pack.PDF(context.Background(), p, pr)
		if err != nil {
			t.Fatal(err)
		}
		info := pdftest.Info(t, b)
		if info["Tagged"] != "yes" {
			t.Errorf("pdfinfo Tagged: %q, want yes", info["Tagged"])
		}
		if v, _ := strconv.ParseFloat(info["PDF version"], 64); v < 1.4 {
			t.Errorf("PDF version %q, want 1.4 or later", info["PDF version"])
		}
		if want := packtest.Board + " – governance pack " + packtest.Quarter; info["Title"] != want {
			t.Errorf("Title %q, want %q", info["Title"], want)
		}
		// The catalog (written uncompressed) gives the language and asks
		// viewers to show the title rather than the file name.
		for _, want := range []string{"/Lang (en-GB)", "/DisplayDocTitle true"} {
			if !bytes.Contains(b, []byte(want)) {
				t.Errorf("the PDF's catalog lacks %s", want)
			}
		}
		fonts := pdftest.Fonts(t, b)
		if len(fonts) == 0 {
			t.Error("pdffonts lists no fonts")
		}
		for _, f := range fonts {
			if !f.Embedded || !f.Uni {
				t.Errorf("font %s (%s): embedded %v, Unicode map %v; want both", f.Name, f.Type, f.Embedded, f.Uni)
			}
		}
		text := pdftest.Text(t, b)
		for _, want := range []string{"Łukasiewicz", "Şebnem Yıldız", "ŵyr", "ŷd", "Nguyễn Thị Hồng", "محمد",
			"≥ 95%", "→ target met", "£1,200", "€1,400", "Recruitment has stalled", "Pat Lead"} {
			if !strings.Contains(text, want) {
				t.Errorf("pdftotext lost %q", want)
			}
		}
		// Every page, portrait or landscape, names the pack and is numbered.
		pages := strings.Split(strings.TrimSuffix(pdfText(t, b), "\f"), "\f")
		for i, pg := range pages {
			if want := fmt.Sprintf("Page %d of %d", i+1, len(pages)); !strings.Contains(pg, want) || !strings.Contains(pg, packtest.Board+" – quarterly governance pack") {
				t.Errorf("page %d lacks %q or the pack's name in its margins", i+1, want)
			}
		}
		outline := strings.Join(pdftest.Outline(t, b), "\n")
		for _, want := range []string{packtest.Board, "1. Summary", "2. Exceptions", "3. Actions governed by " + packtest.Board,
			"4. SENDIASS KPIs", "KPIs off track", "5. Highlight reports by area", "6. Risks and issues escalated to the board", "7. Decisions",
			"8. Board action log", "9. RAG by review period", "10. Appendix: progress updates in " + packtest.Quarter} {
			if !strings.Contains(outline, want) {
				t.Errorf("no bookmark %q in the outline:\n%s", want, outline)
			}
		}
		st := pdftest.Structure(t, b)
		for _, want := range []string{"H1", "H2", "Table", "TH", "TD", "Caption", "Figure"} {
			if !regexp.MustCompile(`(?m)^\s*` + want + `\b`).MatchString(st) {
				t.Errorf("the structure tree has no %s element", want)
			}
		}
		if t.Failed() {
			t.Logf("structure:\n%s", st[:min(3000, len(st))])
		}
	})
}

// TestPrinterLimits: no printer means no PDF, said plainly; a printer's
// deadline covers starting Chromium, so a PDF that cannot be made in time is
// an error, not a hang.
func TestPrinterLimits(t *testing.T) {
	t.Parallel()
	var none *pack.Printer
	if _, err := none.PDF(context.Background(), []byte("<!DOCTYPE html><title>x</title>"), ""); !errors.Is(err, pack.ErrNoPDF) {
		t.Errorf("no printer: %v, want ErrNoPDF", err)
	}
	slow := &pack.Printer{Path: pdftest.Chromium(t), Timeout: time.Millisecond}
	start := time.Now()
	if _, err := slow.PDF(context.Background(), []byte("<!DOCTYPE html><title>x</title><p>x"), ""); err == nil {
		t.Error("a PDF printed within a millisecond: the deadline is not applied")
	}
	if d := time.Since(start); d > 30*time.Second {
		t.Errorf("a 1 ms deadline took %s to give up", d)
	}
}
