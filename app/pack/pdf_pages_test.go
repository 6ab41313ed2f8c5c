package pack_test

import (
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"sendboard/app/pack"
	"sendboard/app/pack/pdftest"
	"sendboard/models/modeltest"
	"sendboard/models/pack/packtest"
)

var pageBox = regexp.MustCompile(`<page width="([\d.]+)" height="([\d.]+)">`)

var bboxWords = regexp.MustCompile(`<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)</word>`)

// TestPDFPageNofNOnEveryPage reads each page of the pack on its own with
// poppler: every one, portrait or landscape, says "Page n of N" in its footer
// at the right-hand edge of that page.
func TestPDFPageNofNOnEveryPage(t *testing.T) {
	t.Parallel()
	modeltest.EachWith(t, packtest.Loaded, func(t *testing.T, d modeltest.DB) {
		b, err := pack.PDF(build(t, d, packtest.Board, packtest.Quarter))
		if err != nil {
			t.Fatal(err)
		}
		pdftest.NeedPoppler(t)
		path := filepath.Join(t.TempDir(), "pack.pdf")
		if err := os.WriteFile(path, b, 0o600); err != nil {
			t.Fatal(err)
		}
		out, err := exec.Command("pdftotext", "-bbox", path, "-").Output()
		if err != nil {
			t.Fatalf("pdftotext: %v", err)
		}
		pages := strings.Split(string(out), "<page ")[1:]
		if len(pages) < 4 {
			t.Fatalf("%d pages", len(pages))
		}
		landscape := 0
		for i, pg := range pages {
			m := pageBox.FindStringSubmatch("<page " + pg)
			width, _ := strconv.ParseFloat(m[1], 64)
			height, _ := strconv.ParseFloat(m[2], 64)
			if width > height {
				landscape++
			}
			ws := bboxWords.FindAllStringSubmatch(pg, -1)
			want := []string{"Page", strconv.Itoa(i + 1), "of", strconv.Itoa(len(pages))}
			found := false
			for j := 0; j+3 < len(ws); j++ {
				if ws[j][5] == want[0] && ws[j+1][5] == want[1] && ws[j+2][5] == want[2] && ws[j+3][5] == want[3] {
					found = true
					right, _ := strconv.ParseFloat(ws[j+3][3], 64)
					if right < width*0.85 || right > width {
						t.Errorf("page %d: %q ends at %.0f pt on a page %.0f pt wide, not at its right edge", i+1, strings.Join(want, " "), right, width)
					}
				}
			}
			if !found {
				t.Errorf("page %d of %d lacks %q", i+1, len(pages), strings.Join(want, " "))
			}
		}
		if landscape == 0 {
			t.Error("no landscape page: the test no longer covers the change of orientation")
		}
	})
}
