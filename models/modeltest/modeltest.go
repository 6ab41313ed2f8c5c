package modeltest

import (
	"context"
	"os"
	"testing"

	"gorm.io/gorm"
)

// DB is one database a test runs against.
type DB struct {
	Name string // "sqlite" or "postgres"
	DB   *gorm.DB
	DSN  string // how to open the same database again (a file path, or a URL)
}

// A Fixture is what a template database holds: the schema, then whatever
// Build adds. Name identifies the template within a test binary, so two
// fixtures with the same name must build the same data.
type Fixture struct {
	Name  string
	Build func(ctx context.Context, db *gorm.DB) error
	empty bool // no migrations either
}

// Migrated is the schema and no rows.
var Migrated = Fixture{Name: "migrated"}

// Empty is a database with no schema at all, for tests of migrations.
var Empty = Fixture{Name: "empty", empty: true}

// Each runs fn as a parallel subtest against a migrated SQLite database and,
// when configured, a migrated PostgreSQL database.
func Each(t *testing.T, fn func(t *testing.T, d DB)) {
	t.Helper()
	EachWith(t, Migrated, fn)
}

// EachEmpty is Each with databases left unmigrated, for tests of migrations.
func EachEmpty(t *testing.T, fn func(t *testing.T, d DB)) {
	t.Helper()
	EachWith(t, Empty, fn)
}

// EachWith is Each on copies of fixture f. The two subtests run in parallel
// with each other: each has its own database. SENDBOARD_TEST_DB=postgres (or
// sqlite) runs only that half, for a second pass over one database.
func EachWith(t *testing.T, f Fixture, fn func(t *testing.T, d DB)) {
	t.Helper()
	only := os.Getenv("SENDBOARD_TEST_DB")
	if only != "postgres" {
		t.Run("sqlite", func(t *testing.T) {
			t.Parallel()
			fn(t, SQLiteWith(t, f))
		})
	}
	if only != "sqlite" {
		t.Run("postgres", func(t *testing.T) {
			t.Parallel()
			fn(t, PostgresWith(t, f))
		})
	}
}

// SQLite opens a migrated SQLite database in a temporary file.
func SQLite(t testing.TB) DB {
	t.Helper()
	return SQLiteWith(t, Migrated)
}

// Postgres opens a migrated database on the server at TEST_DATABASE_URL,
// dropped when the test ends.
func Postgres(t testing.TB) DB {
	t.Helper()
	return PostgresWith(t, Migrated)
}

// SQLiteWith opens a copy of fixture f in a temporary SQLite file.
func SQLiteWith(t testing.TB, f Fixture) DB {
	t.Helper()
	return cloneSQLite(t, f)
}

// PostgresWith opens a copy of fixture f as a database of its own on the
// server at TEST_DATABASE_URL, dropped when the test ends.
func PostgresWith(t testing.TB, f Fixture) DB {
	t.Helper()
	return clonePostgres(t, f)
}
