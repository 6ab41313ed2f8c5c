package models_test

import (
	"bytes"
	"encoding/json"
	"os/exec"
	"slices"
	"strings"
	"testing"
)

// layout is what each package under models may import of this module. A
// package not listed fails the test until it is given its place.
var layout = map[string][]string{
	"sendboard/models":            {"sendboard/models/schema"},
	"sendboard/models/schema":     {},
	"sendboard/models/planfile":   {"sendboard/models/textrule"},
	"sendboard/models/textrule":   {},
	"sendboard/models/jobrun":     {"sendboard/models", "sendboard/models/schema"},
	"sendboard/models/measure":    {"sendboard/models", "sendboard/models/schema"},
	"sendboard/models/round":      {"sendboard/models", "sendboard/models/schema"},
	"sendboard/models/risk":       {"sendboard/models", "sendboard/models/schema"},
	"sendboard/models/decision":   {"sendboard/models", "sendboard/models/schema"},
	"sendboard/models/planimport": {"sendboard/models", "sendboard/models/schema", "sendboard/models/planfile"},
	"sendboard/models/highlight":  {"sendboard/models", "sendboard/models/schema", "sendboard/models/measure", "sendboard/models/risk"},
	"sendboard/models/meeting":    {"sendboard/models", "sendboard/models/schema", "sendboard/models/decision"},
	"sendboard/models/pack": {"sendboard/models", "sendboard/models/schema", "sendboard/models/measure", "sendboard/models/round",
		"sendboard/models/highlight", "sendboard/models/risk", "sendboard/models/decision"},
	// Test kits: modeltest opens databases and copies fixtures, so it sits
	// just above the schema; packtest declares a fixture from the seeds and
	// may use anything under models.
	"sendboard/models/modeltest":     {"sendboard/models/schema"},
	"sendboard/models/pack/packtest": {"sendboard/models/...", "sendboard/models/modeltest", "sendboard/seeds"},
	// highlighttest declares a second plan beside the seed for the reports.
	"sendboard/models/highlight/highlighttest": {"sendboard/models/...", "sendboard/models/modeltest", "sendboard/seeds"},
	// layouttest writes plan spreadsheets; it knows nothing of the module.
	"sendboard/models/planfile/layouttest": {},
}

// forbidden may not be reached from any package under models, nor from its
// tests: the domain knows nothing of the web layer, the scheduler or the
// commands.
var forbidden = []string{"sendboard/app", "sendboard/cmd", "github.com/labstack/echo", "github.com/robfig/cron"}

type listed struct {
	ImportPath, ForTest string
	Standard            bool
	Imports, GoFiles    []string
}

func goList(t *testing.T, args ...string) []listed {
	t.Helper()
	cmd := exec.Command("go", append([]string{"list", "-e", "-json=ImportPath,ForTest,Standard,Imports,GoFiles"}, args...)...)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("go list %v: %v\n%s", args, err, stderr.String())
	}
	var pkgs []listed
	for dec := json.NewDecoder(bytes.NewReader(out)); dec.More(); {
		var p listed
		if err := dec.Decode(&p); err != nil {
			t.Fatal(err)
		}
		pkgs = append(pkgs, p)
	}
	return pkgs
}

func allowed(rules []string, imp string) bool {
	for _, r := range rules {
		base, tree := strings.CutSuffix(r, "/...")
		if imp == base || (tree && strings.HasPrefix(imp, base+"/")) {
			return true
		}
	}
	return false
}

// TestImportLayout holds every package under models to the layout its doc.go
// states: the core imports no leaf, the leaves import the core and only the
// leaves they name, schema imports GORM alone, and nothing under models
// (tests included) reaches Echo, cron, app or cmd.
func TestImportLayout(t *testing.T) {
	t.Parallel()
	pkgs := goList(t, "-deps", "-test", "sendboard/models/...")
	standard := map[string]bool{}
	for _, p := range pkgs {
		standard[p.ImportPath] = p.Standard
	}
	for _, p := range pkgs {
		if !strings.HasPrefix(p.ImportPath, "sendboard/models") || p.ForTest != "" || strings.HasSuffix(p.ImportPath, ".test") ||
			strings.HasSuffix(p.ImportPath, "_test") {
			continue
		}
		rules, ok := layout[p.ImportPath]
		if !ok {
			t.Errorf("%s has no place in the layout: add it, with what it may import, to layout_test.go and its doc.go", p.ImportPath)
			continue
		}
		for _, imp := range p.Imports {
			switch {
			case strings.HasPrefix(imp, "sendboard/") && !allowed(rules, imp):
				t.Errorf("forbidden import: %s imports %s", p.ImportPath, imp)
			case p.ImportPath == "sendboard/models/schema" && !standard[imp] && !strings.HasPrefix(imp, "gorm.io/gorm"):
				t.Errorf("forbidden import: %s imports %s (schema imports only GORM and the standard library)", p.ImportPath, imp)
			}
		}
	}
	// Tests and test variants too: the first package on the way names the edge.
	for _, p := range pkgs {
		for _, imp := range p.Imports {
			for _, f := range forbidden {
				if imp == f || strings.HasPrefix(imp, f+"/") {
					t.Errorf("forbidden import: %s imports %s (nothing under models may reach %s)", p.ImportPath, imp, f)
				}
			}
		}
	}
}

// TestEveryPackageHasDocGo: each package under models says in a doc.go what
// it holds and what it may import. Test kits keep their package comment in
// their main file.
func TestEveryPackageHasDocGo(t *testing.T) {
	t.Parallel()
	for _, p := range goList(t, "sendboard/models/...") {
		if !slices.Contains(p.GoFiles, "doc.go") && !strings.HasSuffix(p.ImportPath, "test") {
			t.Errorf("%s has no doc.go", p.ImportPath)
		}
	}
}
