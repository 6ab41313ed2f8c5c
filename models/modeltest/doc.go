// Package modeltest opens real databases for tests: SQLite always, and
// PostgreSQL when TEST_DATABASE_URL is set. In CI (CI=true) a missing
// PostgreSQL fails the test instead of skipping it.
//
// Migrating and seeding a database takes seconds, so each fixture is built
// once per test binary into a template and every test gets a copy of it: a
// copied file on SQLite, a database created with CREATE DATABASE … TEMPLATE
// on PostgreSQL. Call Main from the package's TestMain so the templates are
// removed when the tests end; those of a binary that was killed are removed
// by the next run.
//
// It may import the schema (to migrate templates), GORM and its drivers, and
// nothing else of this module: fixtures that need the seeds are declared by
// the test kits above it (seeds/seedtest, models/pack/packtest).
package modeltest
