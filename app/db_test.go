package app_test

import (
	"context"
	"strings"
	"testing"

	"sendboard/app"
)

// A SQLite path in a missing directory is named plainly, not as the driver's
// "unable to open database file" (glebarez/go-sqlite said "out of memory (14)").
func TestOpenSQLiteInMissingDirectory(t *testing.T) {
	t.Parallel()
	path := t.TempDir() + "/no/such/dir/x.db"
	_, err := app.OpenDB(context.Background(), app.Config{SQLitePath: path})
	if err == nil || !strings.Contains(err.Error(), "does not exist") || strings.Contains(err.Error(), "unable to open") {
		t.Fatalf("err = %v, want one naming the missing directory", err)
	}
	db, err := app.OpenDB(context.Background(), app.Config{SQLitePath: t.TempDir() + "/ok.db"})
	if err != nil {
		t.Fatalf("an existing directory: %v", err)
	}
	app.CloseDB(db)
}
