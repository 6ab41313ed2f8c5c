// Package modeltest opens real databases for tests: SQLite always, and
// PostgreSQL when TEST_DATABASE_URL is set. In CI (CI=true) a missing
// PostgreSQL fails the test instead of skipping it.
package modeltest

import (
	"context"
	"fmt"
	"math/rand/v2"
	"net/url"
	"os"
	"path/filepath"
	"sync/atomic"
	"testing"

	"github.com/ncruces/go-sqlite3/gormlite"
	"gorm.io/driver/postgres"
	"gorm.io/gorm"
	"gorm.io/gorm/logger"

	"sendboard/models"
)

// DB is one database a test runs against.
type DB struct {
	Name string // "sqlite" or "postgres"
	DB   *gorm.DB
	DSN  string // how to open the same database again (a file path, or a URL with search_path)
}

// Each runs fn as a subtest against a freshly migrated SQLite database and, when
// configured, a fresh PostgreSQL schema.
func Each(t *testing.T, fn func(t *testing.T, d DB)) {
	t.Helper()
	t.Run("sqlite", func(t *testing.T) { fn(t, SQLite(t)) })
	t.Run("postgres", func(t *testing.T) { fn(t, Postgres(t)) })
}

// EachEmpty is Each with databases left unmigrated, for tests of migrations.
func EachEmpty(t *testing.T, fn func(t *testing.T, d DB)) {
	t.Helper()
	t.Run("sqlite", func(t *testing.T) { fn(t, open(t, "sqlite", false)) })
	t.Run("postgres", func(t *testing.T) { fn(t, open(t, "postgres", false)) })
}

// SQLite opens a migrated SQLite database in a temporary file.
func SQLite(t testing.TB) DB {
	t.Helper()
	return open(t, "sqlite", true)
}

// Postgres opens a migrated, empty schema of the database at TEST_DATABASE_URL,
// dropped when the test ends.
func Postgres(t testing.TB) DB {
	t.Helper()
	return open(t, "postgres", true)
}

func open(t testing.TB, name string, migrated bool) DB {
	t.Helper()
	var d DB
	if name == "sqlite" {
		d = openSQLite(t)
	} else {
		d = openPostgres(t)
	}
	if migrated {
		migrate(t, d.DB)
	}
	return d
}

func openSQLite(t testing.TB) DB {
	t.Helper()
	path := filepath.Join(t.TempDir(), "test.db")
	db, err := gorm.Open(gormlite.Open(models.SQLiteDSN(path)), &gorm.Config{Logger: logger.Discard, TranslateError: true})
	if err != nil {
		t.Fatalf("open sqlite: %v", err)
	}
	t.Cleanup(func() { closeDB(db) })
	return DB{Name: "sqlite", DB: db, DSN: path}
}

var schemaSeq atomic.Int64

func openPostgres(t testing.TB) DB {
	t.Helper()
	base := RequirePostgresURL(t)
	schema := fmt.Sprintf("t_%d_%d_%d", os.Getpid(), schemaSeq.Add(1), rand.IntN(1_000_000))
	admin, err := gorm.Open(postgres.Open(base), &gorm.Config{Logger: logger.Discard})
	if err != nil {
		t.Fatalf("open postgres: %v", err)
	}
	if err := admin.Exec("CREATE SCHEMA " + schema).Error; err != nil {
		closeDB(admin)
		t.Fatalf("create schema: %v", err)
	}
	dsn := withSearchPath(t, base, schema)
	db, err := gorm.Open(postgres.Open(dsn), &gorm.Config{Logger: logger.Discard, TranslateError: true})
	if err != nil {
		t.Fatalf("open postgres schema: %v", err)
	}
	t.Cleanup(func() {
		closeDB(db)
		admin.Exec("DROP SCHEMA " + schema + " CASCADE")
		closeDB(admin)
	})
	return DB{Name: "postgres", DB: db, DSN: dsn}
}

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

func withSearchPath(t testing.TB, base, schema string) string {
	u, err := url.Parse(base)
	if err != nil {
		t.Fatalf("TEST_DATABASE_URL: %v", err)
	}
	q := u.Query()
	q.Set("search_path", schema)
	u.RawQuery = q.Encode()
	return u.String()
}

func migrate(t testing.TB, db *gorm.DB) {
	t.Helper()
	if _, err := models.Migrate(context.Background(), db); err != nil {
		t.Fatalf("migrate: %v", err)
	}
}

func closeDB(db *gorm.DB) {
	if s, err := db.DB(); err == nil {
		s.Close()
	}
}
