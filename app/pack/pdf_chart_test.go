package pack

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"testing"

	"codeberg.org/go-pdf/fpdf"

	"sendboard/app/pack/pdftest"
	packs "sendboard/models/pack"
)

var bboxWord = regexp.MustCompile(`<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)</word>`)

type word struct {
	x0, y0, x1, y1 float64
	text           string
}

// chartWords draws k's chart alone on an A4 page and returns the words on it
// with their boxes in points, as poppler reads them.
func chartWords(t *testing.T, k packs.KPI) (bool, []word) {
	t.Helper()
	pdftest.NeedPoppler(t)
	f := fpdf.New("P", "mm", "A4", "")
	f.SetMargins(15, 20, 15)
	f.AddPage()
	d := &pdfDoc{f: f, tr: f.UnicodeTranslatorFromDescriptor(""), left: 15, width: 180, bottom: 277, orient: "P"}
	drawn := d.pdfChart(k)
	var buf bytes.Buffer
	if err := f.Output(&buf); err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "chart.pdf")
	if err := os.WriteFile(path, buf.Bytes(), 0o600); err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command("pdftotext", "-bbox", path, "-").Output()
	if err != nil {
		t.Fatalf("pdftotext (apt-get install poppler-utils): %v", err)
	}
	var ws []word
	for _, m := range bboxWord.FindAllStringSubmatch(string(out), -1) {
		n := func(i int) float64 { v, _ := strconv.ParseFloat(m[i], 64); return v }
		ws = append(ws, word{n(1), n(2), n(3), n(4), m[5]})
	}
	return drawn, ws
}

func TestPDFChartIsLegibleAndFullWidth(t *testing.T) {
	t.Parallel()
	v := func(x float64) *float64 { return &x }
	target := 300.0
	k := packs.KPI{Name: "Test", Periods: []string{"a", "b", "c", "d", "e", "f", "g", "h"},
		Values: []*float64{v(120), nil, v(180), v(240), v(260), nil, v(200), v(310)}, TargetMin: &target}
	drawn, ws := chartWords(t, k)
	if !drawn {
		t.Fatal("a KPI with figures drew no chart")
	}
	seen := map[string]word{}
	for _, w := range ws {
		if _, dup := seen[w.text]; !dup { // the y labels come first
			seen[w.text] = w
		}
	}
	for _, label := range []string{"0", "100", "200", "300", "Target"} {
		w, ok := seen[label]
		if !ok {
			t.Errorf("chart lacks the label %q; words: %v", label, ws)
			continue
		}
		// poppler's box is about 0.93 of the font size: 7 pt means >= 7.5 pt type.
		if h := w.y1 - w.y0; h < 7 {
			t.Errorf("label %q is %.1f pt high, too small to read on paper", label, h)
		}
	}
	// The y labels hang in the left margin, so the plot spans the full width
	// the figures table below it takes (15 mm = 42.5 pt from the edge).
	if w := seen["300"]; w.x1 > 42.6 {
		t.Errorf("y label ends at %.1f pt, inside the plot area", w.x1)
	}
	// The target label sits at the right end of the usable width (195 mm).
	if seen["Target"].x1 < 500 {
		t.Errorf("target label ends at %.1f pt, not at the right edge", seen["Target"].x1)
	}
	if drawn, _ := chartWords(t, packs.KPI{Name: "Empty", Periods: k.Periods, Values: make([]*float64, 8)}); drawn {
		t.Error("a KPI without figures drew a chart")
	}
}
