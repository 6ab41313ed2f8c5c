package main

import (
	"bytes"
	"context"
	"net"
	"net/http"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"
)

// syncBuffer is a bytes.Buffer safe to write from the server's goroutines
// while the test reads it.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

// cli runs the command line against a fake environment.
type cli struct {
	vars           map[string]string
	stdin          string
	stdout, stderr *syncBuffer
}

func newCLI(t *testing.T) *cli {
	return &cli{vars: map[string]string{"SENDBOARD_SQLITE": filepath.Join(t.TempDir(), "sendboard.db"),
		"SENDBOARD_LOG_LEVEL": "warn"}}
}

func (c *cli) run(ctx context.Context, args ...string) int {
	c.stdout, c.stderr = &syncBuffer{}, &syncBuffer{}
	env := &cliEnv{stdin: strings.NewReader(c.stdin), stdout: c.stdout, stderr: c.stderr,
		getenv: func(k string) string { return c.vars[k] }}
	return run(ctx, env, args)
}

func TestMigrateAndSeedTwice(t *testing.T) {
	t.Parallel()
	c := newCLI(t)
	ctx := context.Background()
	if code := c.run(ctx, "migrate"); code != 0 || !regexp.MustCompile(`^[1-9]\d* migration\(s\) applied`).MatchString(c.stdout.String()) {
		t.Fatalf("first migrate: exit %d, %q %q", code, c.stdout, c.stderr)
	}
	if code := c.run(ctx, "migrate"); code != 0 || !strings.HasPrefix(c.stdout.String(), "0 migration(s) applied; schema is up to date") {
		t.Errorf("second migrate: exit %d, %q", code, c.stdout)
	}
	if code := c.run(ctx, "seed"); code != 0 || !regexp.MustCompile(`^seeded: 60 actions, [1-9]\d* progress updates, [1-9]\d* KPIs, [1-9]\d* KPI figures added\n$`).MatchString(c.stdout.String()) {
		t.Errorf("first seed: exit %d, %q %q", code, c.stdout, c.stderr)
	}
	if code := c.run(ctx, "seed"); code != 0 || c.stdout.String() != "seeded: 0 actions, 0 progress updates, 0 KPIs, 0 KPI figures added\n" {
		t.Errorf("second seed: exit %d, %q", code, c.stdout)
	}
	if code := c.run(ctx, "seed", "--synthetic", "3"); code != 0 || !strings.Contains(c.stdout.String(), "synthetic: 3 actions added") {
		t.Errorf("seed --synthetic 3: exit %d, %q %q", code, c.stdout, c.stderr)
	}
	if code := c.run(ctx, "seed", "--synthetic", "-1"); code != 2 || !strings.Contains(c.stderr.String(), "--synthetic") {
		t.Errorf("seed --synthetic -1: exit %d, %q", code, c.stderr)
	}
}

func TestCommandLineBasics(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	c := newCLI(t)
	if code := c.run(ctx, "version"); code != 0 || c.stdout.String() != "sendboard "+version+"\n" {
		t.Errorf("version: exit %d, %q", code, c.stdout)
	}
	for _, want := range []string{"migrate", "seed", "serve", "version"} {
		if _, ok := commands[want]; !ok {
			t.Errorf("no %s command", want)
		}
	}
	if code := c.run(ctx, "--help"); code != 0 || !strings.Contains(c.stdout.String(), "serve") {
		t.Errorf("--help: exit %d, %q", code, c.stdout)
	}
	if code := c.run(ctx); code != 2 {
		t.Errorf("no command: exit %d, want 2", code)
	}
	if code := c.run(ctx, "frobnicate"); code != 2 || !strings.Contains(c.stderr.String(), `unknown command "frobnicate"`) {
		t.Errorf("unknown command: exit %d, %q", code, c.stderr)
	}
	if code := c.run(ctx, "migrate", "--bogus"); code != 2 {
		t.Errorf("unknown flag: exit %d, want 2", code)
	}
}

func TestBadDatabaseIsOneLine(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	for _, url := range []string{"mysql://root@localhost/db", "not a url at all", "postgres://nobody:secret@127.0.0.1:1/none?sslmode=disable&connect_timeout=2"} {
		for _, cmd := range []string{"migrate", "seed", "serve"} {
			c := newCLI(t)
			c.vars["DATABASE_URL"] = url
			code := c.run(ctx, cmd)
			errOut := c.stderr.String()
			lines := strings.Split(strings.TrimRight(errOut, "\n"), "\n")
			if code != 1 || len(lines) != 1 || !strings.Contains(errOut, "sendboard "+cmd+": ") {
				t.Errorf("%s with DATABASE_URL=%q: exit %d, stderr %q; want exit 1 and one line", cmd, url, code, errOut)
			}
			if strings.Contains(errOut, "goroutine") || strings.Contains(errOut, "secret") {
				t.Errorf("%s: stderr shows a stack trace or the password: %q", cmd, errOut)
			}
		}
	}
}

// freeAddr finds a port nothing listens on by listening on :0 and closing.
func freeAddr(t *testing.T) string {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := ln.Addr().String()
	ln.Close()
	return addr
}

// serve starts `sendboard serve` and waits until /healthz answers.
func serve(t *testing.T, c *cli) (base string, stop func() int) {
	t.Helper()
	addr := freeAddr(t)
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan int, 1)
	go func() { done <- c.run(ctx, "serve", "--addr", addr) }()
	base = "http://" + addr
	deadline := time.Now().Add(30 * time.Second)
	for {
		resp, err := http.Get(base + "/healthz")
		if err == nil {
			resp.Body.Close()
			if resp.StatusCode == http.StatusOK {
				break
			}
		}
		select {
		case code := <-done:
			cancel()
			t.Fatalf("serve exited with %d before answering: %s", code, c.stderr)
		default:
		}
		if time.Now().After(deadline) {
			cancel()
			t.Fatalf("serve did not answer /healthz within 30s: %s", c.stderr)
		}
		time.Sleep(50 * time.Millisecond)
	}
	return base, func() int {
		cancel()
		select {
		case code := <-done:
			return code
		case <-time.After(20 * time.Second):
			t.Fatal("serve did not shut down within 20s of cancellation")
			return -1
		}
	}
}

func TestServeEndToEnd(t *testing.T) {
	t.Parallel()
	c := newCLI(t)
	c.vars["SENDBOARD_LOG_LEVEL"] = "info"
	base, stop := serve(t, c)
	for path, want := range map[string]int{"/readyz": 200, "/login": 200, "/api/v1/actions": 401, "/static/app.css": 200} {
		resp, err := http.Get(base + path)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if resp.StatusCode != want {
			t.Errorf("GET %s = %d, want %d", path, resp.StatusCode, want)
		}
	}
	noRedirect := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	if resp, err := noRedirect.Get(base + "/"); err != nil || resp.StatusCode != http.StatusSeeOther {
		t.Errorf("anonymous GET / = %v, %v; want 303 to /login", resp, err)
	} else {
		resp.Body.Close()
	}
	out := c.stdout.String()
	if n := strings.Count(out, "password: "); n != 1 || !strings.Contains(out, "admin@sendboard.local") {
		t.Errorf("first start should print the admin password once; stdout:\n%s", out)
	}
	if code := stop(); code != 0 {
		t.Errorf("serve exit %d after cancel; stderr:\n%s", code, c.stderr)
	}
	logs := c.stderr.String()
	if !strings.Contains(logs, "shutting down") || strings.Contains(logs, "level=ERROR") || strings.Contains(logs, "panic") {
		t.Errorf("unclean shutdown; stderr:\n%s", logs)
	}
	if _, err := http.Get(base + "/healthz"); err == nil {
		t.Error("server still answers after shutdown")
	}

	// A second start on the same database keeps the account: no new password.
	_, stop = serve(t, c)
	if strings.Contains(c.stdout.String(), "password") {
		t.Errorf("second start printed a password again:\n%s", c.stdout)
	}
	if code := stop(); code != 0 {
		t.Errorf("second serve exit %d", code)
	}
}
