// Package pdftest reads rendered PDFs in tests with poppler's tools.
package pdftest

import (
	"os"
	"os/exec"
	"strings"
	"testing"
)

// NeedPoppler makes sure poppler's pdftotext and pdftoppm are installed. In CI
// (CI=true) a missing tool fails the test, as a missing browser does;
// elsewhere the test is skipped with what to install.
func NeedPoppler(t testing.TB) {
	t.Helper()
	for _, tool := range []string{"pdftotext", "pdftoppm"} {
		if _, err := exec.LookPath(tool); err != nil {
			if os.Getenv("CI") == "true" {
				t.Fatalf("%s not found: CI must run the PDF tests (apt-get install poppler-utils; see .ci/run)", tool)
			}
			t.Skipf("%s not found; apt-get install poppler-utils to run the PDF tests", tool)
		}
	}
}

// Text is a PDF's text by pdftotext, its runs of white space made single
// spaces so a sentence wrapped across lines still reads as one.
func Text(t testing.TB, pdf []byte) string {
	t.Helper()
	NeedPoppler(t)
	path := t.TempDir() + "/pack.pdf"
	if err := os.WriteFile(path, pdf, 0o600); err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command("pdftotext", path, "-").Output()
	if err != nil {
		t.Fatalf("pdftotext: %v", err)
	}
	return strings.Join(strings.Fields(string(out)), " ")
}
