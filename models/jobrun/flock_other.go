//go:build !unix

package jobrun

import (
	"errors"
	"os"
)

// flock is not available here: SQLite's job lock needs a Unix system.
func flock(*os.File) (bool, error) {
	return false, errors.New("file locks need a Unix system; use PostgreSQL (DATABASE_URL)")
}

func unflock(*os.File) {}
