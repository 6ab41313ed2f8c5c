// Package pdftest reads rendered PDFs in tests with poppler's tools, and finds
// the Chromium that prints them.
package pdftest

import (
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// NeedPoppler makes sure poppler's tools are installed. In CI (CI=true) a
// missing tool fails the test, as a missing browser does; elsewhere the test
// is skipped with what to install.
func NeedPoppler(t testing.TB) {
	t.Helper()
	for _, tool := range []string{"pdftotext", "pdftoppm", "pdfinfo", "pdffonts", "pdftohtml"} {
		if _, err := exec.LookPath(tool); err != nil {
			if os.Getenv("CI") == "true" {
				t.Fatalf("%s not found: CI must run the PDF tests (apt-get install poppler-utils; see .ci/run)", tool)
			}
			t.Skipf("%s not found; apt-get install poppler-utils to run the PDF tests", tool)
		}
	}
}

// Chromium is the browser that prints PDF packs: SENDBOARD_CHROMIUM, else
// chromium, chromium-browser or google-chrome on the PATH. In CI a missing
// browser fails the test; elsewhere the test is skipped with a message.
func Chromium(t testing.TB) string {
	t.Helper()
	if p := os.Getenv("SENDBOARD_CHROMIUM"); p != "" {
		if path, err := exec.LookPath(p); err == nil {
			return path
		}
		if os.Getenv("CI") == "true" {
			t.Fatalf("Chromium not found at %s (SENDBOARD_CHROMIUM): CI must run the PDF tests (see .ci/run)", p)
		}
		t.Skipf("no Chromium at %s (SENDBOARD_CHROMIUM); install chromium to run the PDF tests", p)
	}
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome"} {
		if path, err := exec.LookPath(name); err == nil {
			return path
		}
	}
	if os.Getenv("CI") == "true" {
		t.Fatal("Chromium not found: CI must run the PDF tests (apt-get install chromium; see .ci/run)")
	}
	t.Skip("no Chromium on the PATH; install chromium or set SENDBOARD_CHROMIUM to run the PDF tests")
	return ""
}

// run writes pdf to a file and runs a poppler tool on it, the file's path
// last but for any trailing args.
func run(t testing.TB, pdf []byte, tool string, args ...string) string {
	t.Helper()
	NeedPoppler(t)
	path := filepath.Join(t.TempDir(), "pack.pdf")
	if err := os.WriteFile(path, pdf, 0o600); err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command(tool, append(args, path)...).Output()
	if err != nil {
		t.Fatalf("%s %s: %v", tool, strings.Join(args, " "), err)
	}
	return string(out)
}

// Text is a PDF's text by pdftotext, its runs of white space made single
// spaces so a sentence wrapped across lines still reads as one.
func Text(t testing.TB, pdf []byte) string {
	t.Helper()
	NeedPoppler(t)
	path := filepath.Join(t.TempDir(), "pack.pdf")
	if err := os.WriteFile(path, pdf, 0o600); err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command("pdftotext", path, "-").Output()
	if err != nil {
		t.Fatalf("pdftotext: %v", err)
	}
	return strings.Join(strings.Fields(string(out)), " ")
}

// Info is pdfinfo's answer as field -> value ("Tagged" -> "yes",
// "PDF version" -> "1.4", "Title" -> ...).
func Info(t testing.TB, pdf []byte) map[string]string {
	t.Helper()
	out := map[string]string{}
	for _, line := range strings.Split(run(t, pdf, "pdfinfo"), "\n") {
		if k, v, ok := strings.Cut(line, ":"); ok {
			out[strings.TrimSpace(k)] = strings.TrimSpace(v)
		}
	}
	return out
}

// Structure is pdfinfo -struct-text: the tagged structure tree with each
// element's text, one element a line, indented by depth.
func Structure(t testing.TB, pdf []byte) string {
	t.Helper()
	return run(t, pdf, "pdfinfo", "-struct-text")
}

// Font is one line of pdffonts.
type Font struct {
	Name, Type    string
	Embedded, Uni bool
}

// Fonts lists the PDF's fonts by pdffonts.
func Fonts(t testing.TB, pdf []byte) []Font {
	t.Helper()
	var out []Font
	lines := strings.Split(run(t, pdf, "pdffonts"), "\n")
	for _, line := range lines[min(2, len(lines)):] { // past the heading and its rule
		f := strings.Fields(line)
		if len(f) < 7 {
			continue
		}
		// name type... encoding emb sub uni object ID: the last five are fixed.
		n := len(f)
		out = append(out, Font{Name: f[0], Type: strings.Join(f[1:n-6], " "), Embedded: f[n-5] == "yes", Uni: f[n-3] == "yes"})
	}
	return out
}

var outlineItem = regexp.MustCompile(`<item page="\d+">([^<]*)</item>`)

// Outline lists the titles of the PDF's bookmarks (its outline), in order
// and at every depth, as pdftohtml reads them.
func Outline(t testing.TB, pdf []byte) []string {
	t.Helper()
	NeedPoppler(t)
	dir := t.TempDir()
	path := filepath.Join(dir, "pack.pdf")
	if err := os.WriteFile(path, pdf, 0o600); err != nil {
		t.Fatal(err)
	}
	if err := exec.Command("pdftohtml", "-xml", "-i", "-q", path, filepath.Join(dir, "out")).Run(); err != nil {
		t.Fatalf("pdftohtml: %v", err)
	}
	b, err := os.ReadFile(filepath.Join(dir, "out.xml"))
	if err != nil {
		t.Fatal(err)
	}
	var titles []string
	for _, m := range outlineItem.FindAllStringSubmatch(string(b), -1) {
		titles = append(titles, strings.TrimSpace(m[1]))
	}
	return titles
}
