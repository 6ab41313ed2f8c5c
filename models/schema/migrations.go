package schema

import (
	"context"
	"fmt"
	"math"
	"strings"
	"time"

	"gorm.io/gorm"
)

// migration is one forward-only schema step. SQL is written once for both
// databases; the tokens ID and TS are swapped for each dialect's spelling.
type migration struct {
	Version int
	Name    string
	SQL     string
	// Steps, when set, gives the statements for a dialect ("postgres" or
	// "sqlite") one by one, for bodies that contain semicolons (triggers).
	Steps func(dialect string) []string
	// Run, when set, is a step written in Go (after SQL or Steps), for changes
	// that depend on what the database holds, such as a SQLite table rebuild.
	Run func(tx *gorm.DB) error
	// ForeignKeysOff runs the step on SQLite with foreign key enforcement off,
	// as a table rebuild needs (the pragma is ignored inside a transaction), and
	// checks every foreign key before committing.
	ForeignKeysOff bool
}

// Applied records an applied migration.
type Applied struct {
	Version   int `gorm:"primaryKey;autoIncrement:false"`
	Name      string
	AppliedAt time.Time
}

// TableName keeps the table's name.
func (Applied) TableName() string { return "schema_migrations" }

// migrationLockKey is the PostgreSQL advisory lock that stops two replicas
// starting together from migrating at the same time.
const migrationLockKey = 724_101

func dialectSQL(db *gorm.DB, sql string) string {
	if db.Dialector.Name() == "postgres" {
		return strings.NewReplacer("{ID}", "BIGSERIAL PRIMARY KEY", "{TS}", "TIMESTAMPTZ").Replace(sql)
	}
	return strings.NewReplacer("{ID}", "INTEGER PRIMARY KEY AUTOINCREMENT", "{TS}", "DATETIME").Replace(sql)
}

// Migrate applies every migration not yet recorded, each in its own transaction.
// Running it again does nothing.
func Migrate(ctx context.Context, db *gorm.DB) (applied int, err error) {
	return migrateUpTo(ctx, db, math.MaxInt)
}

// migrateUpTo is Migrate stopping after version last, so tests can put data
// in an older schema and migrate it.
func migrateUpTo(ctx context.Context, db *gorm.DB, last int) (applied int, err error) {
	err = WithSetupLock(ctx, db, func() error {
		applied, err = migrateLocked(ctx, db, last)
		return err
	})
	return applied, err
}

func migrateLocked(ctx context.Context, db *gorm.DB, last int) (applied int, err error) {
	db = db.WithContext(ctx)
	if err := db.Exec(dialectSQL(db, `CREATE TABLE IF NOT EXISTS schema_migrations (
		version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at {TS} NOT NULL)`)).Error; err != nil {
		return 0, fmt.Errorf("creating schema_migrations: %w", err)
	}
	done, err := appliedVersions(db)
	if err != nil {
		return 0, err
	}
	for _, m := range migrations {
		if done[m.Version] || m.Version > last {
			continue
		}
		if err := applyMigration(db, m); err != nil {
			return applied, fmt.Errorf("migration %d (%s): %w", m.Version, m.Name, err)
		}
		applied++
	}
	return applied, nil
}

// UpToDate reports whether every migration has been applied, so serve can
// refuse to run against an old schema.
func UpToDate(ctx context.Context, db *gorm.DB) (bool, error) {
	if !db.WithContext(ctx).Migrator().HasTable("schema_migrations") {
		return false, nil
	}
	done, err := appliedVersions(db.WithContext(ctx))
	if err != nil {
		return false, err
	}
	for _, m := range migrations {
		if !done[m.Version] {
			return false, nil
		}
	}
	return true, nil
}

// applyMigration runs one step and records it, in one transaction.
func applyMigration(db *gorm.DB, m migration) error {
	step := func(db *gorm.DB) error {
		return db.Transaction(func(tx *gorm.DB) error {
			stmts := splitStatements(dialectSQL(tx, m.SQL))
			if m.Steps != nil {
				stmts = m.Steps(tx.Dialector.Name())
			}
			for _, stmt := range stmts {
				if err := tx.Exec(stmt).Error; err != nil {
					return fmt.Errorf("%w\nin: %s", err, stmt)
				}
			}
			if m.Run != nil {
				if err := m.Run(tx); err != nil {
					return err
				}
			}
			if m.ForeignKeysOff && tx.Dialector.Name() != "postgres" {
				if err := foreignKeyCheck(tx); err != nil {
					return err
				}
			}
			return tx.Create(&Applied{Version: m.Version, Name: m.Name, AppliedAt: time.Now().UTC()}).Error
		})
	}
	if !m.ForeignKeysOff || db.Dialector.Name() == "postgres" {
		return step(db)
	}
	// One connection for the pragma, the transaction and turning enforcement
	// back on: the pragma holds per connection.
	return db.Connection(func(conn *gorm.DB) error {
		if err := conn.Exec("PRAGMA foreign_keys = OFF").Error; err != nil {
			return err
		}
		err := step(conn)
		if on := conn.Exec("PRAGMA foreign_keys = ON").Error; err == nil {
			err = on
		}
		return err
	})
}

// foreignKeyCheck fails when any row of the SQLite database references a row
// that does not exist, naming the first few.
func foreignKeyCheck(tx *gorm.DB) error {
	rows, err := tx.Raw("PRAGMA foreign_key_check").Rows()
	if err != nil {
		return err
	}
	defer rows.Close()
	var bad []string
	for rows.Next() && len(bad) < 10 {
		var table, parent string
		var rowid, fkid *int64
		if err := rows.Scan(&table, &rowid, &parent, &fkid); err != nil {
			return err
		}
		if rowid != nil {
			bad = append(bad, fmt.Sprintf("%s row %d -> %s", table, *rowid, parent))
		} else {
			bad = append(bad, table+" -> "+parent)
		}
	}
	if err := rows.Err(); err != nil {
		return err
	}
	if len(bad) > 0 {
		return fmt.Errorf("foreign key check failed: %s", strings.Join(bad, "; "))
	}
	return nil
}

func appliedVersions(db *gorm.DB) (map[int]bool, error) {
	var versions []int
	if err := db.Model(&Applied{}).Pluck("version", &versions).Error; err != nil {
		return nil, fmt.Errorf("reading schema_migrations: %w", err)
	}
	done := make(map[int]bool, len(versions))
	for _, v := range versions {
		done[v] = true
	}
	return done, nil
}

func splitStatements(sql string) []string {
	var out []string
	for _, s := range strings.Split(sql, ";") {
		if s = strings.TrimSpace(s); s != "" {
			out = append(out, s)
		}
	}
	return out
}
