package modeltest

import (
	"compress/gzip"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"testing"
)

// The DfE files are kept in testdata/dfe, the measures file gzipped (6.5 MB
// plain), and unpacked once per test binary.
var (
	dfeOnce sync.Once
	dfeDir  string
	dfeErr  error
)

// BenchmarkDir is a folder holding DfE's published benchmark files, as the
// product ships them to `sendboard benchmarks import` (see testdata/dfe).
func BenchmarkDir(t testing.TB) string {
	t.Helper()
	dfeOnce.Do(func() { dfeDir, dfeErr = unpackDfE() })
	if dfeErr != nil {
		t.Fatalf("DfE benchmark files: %v", dfeErr)
	}
	return dfeDir
}

func unpackDfE() (string, error) {
	_, file, _, _ := runtime.Caller(0)
	src := filepath.Join(filepath.Dir(file), "testdata", "dfe")
	dir, err := templateDir()
	if err != nil {
		return "", err
	}
	dst := filepath.Join(dir, "dfe")
	if err := os.Mkdir(dst, 0o755); err != nil {
		return "", err
	}
	ents, err := os.ReadDir(src)
	if err != nil {
		return "", err
	}
	for _, e := range ents {
		name := e.Name()
		if strings.HasSuffix(name, ".gz") {
			if err := gunzip(filepath.Join(src, name), filepath.Join(dst, strings.TrimSuffix(name, ".gz"))); err != nil {
				return "", err
			}
		} else if err := copyFile(filepath.Join(src, name), filepath.Join(dst, name)); err != nil {
			return "", err
		}
	}
	return dst, nil
}

func gunzip(src, dst string) error {
	in, err := os.Open(src)
	if err != nil {
		return err
	}
	defer in.Close()
	zr, err := gzip.NewReader(in)
	if err != nil {
		return err
	}
	out, err := os.Create(dst)
	if err != nil {
		return err
	}
	if _, err := io.Copy(out, zr); err != nil {
		out.Close()
		return err
	}
	return out.Close()
}
