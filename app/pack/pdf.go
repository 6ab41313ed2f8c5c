package pack

import (
	"context"
	"html/template"

	packs "sendboard/models/pack"
)

// PDF renders p as an A4 board paper by printing its HTML rendering with pr:
// the same content and structure as the accessible HTML, the board and
// quarter at the top of every page and "Page n of N" at the foot.
func PDF(ctx context.Context, p *packs.Pack, pr *Printer) ([]byte, error) {
	if pr == nil {
		return nil, ErrNoPDF
	}
	doc, err := HTML(p)
	if err != nil {
		return nil, err
	}
	return pr.PDF(ctx, doc, pageHeader(p))
}

// pageHeader is what the top of every page says, in the page's margin.
func pageHeader(p *packs.Pack) string {
	esc := template.HTMLEscapeString
	return `<div style="font: 8px Arial, Helvetica, sans-serif; color: #505a5f; width: 100%; margin: 0 12mm; display: flex; justify-content: space-between">` +
		`<span>` + esc(p.BoardName) + ` – quarterly governance pack</span><span>` + esc(p.Quarter.String()) +
		`, generated ` + esc(shortDate(p.GeneratedAt)) + `</span></div>`
}
