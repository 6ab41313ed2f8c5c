package modeltest

import (
	"context"
	"fmt"
	"os"
	"sync"

	"gorm.io/gorm"

	"sendboard/models/schema"
)

// template is one fixture built once for one driver: a file path on SQLite,
// a database name on PostgreSQL.
type template struct {
	once sync.Once
	ref  string
	err  error
}

var templates sync.Map // driver + "/" + fixture name -> *template

// templateFor builds fixture f with build the first time a test asks for it
// and returns what build returned ever after, so a broken fixture fails every
// test that needs it with the same error.
func templateFor(driver string, f Fixture, build func(Fixture) (string, error)) (string, error) {
	v, _ := templates.LoadOrStore(driver+"/"+f.Name, &template{})
	tp := v.(*template)
	tp.once.Do(func() { tp.ref, tp.err = build(f) })
	if tp.err != nil {
		return "", fmt.Errorf("fixture %q on %s: %w", f.Name, driver, tp.err)
	}
	return tp.ref, nil
}

// fill migrates db and runs the fixture's Build on it.
func fill(db *gorm.DB, f Fixture) error {
	if f.empty {
		return nil
	}
	ctx := context.Background()
	if _, err := schema.Migrate(ctx, db); err != nil {
		return fmt.Errorf("migrate: %w", err)
	}
	if f.Build != nil {
		if err := f.Build(ctx, db); err != nil {
			return fmt.Errorf("build: %w", err)
		}
	}
	return nil
}

// processAlive reports whether a process with this id runs on this machine,
// so templates left by a killed test binary can be told from live ones.
func processAlive(pid int) bool {
	if pid == os.Getpid() {
		return true
	}
	_, err := os.Stat(fmt.Sprintf("/proc/%d", pid))
	return err == nil
}

func closeDB(db *gorm.DB) {
	if s, err := db.DB(); err == nil {
		s.Close()
	}
}
