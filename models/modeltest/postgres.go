package modeltest

import (
	"fmt"
	"net/url"
	"os"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"

	"gorm.io/driver/postgres"
	"gorm.io/gorm"
	"gorm.io/gorm/logger"
)

// RequirePostgresURL returns TEST_DATABASE_URL, skipping the test when it is
// unset outside CI and failing it in CI.
func RequirePostgresURL(t testing.TB) string {
	t.Helper()
	u := os.Getenv("TEST_DATABASE_URL")
	if u == "" {
		if os.Getenv("CI") == "true" {
			t.Fatal("TEST_DATABASE_URL is not set: CI must run the PostgreSQL tests (see .ci/run)")
		}
		t.Skip("TEST_DATABASE_URL not set; skipping PostgreSQL (set it to run against a real server)")
	}
	return u
}

// The server connection that creates and drops the test databases: one per
// binary, opened on the database TEST_DATABASE_URL names.
var (
	adminOnce sync.Once
	admin     *gorm.DB
	adminErr  error
)

// Test databases are named sbt_<pid>_<n> and templates sbtpl_<pid>_<fixture>,
// so a later run can tell those of a killed binary by its process id.
var ownedName = regexp.MustCompile(`^sbt(?:pl)?_(\d+)_`)

func adminDB(base string) (*gorm.DB, error) {
	adminOnce.Do(func() {
		admin, adminErr = gorm.Open(postgres.Open(base), &gorm.Config{Logger: logger.Discard})
		if adminErr != nil {
			return
		}
		var names []string
		if err := admin.Raw(`SELECT datname FROM pg_database WHERE datname ~ '^sbt(pl)?_[0-9]+_'`).Scan(&names).Error; err != nil {
			adminErr = err
			return
		}
		for _, n := range names {
			m := ownedName.FindStringSubmatch(n)
			if pid, _ := strconv.Atoi(m[1]); !processAlive(pid) {
				admin.Exec(`DROP DATABASE IF EXISTS ` + quoteIdent(n) + ` WITH (FORCE)`)
			}
		}
	})
	return admin, adminErr
}

func quoteIdent(s string) string { return `"` + strings.ReplaceAll(s, `"`, `""`) + `"` }

// withDatabase is base with its database replaced by name. Commits do not
// wait for the disk: a test database is dropped anyway if the server dies.
func withDatabase(base, name string) (string, error) {
	u, err := url.Parse(base)
	if err != nil {
		return "", fmt.Errorf("TEST_DATABASE_URL: %w", err)
	}
	u.Path = "/" + name
	q := u.Query()
	q.Set("synchronous_commit", "off")
	u.RawQuery = q.Encode()
	return u.String(), nil
}

func openPostgresURL(dsn string) (*gorm.DB, error) {
	return gorm.Open(postgres.Open(dsn), &gorm.Config{Logger: logger.Discard, TranslateError: true})
}

func buildPostgres(base string) func(Fixture) (string, error) {
	return func(f Fixture) (string, error) {
		adm, err := adminDB(base)
		if err != nil {
			return "", err
		}
		name := fmt.Sprintf("sbtpl_%d_%s", os.Getpid(), f.Name)
		if err := adm.Exec(`CREATE DATABASE ` + quoteIdent(name)).Error; err != nil {
			return "", fmt.Errorf("create template database: %w", err)
		}
		dsn, err := withDatabase(base, name)
		if err != nil {
			return "", err
		}
		db, err := openPostgresURL(dsn)
		if err != nil {
			return "", err
		}
		// Closed before any copy is made: CREATE DATABASE … TEMPLATE refuses a
		// template that has sessions.
		defer closeDB(db)
		return name, fill(db, f)
	}
}

var dbSeq atomic.Int64

func clonePostgres(t testing.TB, f Fixture) DB {
	t.Helper()
	base := RequirePostgresURL(t)
	tpl, err := templateFor("postgres", f, buildPostgres(base))
	if err != nil {
		t.Fatal(err)
	}
	adm, _ := adminDB(base)
	name := fmt.Sprintf("sbt_%d_%d", os.Getpid(), dbSeq.Add(1))
	if err := adm.Exec(`CREATE DATABASE ` + quoteIdent(name) + ` TEMPLATE ` + quoteIdent(tpl)).Error; err != nil {
		t.Fatalf("copy the %q template: %v", f.Name, err)
	}
	dsn, err := withDatabase(base, name)
	if err != nil {
		t.Fatal(err)
	}
	db, err := openPostgresURL(dsn)
	if err != nil {
		dropLater(name)
		t.Fatalf("open postgres: %v", err)
	}
	t.Cleanup(func() {
		closeDB(db)
		dropLater(name)
	})
	return DB{Name: "postgres", DB: db, DSN: dsn}
}
