package pack

import (
	"strings"

	"codeberg.org/go-pdf/fpdf"
)

// rgb is a fill colour.
type rgb struct{ r, g, b int }

// pdfDoc wraps fpdf with the pack's page furniture and a table writer that
// breaks cleanly between rows and repeats the header on every page.
type pdfDoc struct {
	f      *fpdf.Fpdf
	tr     func(string) string // UTF-8 to the core fonts' cp1252
	left   float64
	width  float64 // usable width
	bottom float64 // the y a row must end above
	orient string  // "P" or "L": the orientation of pages to come
}

// newPage starts an A4 page in d.orient, resizing the usable area first so
// the page header drawn by AddPageFormat spans the new width.
func (d *pdfDoc) newPage() {
	w, h := 210.0, 297.0
	if d.orient == "L" {
		w, h = h, w
	}
	d.width, d.bottom = w-2*d.left, h-20
	d.f.AddPageFormat(d.orient, fpdf.SizeType{Wd: 210, Ht: 297}) // fpdf turns it for "L"
}

const (
	lineH   = 4.0 // mm per line of 8.5pt text (1.33 leading)
	cellPad = 1.2
)

// pdfTable describes a table: header labels, column widths (mm, summing to
// the usable width) and per-column alignment ("L" or "R").
type pdfTable struct {
	headers []string
	widths  []float64
	aligns  []string
	fill    func(row, col int) *rgb // a cell's background, or nil
}

// table writes rows, starting a new page (with the header again) whenever the
// next row would not fit, so no row is ever split across pages.
func (d *pdfDoc) table(t pdfTable, rows [][]string) {
	d.tableHeader(t)
	for i, row := range rows {
		lines := make([][]string, len(row))
		n := 1
		for c, cell := range row {
			lines[c] = d.split(cell, t.widths[c]-2*cellPad)
			n = max(n, len(lines[c]))
		}
		maxLines := int((d.bottom - 40) / lineH) // what fits on an empty page below the header
		if n > maxLines {
			n = maxLines
			for c := range lines {
				if len(lines[c]) > n {
					lines[c] = append(lines[c][:n-1], lines[c][n-1]+" ...")
				}
			}
		}
		h := float64(n)*lineH + 2*cellPad
		if d.f.GetY()+h > d.bottom {
			d.newPage()
			d.tableHeader(t)
		}
		d.row(t, i, lines, h)
	}
	d.f.Ln(4)
}

func (d *pdfDoc) tableHeader(t pdfTable) {
	f := d.f
	f.SetFont("Helvetica", "B", 8.5)
	f.SetFillColor(29, 112, 184)
	f.SetTextColor(255, 255, 255)
	h := 0.0
	split := make([][]string, len(t.headers))
	for c, s := range t.headers {
		split[c] = d.split(s, t.widths[c]-2*cellPad)
		h = max(h, float64(len(split[c]))*lineH+2*cellPad)
	}
	x, y := d.left, f.GetY()
	for c := range t.headers {
		f.Rect(x, y, t.widths[c], h, "F")
		d.lines(split[c], x, y, t.widths[c], t.aligns[c])
		x += t.widths[c]
	}
	f.SetXY(d.left, y+h)
	f.SetTextColor(11, 12, 12)
	f.SetFont("Helvetica", "", 8.5)
}

func (d *pdfDoc) row(t pdfTable, i int, lines [][]string, h float64) {
	f := d.f
	x, y := d.left, f.GetY()
	for c := range lines {
		if t.fill != nil {
			if col := t.fill(i, c); col != nil {
				f.SetFillColor(col.r, col.g, col.b)
				f.Rect(x, y, t.widths[c], h, "F")
			}
		}
		d.lines(lines[c], x, y, t.widths[c], t.aligns[c])
		x += t.widths[c]
	}
	f.SetDrawColor(177, 180, 182)
	f.SetLineWidth(0.2)
	f.Line(d.left, y+h, d.left+d.width, y+h)
	f.SetXY(d.left, y+h)
}

// lines writes already split lines into a cell whose top-left is x, y.
func (d *pdfDoc) lines(ls []string, x, y, w float64, align string) {
	for j, l := range ls {
		d.f.SetXY(x+cellPad, y+cellPad+float64(j)*lineH)
		d.f.CellFormat(w-2*cellPad, lineH, l, "", 0, align, false, 0, "")
	}
}

// split translates s and wraps it to width w in the current font.
func (d *pdfDoc) split(s string, w float64) []string {
	if s == "" {
		return []string{""}
	}
	raw := d.f.SplitLines([]byte(d.tr(s)), w)
	out := make([]string, len(raw))
	for i, l := range raw {
		out[i] = string(l)
	}
	return out
}

// para writes a paragraph across the usable width.
func (d *pdfDoc) para(s string, size float64, style string) {
	d.f.SetFont("Helvetica", style, size)
	d.f.SetX(d.left)
	d.f.MultiCell(d.width, size*0.45, d.tr(s), "", "L", false)
	d.f.Ln(1.5)
}

// heading starts a numbered part on a new page.
func (d *pdfDoc) heading(s string) {
	d.newPage()
	d.f.Bookmark(d.tr(s), 0, -1)
	d.f.SetFont("Helvetica", "B", 16)
	d.f.SetTextColor(11, 12, 12)
	d.f.SetX(d.left)
	d.f.CellFormat(d.width, 9, d.tr(s), "", 1, "L", false, 0, "")
	d.f.SetDrawColor(29, 112, 184)
	d.f.SetLineWidth(0.8)
	d.f.Line(d.left, d.f.GetY(), d.left+d.width, d.f.GetY())
	d.f.Ln(3)
}

// subheading keeps itself with at least need mm of what follows.
func (d *pdfDoc) subheading(s string, need float64) {
	if d.f.GetY()+8+need > d.bottom {
		d.newPage()
	}
	d.f.SetFont("Helvetica", "B", 11.5)
	d.f.SetX(d.left)
	d.f.CellFormat(d.width, 7, d.tr(s), "", 1, "L", false, 0, "")
}

// ragFill is the background of a RAG cell.
func ragFill(r string) *rgb {
	switch r {
	case "red":
		return &rgb{244, 205, 198}
	case "amber":
		return &rgb{252, 214, 195}
	case "green":
		return &rgb{204, 226, 216}
	case "blue":
		return &rgb{187, 212, 234}
	}
	return nil
}

// ragShort is a RAG rating in a narrow table column.
func ragShort(r string) string {
	if r == "" {
		return "Not rated"
	}
	return strings.ToUpper(r[:1]) + r[1:]
}
