package schema

import "net/url"

// sqliteTimeLayout is how times are written to SQLite: the layout of the
// previous driver (glebarez/go-sqlite), so that a database file it wrote keeps
// one format and its times still compare (expires_at < ?) and match (slot = ?)
// as text. The new driver's default, RFC 3339, would sort a "T" after the space.
const sqliteTimeLayout = "2006-01-02 15:04:05.999999999-07:00"

// SQLiteDSN is the data source name of the SQLite file at path for the
// ncruces/go-sqlite3 driver: busy_timeout first, so that the pragmas after it
// wait for a lock rather than fail; foreign keys on; WAL, so that readers run
// while a job writes; immediate transactions, which take the write lock up
// front so that two read-then-write transactions cannot deadlock.
func SQLiteDSN(path string) string {
	q := "_pragma=busy_timeout(5000)&_pragma=foreign_keys(1)&_pragma=journal_mode(WAL)&_pragma=synchronous(NORMAL)" +
		"&_txlock=immediate&_timefmt=" + url.QueryEscape(sqliteTimeLayout)
	// A file: URI, with ?, #, % and spaces in the path escaped.
	return "file:" + (&url.URL{Path: path}).EscapedPath() + "?" + q
}
