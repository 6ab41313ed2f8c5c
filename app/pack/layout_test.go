package pack_test

import (
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"sendboard/app/pack"
	"sendboard/models/modeltest"
	"sendboard/models/pack/packtest"
)

var (
	headingTag = regexp.MustCompile(`<h([1-6])[ >]`)
	tableTag   = regexp.MustCompile(`(?s)<table[ >].*?</table>`)
)

// TestHTMLStructure checks what a screen reader and a phone depend on: one
// h1 and no skipped heading level, a caption and scoped headers on every
// table, and every table in a focusable scrolling region.
func TestHTMLStructure(t *testing.T) {
	t.Parallel()
	modeltest.EachWith(t, packtest.Loaded, func(t *testing.T, d modeltest.DB) {
		b, err := pack.HTML(build(t, d, packtest.Board, packtest.Quarter))
		if err != nil {
			t.Fatal(err)
		}
		h := string(b)
		levels := headingTag.FindAllStringSubmatch(h, -1)
		if len(levels) < 5 || levels[0][1] != "1" {
			t.Fatalf("headings %v: want an h1 first", levels)
		}
		prev := 1
		for _, l := range levels[1:] {
			n := int(l[1][0] - '0')
			if n == 1 {
				t.Error("a second h1")
			}
			if n > prev+1 {
				t.Errorf("h%d follows h%d", n, prev)
			}
			prev = n
		}
		tables := tableTag.FindAllString(h, -1)
		if len(tables) < 5 {
			t.Fatalf("only %d tables", len(tables))
		}
		for _, tb := range tables {
			head := tb[:min(120, len(tb))]
			if !strings.Contains(tb, "<caption") {
				t.Errorf("table without a caption: %s", head)
			}
			if !strings.Contains(tb, `<th scope="col"`) || !strings.Contains(tb, `<th scope="row"`) {
				t.Errorf("table without column and row headers: %s", head)
			}
		}
		if n, want := strings.Count(h, `<div class="pk-table" role="region" aria-labelledby="`), len(tables); n != want {
			t.Errorf("%d of %d tables sit in a labelled scrolling region", n, want)
		}
		for _, want := range []string{"overflow-x: auto", "@media screen and (max-width: 40em)", "data-label=\"Impact measure\"",
			"@page wide", ".pk-table { overflow: visible; }"} {
			if !strings.Contains(h, want) {
				t.Errorf("HTML lacks %q", want)
			}
		}
	})
}

// TestPDFActionsAreLandscape checks the actions table gets landscape pages
// and the parts around it stay portrait.
func TestPDFActionsAreLandscape(t *testing.T) {
	t.Parallel()
	pdfOnSQLite(t, func(t *testing.T, d modeltest.DB) {
		b := mustPDF(t, build(t, d, packtest.Board, packtest.Quarter))
		path := filepath.Join(t.TempDir(), "pack.pdf")
		if err := os.WriteFile(path, b, 0o600); err != nil {
			t.Fatal(err)
		}
		pages := strings.Split(pdfText(t, b), "\f")
		info, err := exec.Command("pdfinfo", "-f", "1", "-l", "999", path).Output()
		if err != nil {
			t.Fatalf("pdfinfo: %v", err)
		}
		sizes := regexp.MustCompile(`Page\s+\d+ size:\s+([\d.]+) x ([\d.]+)`).FindAllStringSubmatch(string(info), -1)
		if len(sizes) < len(pages)-1 {
			t.Fatalf("%d page sizes for %d pages", len(sizes), len(pages))
		}
		landscape := func(i int) bool { return sizes[i][1] > sizes[i][2] } // "841.89" > "595.28" as text too
		for i, text := range pages[:len(sizes)] {
			switch {
			case strings.Contains(text, "3. Actions governed by") && !landscape(i):
				t.Errorf("page %d starts the actions but is portrait", i+1)
			case strings.Contains(text, "4. SENDIASS KPIs") && landscape(i):
				t.Errorf("page %d starts the KPIs but is landscape", i+1)
			case i == 0 && landscape(i):
				t.Error("the cover is landscape")
			}
		}
	})
}

// TestHTMLIsACompleteDocument checks the stored HTML, offered as the
// accessible version, stands on its own: a language, a title naming the pack,
// one main landmark holding the content; the preview embedded in the packs
// page (which has its own main) has none.
func TestHTMLIsACompleteDocument(t *testing.T) {
	t.Parallel()
	d := modeltest.SQLiteWith(t, packtest.Loaded)
	p := build(t, d, packtest.Board, packtest.Quarter)
	b, err := pack.HTML(p)
	if err != nil {
		t.Fatal(err)
	}
	h := string(b)
	for _, want := range []string{`<!DOCTYPE html>`, `<html lang="en-GB">`, `<title>` + packtest.Board + ` – governance pack 2024-25 Q4</title>`,
		`<body class="pk-doc"><main>`, `</main></body>`} {
		if !strings.Contains(h, want) {
			t.Errorf("HTML pack lacks %q", want)
		}
	}
	if n := strings.Count(h, "<main"); n != 1 {
		t.Errorf("%d main landmarks, want 1", n)
	}
	body, err := pack.HTMLBody(p)
	if err != nil {
		t.Fatal(err)
	}
	if strings.Contains(string(body), "<main") {
		t.Error("the preview brings a second main landmark into the packs page")
	}
}
