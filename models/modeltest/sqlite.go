package modeltest

import (
	"fmt"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"sync"
	"testing"

	"github.com/ncruces/go-sqlite3/gormlite"
	"gorm.io/gorm"
	"gorm.io/gorm/logger"

	"sendboard/models/schema"
)

// openSQLiteFile opens path with the settings production uses.
func openSQLiteFile(path string) (*gorm.DB, error) {
	return gorm.Open(gormlite.Open(schema.SQLiteDSN(path)), &gorm.Config{Logger: logger.Discard, TranslateError: true})
}

var (
	sqliteDirOnce sync.Once
	sqliteDir     string
	sqliteDirErr  error
)

const sqliteDirPrefix = "sendboard-templates-"

var sqliteDirName = regexp.MustCompile(`^` + sqliteDirPrefix + `(\d+)-`)

// templateDir is this binary's folder of SQLite templates. Folders left by
// binaries that no longer run are removed on the way.
func templateDir() (string, error) {
	sqliteDirOnce.Do(func() {
		if ents, err := os.ReadDir(os.TempDir()); err == nil {
			for _, e := range ents {
				if m := sqliteDirName.FindStringSubmatch(e.Name()); m != nil {
					if pid, _ := strconv.Atoi(m[1]); !processAlive(pid) {
						os.RemoveAll(filepath.Join(os.TempDir(), e.Name()))
					}
				}
			}
		}
		sqliteDir, sqliteDirErr = os.MkdirTemp("", fmt.Sprintf("%s%d-", sqliteDirPrefix, os.Getpid()))
	})
	return sqliteDir, sqliteDirErr
}

func buildSQLite(f Fixture) (string, error) {
	dir, err := templateDir()
	if err != nil {
		return "", err
	}
	path := filepath.Join(dir, f.Name+".db")
	db, err := openSQLiteFile(path)
	if err != nil {
		return "", err
	}
	if err := fill(db, f); err != nil {
		closeDB(db)
		return "", err
	}
	// Fold the write-ahead log into the file, so the file alone is the database.
	if err := db.Exec("PRAGMA wal_checkpoint(TRUNCATE)").Error; err != nil {
		closeDB(db)
		return "", err
	}
	closeDB(db)
	return path, nil
}

func cloneSQLite(t testing.TB, f Fixture) DB {
	t.Helper()
	src, err := templateFor("sqlite", f, buildSQLite)
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "test.db")
	if err := copyFile(src, path); err != nil {
		t.Fatalf("copy the %q template: %v", f.Name, err)
	}
	db, err := openSQLiteFile(path)
	if err != nil {
		t.Fatalf("open sqlite: %v", err)
	}
	t.Cleanup(func() { closeDB(db) })
	return DB{Name: "sqlite", DB: db, DSN: path}
}

func copyFile(src, dst string) error {
	in, err := os.Open(src)
	if err != nil {
		return err
	}
	defer in.Close()
	out, err := os.Create(dst)
	if err != nil {
		return err
	}
	if _, err := io.Copy(out, in); err != nil {
		out.Close()
		return err
	}
	return out.Close()
}
