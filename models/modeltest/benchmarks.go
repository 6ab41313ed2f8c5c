package modeltest

import (
	"os"
	"path/filepath"
	"runtime"
	"testing"
)

// BenchmarkDir finds DfE's shipped benchmark files: $SENDBOARD_BENCHMARKS_DIR,
// else shared/benchmarks beside the repository (CI keeps shared/ at ../shared)
// or beside the folder that holds it (a worktree). In CI a missing folder fails
// the test; elsewhere it skips.
func BenchmarkDir(t testing.TB) string {
	t.Helper()
	var cands []string
	if d := os.Getenv("SENDBOARD_BENCHMARKS_DIR"); d != "" {
		cands = append(cands, d)
	}
	_, file, _, _ := runtime.Caller(0)
	repo := filepath.Join(filepath.Dir(file), "..", "..")
	cands = append(cands, filepath.Join(repo, "..", "shared", "benchmarks"), filepath.Join(repo, "..", "..", "shared", "benchmarks"))
	for _, c := range cands {
		if _, err := os.Stat(filepath.Join(c, "lait_send_measures.csv")); err == nil {
			return filepath.Clean(c)
		}
	}
	if os.Getenv("CI") == "true" {
		t.Fatalf("DfE benchmark files not found in %v (set SENDBOARD_BENCHMARKS_DIR)", cands)
	}
	t.Skipf("DfE benchmark files not found in %v", cands)
	return ""
}
