package main

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// runCLI runs sendboard with args on the SQLite file db, returning exit code and output.
func runCLI(t *testing.T, db string, extra map[string]string, args ...string) (int, string, string) {
	t.Helper()
	var out, errb bytes.Buffer
	env := &cliEnv{stdin: strings.NewReader(""), stdout: &out, stderr: &errb, getenv: func(k string) string {
		if v, ok := extra[k]; ok {
			return v
		}
		if k == "SENDBOARD_SQLITE" {
			return db
		}
		if k == "SENDBOARD_LOG_LEVEL" {
			return "error"
		}
		return ""
	}}
	code := run(context.Background(), env, args)
	return code, out.String(), errb.String()
}

func TestJobsAndKPICommands(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	db := filepath.Join(dir, "sb.db")
	if code, _, errs := runCLI(t, db, nil, "seed"); code != 0 {
		t.Fatalf("seed: %d %s", code, errs)
	}
	code, out, errs := runCLI(t, db, nil, "jobs", "run", "flag-overdue")
	if code != 0 || !strings.Contains(out, "flag-overdue: ok") || !strings.Contains(out, "overdue_initiation +12") {
		t.Fatalf("jobs run flag-overdue: %d\n%s%s", code, out, errs)
	}
	if code, out, _ := runCLI(t, db, nil, "jobs", "run", "kpi-pull"); code != 0 || !strings.Contains(out, "skipped: not configured") {
		t.Fatalf("kpi-pull without a feed: %d %s", code, out)
	}
	if code, out, errs := runCLI(t, db, nil, "jobs", "run", "housekeeping"); code != 0 || !strings.Contains(out, "housekeeping: ok") ||
		!strings.Contains(out, "removed 0 stale sign-in throttle rows, 0 expired sessions and 0 expired plan uploads") {
		t.Fatalf("jobs run housekeeping: %d\n%s%s", code, out, errs)
	}
	if code, _, errs := runCLI(t, db, nil, "jobs", "run", "nope"); code != 2 || !strings.Contains(errs, `no job "nope"`) {
		t.Fatalf("unknown job: %d %s", code, errs)
	}
	code, out, _ = runCLI(t, db, nil, "jobs", "list")
	if code != 0 || !strings.Contains(out, "flag-overdue") || !strings.Contains(out, "0 6 * * *") || !strings.Contains(out, "cli") {
		t.Fatalf("jobs list: %d\n%s", code, out)
	}

	bad := filepath.Join(dir, "bad.csv")
	os.WriteFile(bad, []byte("kpi,period,value\nsendiass.initial_enquiries,2025-26 Q1,371\nsendiass.initial_enquiries,2025-26 Q7,1\n"), 0o600)
	code, _, errs = runCLI(t, db, nil, "kpi", "import", bad)
	if code != 1 || !strings.Contains(errs, "bad.csv:3: period") || !strings.Contains(errs, "nothing imported") {
		t.Fatalf("kpi import bad: %d %s", code, errs)
	}
	good := filepath.Join(dir, "good.json")
	os.WriteFile(good, []byte(`{"figures":[{"kpi":"sendiass.initial_enquiries","period":"2025-26 Q1","value":371}]}`), 0o600)
	if code, out, errs := runCLI(t, db, nil, "kpi", "import", good); code != 0 || !strings.Contains(out, "1 figure applied (1 new") {
		t.Fatalf("kpi import good: %d %s %s", code, out, errs)
	}
	// The scheduled pull reads the same file when configured, and finds nothing new.
	feed := map[string]string{"SENDIASS_FEED_URL": good}
	if code, out, errs := runCLI(t, db, feed, "jobs", "run", "kpi-pull"); code != 0 || !strings.Contains(out, "0 figures applied") {
		t.Fatalf("kpi-pull from a file: %d %s %s", code, out, errs)
	}
	// A failed job exits 1 with its error.
	if code, _, errs := runCLI(t, db, map[string]string{"SENDIASS_FEED_URL": bad}, "jobs", "run", "kpi-pull"); code != 1 || !strings.Contains(errs, "line 3: period") {
		t.Fatalf("failing kpi-pull: %d %s", code, errs)
	}
}
