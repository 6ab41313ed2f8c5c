package app

import (
	"fmt"
	"html"
	"html/template"
	"strconv"
	"strings"

	"sendboard/models"
)

// stackPart is one segment kind of a stacked bar: a status or a RAG rating.
type stackPart struct {
	Key, Label, Colour string
	Pattern            bool // hatched, so colour is never the only cue
}

var statusParts = []stackPart{
	{models.StatusNotStarted, "Not started", "#b1b4b6", true},
	{models.StatusInProgress, "In progress", "#5694ca", false},
	{models.StatusComplete, "Complete", "#003078", false},
}

var ragParts = []stackPart{
	{"red", "Red", "#d4351c", false},
	{"amber", "Amber", "#f47738", true},
	{"green", "Green", "#00703c", false},
	{"blue", "Blue (complete)", "#1d70b8", true},
	{"", "Not rated", "#b1b4b6", true},
}

// chartTable is a stacked-bar chart of counts by priority area and the same
// figures as a table, its accessible alternative.
type chartTable struct {
	ID, Title string
	SVG       template.HTML
	Parts     []stackPart
	Rows      []chartRow
}

// chartRow is one priority area's counts, in Parts order.
type chartRow struct {
	Label, Title, Href string
	Counts             []int64
	Total              int64
}

// priorityCharts builds the status and RAG bars of d's priority areas.
func priorityCharts(d *dashboardData) []chartTable {
	build := func(id, title, key string, parts []stackPart, by map[uint]map[string]int64) chartTable {
		ct := chartTable{ID: id, Title: title, Parts: parts}
		for _, p := range d.Ref.PriorityAreas {
			r := chartRow{Label: "Area " + strconv.Itoa(p.Number), Title: p.Title,
				Href: withQuery(d.BasePath, d.Query, "priority", strconv.Itoa(p.Number))}
			for _, part := range parts {
				n := by[p.ID][part.Key]
				r.Counts, r.Total = append(r.Counts, n), r.Total+n
			}
			ct.Rows = append(ct.Rows, r)
		}
		ct.SVG = stackedBars(ct)
		return ct
	}
	return []chartTable{
		build("chart-status", "Status by priority area", "status", statusParts, d.Summary.ByPriorityStatus),
		build("chart-rag", "RAG by priority area", "rag", ragParts, d.Summary.ByPriorityRAG),
	}
}

// stackedBars draws horizontal stacked bars, one per row, scaled to the
// largest row, with a legend. It scales with its box (viewBox), so it never
// widens a phone's page.
func stackedBars(ct chartTable) template.HTML {
	const labelW, barW, rowH, barH, legendH = 70.0, 330.0, 34.0, 22.0, 26.0
	var most int64 = 1
	for _, r := range ct.Rows {
		most = max(most, r.Total)
	}
	h := float64(len(ct.Rows))*rowH + legendH*float64((len(ct.Parts)+2)/3) + 8
	w := labelW + barW + 40
	var b strings.Builder
	fmt.Fprintf(&b, `<svg class="sb-chart" viewBox="0 0 %.0f %.0f" role="img" aria-labelledby="%s-t" focusable="false">`, w, h, ct.ID)
	fmt.Fprintf(&b, `<title id="%s-t">%s: %s</title>`, ct.ID, html.EscapeString(ct.Title), html.EscapeString(chartSummary(ct)))
	b.WriteString(`<defs>`)
	for i, p := range ct.Parts {
		if p.Pattern {
			fmt.Fprintf(&b, `<pattern id="%s-p%d" width="6" height="6" patternUnits="userSpaceOnUse" patternTransform="rotate(45)"><rect width="6" height="6" fill="%s"/><line x1="0" y1="0" x2="0" y2="6" stroke="#fff" stroke-width="2"/></pattern>`, ct.ID, i, p.Colour)
		}
	}
	b.WriteString(`</defs>`)
	fill := func(i int) string {
		if ct.Parts[i].Pattern {
			return fmt.Sprintf("url(#%s-p%d)", ct.ID, i)
		}
		return ct.Parts[i].Colour
	}
	for i, r := range ct.Rows {
		y := float64(i)*rowH + 4
		fmt.Fprintf(&b, `<text x="0" y="%.1f" font-size="14" fill="#0b0c0c">%s</text>`, y+barH*0.75, html.EscapeString(r.Label))
		x := labelW
		for j, n := range r.Counts {
			if n == 0 {
				continue
			}
			bw := barW * float64(n) / float64(most)
			fmt.Fprintf(&b, `<rect x="%.1f" y="%.1f" width="%.1f" height="%.0f" fill="%s" stroke="#fff" stroke-width="1"/>`, x, y, bw, barH, fill(j))
			x += bw
		}
		fmt.Fprintf(&b, `<text x="%.1f" y="%.1f" font-size="14" fill="#0b0c0c">%d</text>`, x+4, y+barH*0.75, r.Total)
	}
	ly := float64(len(ct.Rows))*rowH + 8
	for i, p := range ct.Parts {
		x, y := float64(i%3)*145, ly+float64(i/3)*legendH
		fmt.Fprintf(&b, `<rect x="%.0f" y="%.0f" width="16" height="16" fill="%s" stroke="#0b0c0c" stroke-width="0.5"/><text x="%.0f" y="%.0f" font-size="13" fill="#0b0c0c">%s</text>`,
			x, y, fill(i), x+21, y+13, html.EscapeString(p.Label))
	}
	b.WriteString(`</svg>`)
	return template.HTML(b.String())
}

// chartSummary words a chart's figures for its accessible name.
func chartSummary(ct chartTable) string {
	var rows []string
	for _, r := range ct.Rows {
		var parts []string
		for i, n := range r.Counts {
			if n > 0 {
				parts = append(parts, fmt.Sprintf("%d %s", n, strings.ToLower(ct.Parts[i].Label)))
			}
		}
		if len(parts) == 0 {
			parts = []string{"none"}
		}
		rows = append(rows, r.Label+": "+strings.Join(parts, ", "))
	}
	return strings.Join(rows, "; ")
}
