package app_test

import (
	"fmt"
	"net"
	"os"
	"os/exec"
	"os/user"
	"path/filepath"
	"sort"
	"strconv"
	"testing"
)

// pgCluster is a PostgreSQL server of a test's own, made with the Debian
// binaries (initdb, pg_ctl) in a temporary folder on a free port, so the test
// can stop and start it without disturbing anyone else's server.
type pgCluster struct {
	bin, data, logFile string
	port               int
	runAs              string // the OS user to run the server as when we are root
}

// startPGCluster initialises and starts a throwaway cluster, removed when the
// test ends. Without the binaries the test is skipped, or fails in CI.
func startPGCluster(t *testing.T) *pgCluster {
	t.Helper()
	found, _ := filepath.Glob("/usr/lib/postgresql/*/bin/initdb")
	if len(found) == 0 {
		if os.Getenv("CI") == "true" {
			t.Fatal("PostgreSQL's server binaries (/usr/lib/postgresql/*/bin/initdb) are missing: CI must run this test (apt-get install postgresql)")
		}
		t.Skip("PostgreSQL's server binaries (/usr/lib/postgresql/*/bin/initdb) are not installed")
	}
	sort.Strings(found)
	root, err := os.MkdirTemp("", "sendboard-pg-")
	if err != nil {
		t.Fatal(err)
	}
	c := &pgCluster{bin: filepath.Dir(found[len(found)-1]), data: filepath.Join(root, "data"), logFile: filepath.Join(root, "server.log")}
	if os.Geteuid() == 0 {
		// initdb refuses to run as root: the cluster belongs to the postgres user.
		u, err := user.Lookup("postgres")
		if err != nil {
			t.Fatalf("running as root needs the postgres user to own the test cluster: %v", err)
		}
		uid, _ := strconv.Atoi(u.Uid)
		gid, _ := strconv.Atoi(u.Gid)
		if err := os.Chown(root, uid, gid); err != nil {
			t.Fatal(err)
		}
		c.runAs = "postgres"
	}
	t.Cleanup(func() {
		c.run("pg_ctl", "-D", c.data, "-m", "immediate", "-w", "stop")
		os.RemoveAll(root)
	})
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	c.port = ln.Addr().(*net.TCPAddr).Port
	ln.Close()
	if out, err := c.run("initdb", "-D", c.data, "-U", "postgres", "-A", "trust", "-E", "UTF8", "--no-sync"); err != nil {
		t.Fatalf("initdb: %v\n%s", err, out)
	}
	c.start(t)
	return c
}

// URL is the cluster's postgres database.
func (c *pgCluster) URL() string {
	return fmt.Sprintf("postgres://postgres@127.0.0.1:%d/postgres?sslmode=disable", c.port)
}

func (c *pgCluster) start(t *testing.T) {
	t.Helper()
	opts := fmt.Sprintf("-p %d -c listen_addresses=127.0.0.1 -k %s -c fsync=off", c.port, filepath.Dir(c.data))
	if out, err := c.run("pg_ctl", "-D", c.data, "-l", c.logFile, "-o", opts, "-w", "start"); err != nil {
		log, _ := os.ReadFile(c.logFile)
		t.Fatalf("pg_ctl start: %v\n%s\n%s", err, out, log)
	}
}

func (c *pgCluster) stop(t *testing.T) {
	t.Helper()
	if out, err := c.run("pg_ctl", "-D", c.data, "-m", "fast", "-w", "stop"); err != nil {
		t.Fatalf("pg_ctl stop: %v\n%s", err, out)
	}
}

func (c *pgCluster) run(name string, args ...string) ([]byte, error) {
	path := filepath.Join(c.bin, name)
	cmd := exec.Command(path, args...)
	if c.runAs != "" {
		cmd = exec.Command("runuser", append([]string{"-u", c.runAs, "--", path}, args...)...)
	}
	cmd.Dir = os.TempDir()
	return cmd.CombinedOutput()
}
