package packtest

import (
	"os"
	"os/exec"
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
