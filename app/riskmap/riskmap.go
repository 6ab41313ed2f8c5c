// Package riskmap draws the 5 × 5 heat map of risks by likelihood and impact
// as server-side SVG with its table alternative, for the register page and
// the governance pack alike.
package riskmap

import (
	"fmt"
	"html"
	"html/template"
	"strings"

	"sendboard/models/risk"
)

// HeatMap is the register's 5 × 5 grid of open risks by likelihood and
// impact: an SVG picture and the same counts as a table, its alternative.
type HeatMap struct {
	SVG       template.HTML
	Rows      []Row // impact 5 down to 1
	Threshold int
	// Width and Height are the picture's size in CSS pixels.
	Width, Height int
}

// Row is one impact level's counts, likelihood 1 to 5.
type Row struct {
	Impact int
	Cells  []Cell
}

// Cell is one square of the grid.
type Cell struct {
	Likelihood, Impact, Score, Count int
	Band                             string // "high" (escalated), "medium" or "low"
}

// band words a score against the plan's threshold: at or above it risks are
// escalated; a third of the way below it they are watched.
func band(score, threshold int) string {
	switch {
	case score >= threshold:
		return "high"
	case score*3 >= threshold*2:
		return "medium"
	}
	return "low"
}

var bandColour = map[string][2]string{
	"high":   {"#d4351c", "#ffffff"},
	"medium": {"#ffdd00", "#0b0c0c"},
	"low":    {"#cce2d8", "#0b0c0c"},
}

// FromRisks counts the open risks in list by likelihood and impact and
// draws the grid.
func FromRisks(list []risk.Risk, threshold int) HeatMap {
	var counts [5][5]int
	for _, r := range list {
		if r.Status == risk.StatusOpen {
			counts[r.Likelihood-1][r.Impact-1]++
		}
	}
	return Draw(counts, threshold)
}

// Draw draws counts[likelihood-1][impact-1] as the grid: the picture is an
// image alone, and the table beside it (Rows) gives the same counts.
func Draw(c [5][5]int, threshold int) HeatMap {
	var counts [6][6]int
	for l := range 5 {
		for i := range 5 {
			counts[l+1][i+1] = c[l][i]
		}
	}
	hm := HeatMap{Threshold: threshold}
	for i := 5; i >= 1; i-- {
		row := Row{Impact: i}
		for l := 1; l <= 5; l++ {
			row.Cells = append(row.Cells, Cell{Likelihood: l, Impact: i, Score: l * i, Count: counts[l][i], Band: band(l*i, threshold)})
		}
		hm.Rows = append(hm.Rows, row)
	}
	const cell, left, top = 56, 64, 8
	w, h := left+5*cell+8, top+5*cell+48
	hm.Width, hm.Height = w, h
	var b strings.Builder
	total := 0
	for l := 1; l <= 5; l++ {
		for i := 1; i <= 5; i++ {
			total += counts[l][i]
		}
	}
	desc := fmt.Sprintf("Heat map of %d open risks and issues by likelihood (across) and impact (up); scores of %d or more are escalated. The table below gives the same counts.", total, threshold)
	fmt.Fprintf(&b, `<svg class="sb-heatmap" width="%d" height="%d" viewBox="0 0 %d %d" role="img" aria-label="%s"><title>%s</title>`,
		w, h, w, h, html.EscapeString(desc), html.EscapeString(desc))
	for _, row := range hm.Rows {
		for _, c := range row.Cells {
			x, y := left+(c.Likelihood-1)*cell, top+(5-c.Impact)*cell
			col := bandColour[c.Band]
			fmt.Fprintf(&b, `<rect x="%d" y="%d" width="%d" height="%d" fill="%s" stroke="#ffffff" stroke-width="2"/>`, x, y, cell, cell, col[0])
			if c.Count > 0 {
				fmt.Fprintf(&b, `<text x="%d" y="%d" text-anchor="middle" font-size="18" font-weight="700" fill="%s">%d</text>`,
					x+cell/2, y+cell/2+6, col[1], c.Count)
			}
		}
		fmt.Fprintf(&b, `<text x="%d" y="%d" text-anchor="end" font-size="14" fill="#0b0c0c">%d</text>`, left-8, top+(5-row.Impact)*cell+cell/2+5, row.Impact)
	}
	for l := 1; l <= 5; l++ {
		fmt.Fprintf(&b, `<text x="%d" y="%d" text-anchor="middle" font-size="14" fill="#0b0c0c">%d</text>`, left+(l-1)*cell+cell/2, top+5*cell+18, l)
	}
	fmt.Fprintf(&b, `<text x="%d" y="%d" text-anchor="middle" font-size="14" fill="#0b0c0c">Likelihood</text>`, left+5*cell/2, top+5*cell+40)
	fmt.Fprintf(&b, `<text x="14" y="%d" text-anchor="middle" font-size="14" fill="#0b0c0c" transform="rotate(-90 14 %d)">Impact</text>`, top+5*cell/2, top+5*cell/2)
	b.WriteString(`</svg>`)
	hm.SVG = template.HTML(b.String())
	return hm
}
