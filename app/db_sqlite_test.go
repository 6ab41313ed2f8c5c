package app_test

import (
	"context"
	"errors"
	"path/filepath"
	"testing"
	"time"

	"gorm.io/gorm"

	"sendboard/app"
)

// The SQLite connection is set up as the rest of the code assumes: foreign
// keys enforced, WAL, a busy timeout, immediate transactions, constraint
// errors translated for errors.Is, and times written in the layout files
// made by the previous driver already hold.
func TestSQLiteConnectionSettings(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	dir := t.TempDir()
	// A space and a # in the name: the driver takes a file: URI, escaped.
	db, err := app.OpenDB(ctx, app.Config{SQLitePath: filepath.Join(dir, "x #1.db")})
	if err != nil {
		t.Fatal(err)
	}
	defer app.CloseDB(db)
	for pragma, want := range map[string]string{"foreign_keys": "1", "journal_mode": "wal", "busy_timeout": "5000", "synchronous": "1"} {
		var got string
		if err := db.Raw("PRAGMA " + pragma).Scan(&got).Error; err != nil || got != want {
			t.Errorf("PRAGMA %s = %q (%v), want %q", pragma, got, err, want)
		}
	}
	var file string
	if err := db.Raw("SELECT file FROM pragma_database_list WHERE name = 'main'").Scan(&file).Error; err != nil ||
		file != filepath.Join(dir, "x #1.db") {
		t.Errorf("database file %q (%v)", file, err)
	}

	must := func(err error) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
	}
	must(db.Exec("CREATE TABLE p (id INTEGER PRIMARY KEY, name TEXT UNIQUE, at DATETIME)").Error)
	must(db.Exec("CREATE TABLE c (id INTEGER PRIMARY KEY, p_id INTEGER NOT NULL REFERENCES p(id))").Error)
	at := time.Date(2026, 3, 2, 9, 30, 15, 120000000, time.UTC)
	must(db.Exec("INSERT INTO p (id, name, at) VALUES (1, 'a', ?)", at).Error)
	if err := db.Exec("INSERT INTO p (name) VALUES ('a')").Error; !errors.Is(err, gorm.ErrDuplicatedKey) {
		t.Errorf("a duplicate name: %v, want gorm.ErrDuplicatedKey", err)
	}
	if err := db.Exec("INSERT INTO p (id, name) VALUES (1, 'b')").Error; !errors.Is(err, gorm.ErrDuplicatedKey) {
		t.Errorf("a duplicate primary key: %v, want gorm.ErrDuplicatedKey", err)
	}
	if err := db.Exec("INSERT INTO c (p_id) VALUES (99)").Error; !errors.Is(err, gorm.ErrForeignKeyViolated) {
		t.Errorf("a missing parent: %v, want gorm.ErrForeignKeyViolated", err)
	}

	// Stored as text in glebarez/go-sqlite's layout, so old and new rows compare.
	var text string
	must(db.Raw("SELECT CAST(at AS TEXT) FROM p WHERE id = 1").Scan(&text).Error)
	if text != "2026-03-02 09:30:15.12+00:00" {
		t.Errorf("stored time %q, want 2026-03-02 09:30:15.12+00:00", text)
	}
	// A row as the previous driver wrote it reads back, and compares with a bound time.
	must(db.Exec("INSERT INTO p (id, name, at) VALUES (2, 'old', '2026-03-02 09:30:15.123456789+00:00')").Error)
	var got struct{ At time.Time }
	must(db.Raw("SELECT at FROM p WHERE id = 2").Scan(&got).Error)
	if want := at.Add(3456789 * time.Nanosecond); !got.At.Equal(want) {
		t.Errorf("read back %v, want %v", got.At, want)
	}
	var n int
	must(db.Raw("SELECT count(*) FROM p WHERE at < ?", at.Add(time.Millisecond)).Scan(&n).Error)
	if n != 1 {
		t.Errorf("%d rows before %v, want 1", n, at.Add(time.Millisecond))
	}

	// Immediate transactions: a second one waits at BEGIN for the first,
	// even when the first has only read so far.
	tx1 := db.Begin()
	must(tx1.Exec("SELECT count(*) FROM p").Error)
	began := make(chan error, 1)
	go func() {
		tx2 := db.Begin()
		began <- tx2.Error
		if tx2.Error == nil {
			tx2.Rollback()
		}
	}()
	select {
	case err := <-began:
		t.Fatalf("a second transaction began while the first was open (%v)", err)
	case <-time.After(300 * time.Millisecond):
	}
	must(tx1.Commit().Error)
	if err := <-began; err != nil {
		t.Fatalf("the second transaction after the first committed: %v", err)
	}
}
