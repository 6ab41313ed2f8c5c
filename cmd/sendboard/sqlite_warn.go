package main

import (
	"fmt"
	"os"
	"path/filepath"
)

// warnNewSQLite says, before it happens, that a new SQLite database is about
// to be created, and where: run from the wrong folder, a command would
// otherwise quietly start an empty plan beside the real one.
func warnNewSQLite(env *cliEnv, path string) {
	if _, err := os.Stat(path); !os.IsNotExist(err) {
		return
	}
	where, err := filepath.Abs(path)
	if err != nil {
		where = path
	}
	fmt.Fprintf(env.stderr, "sendboard: no database at %s: creating a new SQLite database there "+
		"(set SENDBOARD_SQLITE to the existing file, or DATABASE_URL for PostgreSQL, to use another)\n", where)
}
