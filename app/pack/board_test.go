package pack_test

import (
	"bytes"
	"context"
	"slices"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"sendboard/app/pack"
	"sendboard/models/modeltest"
	"sendboard/models/pack/packtest"
)

// sheetRows reads every sheet of an XLSX pack back with excelize.
func sheetRows(t *testing.T, b []byte) map[string][][]string {
	t.Helper()
	x, err := excelize.OpenReader(bytes.NewReader(b))
	if err != nil {
		t.Fatal(err)
	}
	defer x.Close()
	out := map[string][][]string{}
	for _, s := range x.GetSheetList() {
		rows, err := x.GetRows(s)
		if err != nil {
			t.Fatal(err)
		}
		out[s] = rows
	}
	return out
}

func column(rows [][]string, c int) []string {
	var out []string
	for _, r := range rows[1:] {
		if c < len(r) {
			out = append(out, r[c])
		}
	}
	return out
}

// TestBoardPartsInHTMLAndXLSX: the board's pack carries its escalated risks
// with the heat map, its decisions, its action log and RAG by period in the
// HTML and in the XLSX sheets "Risks", "Decisions", "Board actions" and "RAG
// by period"; made again after later edits, the past quarter's pack is the
// same, byte for byte in HTML and cell for cell in XLSX, while the next
// quarter's has the 4 × 4 risk out at 3 × 4.
func TestBoardPartsInHTMLAndXLSX(t *testing.T) {
	t.Parallel()
	modeltest.EachWith(t, packtest.Loaded, func(t *testing.T, d modeltest.DB) {
		b := packtest.AddBusiness(t, d.DB)
		p := build(t, d, packtest.Board, packtest.Quarter)
		html, err := pack.HTML(p)
		if err != nil {
			t.Fatal(err)
		}
		h := string(html)
		for _, want := range []string{"6. Risks and issues escalated to the board", "Therapy waits ≥ 18 weeks → Ŵ", "Funding gap ı",
			`alt="Heat map of the 3 open risks and issues`, "Fund Łódź-style hubs → yes?", "Adopted ≥ unanimously", "SIB/25/07",
			"Chair to write to the ICB about therapy waits", "Open, overdue", "Circulate the SEF → Şebnem", "9. RAG by review period"} {
			if !strings.Contains(h, want) {
				t.Errorf("HTML lacks %q", want)
			}
		}
		// The areas' highlight reports list their own top risks; the board's
		// escalated risks are its own section.
		risks := h[strings.Index(h, `id="pk-risks"`):strings.Index(h, `id="pk-decisions"`)]
		if strings.Contains(risks, "Another board&#39;s risk") || strings.Contains(risks, "Another board's risk") {
			t.Error("HTML lists a risk escalated to another board only")
		}
		xl, err := pack.XLSX(p)
		if err != nil {
			t.Fatal(err)
		}
		sheets := sheetRows(t, xl)
		for _, s := range []string{"Risks", "Decisions", "Board actions", "RAG by period"} {
			if _, ok := sheets[s]; !ok {
				t.Fatalf("no sheet %q", s)
			}
		}
		if got := column(sheets["Risks"], 0); !slices.Equal(got, []string{"Therapy waits ≥ 18 weeks → Ŵ", "Funding gap ı"}) {
			t.Errorf("Risks sheet = %q", got)
		}
		if got := column(sheets["Risks"], 6); !slices.Equal(got, []string{"16", "15"}) {
			t.Errorf("Risks scores = %q", got)
		}
		if got := column(sheets["Decisions"], 1); !slices.Equal(got, []string{"Open", "Decided"}) {
			t.Errorf("Decisions statuses = %q", got)
		}
		if got := column(sheets["Board actions"], 4); !slices.Equal(got, []string{"Open, overdue", "Done"}) {
			t.Errorf("Board actions statuses = %q", got)
		}
		rag := sheets["RAG by period"]
		if len(rag) != len(p.Actions)+1 || rag[0][len(rag[0])-1] != "RAG "+packtest.Quarter || rag[1][len(rag[1])-1] != "Red" {
			t.Errorf("RAG by period: header %q, first row %q, %d rows for %d actions", rag[0], rag[1], len(rag), len(p.Actions))
		}

		packtest.EditLater(t, d.DB, b)
		again := build(t, d, packtest.Board, packtest.Quarter)
		html2, err := pack.HTML(again)
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(html, html2) {
			t.Error("the past quarter's HTML changed after later edits")
		}
		xl2, err := pack.XLSX(again)
		if err != nil {
			t.Fatal(err)
		}
		for s, rows := range sheetRows(t, xl2) {
			if !slices.EqualFunc(rows, sheets[s], slices.Equal) {
				t.Errorf("sheet %q of the past pack changed after later edits", s)
			}
		}
		next := build(t, d, packtest.Board, "2025-26 Q1")
		xl3, err := pack.XLSX(next)
		if err != nil {
			t.Fatal(err)
		}
		later := sheetRows(t, xl3)
		if got := column(later["Risks"], 0); !slices.Equal(got, []string{"Funding gap ı"}) {
			t.Errorf("next quarter's Risks = %q, want the 3 × 4 risk out", got)
		}
		if got := column(later["Decisions"], 0); !slices.Equal(got, []string{"Fund Łódź-style hubs → yes?", "Extend the pilot?"}) {
			t.Errorf("next quarter's Decisions = %q", got)
		}
	})
}

// TestPDFHasBoardParts prints the board's pack: the risks, decisions, board
// actions and RAG by period reach the PDF, the heat map with them.
func TestPDFHasBoardParts(t *testing.T) {
	t.Parallel()
	pr := printer(t)
	pdfOnSQLite(t, func(t *testing.T, d modeltest.DB) {
		packtest.AddBusiness(t, d.DB)
		p := build(t, d, packtest.Board, packtest.Quarter)
		b, err := pack.PDF(context.Background(), p, pr)
		if err != nil {
			t.Fatal(err)
		}
		text := pdfText(t, b)
		for _, want := range []string{"Risks and issues escalated to the board", "Therapy waits", "Decisions required",
			"Fund Łódź-style hubs → yes?", "Board action log", "Circulate the SEF → Şebnem", "RAG by review period", "Likelihood"} {
			if !strings.Contains(text, want) {
				t.Errorf("PDF text lacks %q", want)
			}
		}
	})
}
