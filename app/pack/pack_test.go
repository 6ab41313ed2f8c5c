package pack_test

import (
	"bytes"
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"sendboard/app/pack"
	"sendboard/app/pack/pdftest"
	"sendboard/models"
	"sendboard/models/measure"
	"sendboard/models/modeltest"
	packs "sendboard/models/pack"
	"sendboard/models/pack/packtest"
)

var now = time.Date(2025, 4, 10, 9, 0, 0, 0, time.UTC)

func build(t *testing.T, d modeltest.DB, board, quarter string) *packs.Pack {
	t.Helper()
	q, err := packs.ParseQuarter(quarter)
	if err != nil {
		t.Fatal(err)
	}
	p, err := packs.Build(context.Background(), d.DB, packs.Request{Board: board, Quarter: q}, now)
	if err != nil {
		t.Fatal(err)
	}
	p.GeneratedBy = "Test Board Member"
	return p
}

// pdfText extracts a PDF's text with poppler's pdftotext, keeping the layout
// so table cells stay on their lines.
func pdfText(t *testing.T, pdf []byte) string {
	t.Helper()
	pdftest.NeedPoppler(t)
	path := filepath.Join(t.TempDir(), "pack.pdf")
	if err := os.WriteFile(path, pdf, 0o600); err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command("pdftotext", "-layout", path, "-").Output()
	if err != nil {
		t.Fatalf("pdftotext: %v", err)
	}
	return string(out)
}

func TestPDFHasEveryGovernedAction(t *testing.T) {
	t.Parallel()
	pdfOnSQLite(t, func(t *testing.T, d modeltest.DB) {
		f := packtest.Find(t, d.DB)
		p := build(t, d, packtest.Board, packtest.Quarter)
		b, err := pack.PDF(context.Background(), p, printer(t))
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.HasPrefix(b, []byte("%PDF-")) {
			t.Fatalf("not a PDF: %q", b[:min(20, len(b))])
		}
		text := pdfText(t, b)
		for _, want := range []string{packtest.Board, "2024-25 Q4", "Page 1 of", "1. Summary", "2. Exceptions",
			"4. SENDIASS KPIs", "Recruitment has stalled", "Pat Lead"} {
			if !strings.Contains(text, want) {
				t.Errorf("PDF text lacks %q", want)
			}
		}
		// Every governed number appears as a cell in the actions part.
		start := strings.Index(text, "3. Actions governed by")
		end := start + strings.Index(text[start:], "4. SENDIASS KPIs")
		actionsPart := text[start:end]
		for _, a := range p.Actions {
			if !containsCell(actionsPart, a.Number) {
				t.Errorf("PDF actions part lacks action %s", a.Number)
			}
		}
		if containsCell(actionsPart, f.Outsider.Number) && !governs(p, f.Outsider.Number) {
			t.Errorf("PDF lists %s, which the board does not govern", f.Outsider.Number)
		}
		// The header repeats on every page, so there are as many as pages.
		pages := strings.Count(text, "\f")
		if n := strings.Count(text, "quarterly governance pack"); pages < 5 || n < pages {
			t.Errorf("%d pages, header seen %d times", pages, n)
		}
		if out := os.Getenv("PACK_TEST_OUT"); out != "" && d.Name == "sqlite" {
			os.WriteFile(out, b, 0o644)
		}
	})
}

func governs(p *packs.Pack, number string) bool {
	for _, a := range p.Actions {
		if a.Number == number {
			return true
		}
	}
	return false
}

// containsCell reports whether number appears as a whole word (so "1.1" does
// not match inside "1.10").
func containsCell(text, number string) bool {
	for _, line := range strings.Split(text, "\n") {
		for _, w := range strings.Fields(line) {
			if w == number {
				return true
			}
		}
	}
	return false
}

func TestXLSXSheetsAndRows(t *testing.T) {
	t.Parallel()
	modeltest.EachWith(t, packtest.Loaded, func(t *testing.T, d modeltest.DB) {
		f := packtest.Find(t, d.DB)
		p := build(t, d, packtest.Board, packtest.Quarter)
		b, err := pack.XLSX(p)
		if err != nil {
			t.Fatal(err)
		}
		x, err := excelize.OpenReader(bytes.NewReader(b))
		if err != nil {
			t.Fatal(err)
		}
		defer x.Close()
		if got := x.GetSheetList(); strings.Join(got, ",") != strings.Join(pack.Sheets, ",") {
			t.Errorf("sheets = %v, want %v", got, pack.Sheets)
		}
		rows := func(sheet string) [][]string {
			r, err := x.GetRows(sheet)
			if err != nil {
				t.Fatal(err)
			}
			return r
		}
		if got := len(rows("Actions")); got != len(p.Actions)+1 {
			t.Errorf("Actions has %d rows, want %d", got, len(p.Actions)+1)
		}
		if got := len(rows("Appendix")); got != len(p.Updates)+1 || len(p.Updates) != f.InQuarter {
			t.Errorf("Appendix has %d rows for %d updates", got, len(p.Updates))
		}
		if got := len(rows("Exceptions")); got != len(p.Exceptions)+1 {
			t.Errorf("Exceptions has %d rows, want %d", got, len(p.Exceptions)+1)
		}
		// Numbers and dates are typed cells, not text.
		if typ, _ := x.GetCellType("Summary", "C2"); typ != excelize.CellTypeNumber && typ != excelize.CellTypeUnset {
			t.Errorf("summary count cell type = %v", typ)
		}
		raw, _ := x.GetCellValue("Appendix", "A2", excelize.Options{RawCellValue: true})
		if raw == "" || strings.Contains(raw, "-") {
			t.Errorf("appendix date stored as %q, want a date serial", raw)
		}
		kpi, _ := x.GetCellValue("KPIs", "N2", excelize.Options{RawCellValue: true})
		if kpi == "" {
			t.Errorf("KPI value for %s missing", p.KPIs[0].Periods[7])
		}
	})
}

func TestHTMLAndEmptyCases(t *testing.T) {
	t.Parallel()
	modeltest.EachWith(t, packtest.Loaded, func(t *testing.T, d modeltest.DB) {
		d.DB.Create(&models.Board{Name: "Empty Board", Slug: "empty-board"})
		d.DB.Create(&measure.KPI{Code: "test.none", Name: "Never reported", Unit: "count", Frequency: "quarterly", Direction: "up", SortOrder: 99})
		p := build(t, d, "Empty Board", "2023-24 Q2")
		out := map[string][]byte{}
		for _, f := range packs.Formats {
			b, err := pack.Render(context.Background(), p, f, printer(t))
			if err != nil {
				t.Fatalf("%s of an empty pack: %v", f, err)
			}
			out[f] = b
		}
		h := out[packs.HTML]
		text := pdfText(t, out[packs.PDF])
		for _, want := range []string{"This board governs no actions", "No progress updates were made in 2023-24 Q2",
			"No quarterly figures reported"} {
			if !strings.Contains(string(h), want) {
				t.Errorf("HTML lacks %q", want)
			}
			if !strings.Contains(text, want) {
				t.Errorf("PDF lacks %q", want)
			}
		}
		full := build(t, d, packtest.Board, packtest.Quarter)
		h, _ = pack.HTML(full)
		for _, want := range []string{"<!DOCTYPE html>", "@media print", "data:image/svg", "Recruitment has stalled"} {
			if !strings.Contains(string(h), want) {
				t.Errorf("HTML lacks %q", want)
			}
		}
	})
}

func mustPDF(t *testing.T, p *packs.Pack) []byte {
	t.Helper()
	b, err := pack.PDF(context.Background(), p, printer(t))
	if err != nil {
		t.Fatal(err)
	}
	return b
}
