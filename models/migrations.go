package models

import (
	"context"
	"fmt"
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
}

// SchemaMigration records an applied migration.
type SchemaMigration struct {
	Version   int       `gorm:"primaryKey;autoIncrement:false"`
	Name      string    `gorm:"not null"`
	AppliedAt time.Time `gorm:"not null"`
}

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
	db = db.WithContext(ctx)
	if db.Dialector.Name() == "postgres" {
		if err := db.Exec("SELECT pg_advisory_lock(?)", migrationLockKey).Error; err != nil {
			return 0, fmt.Errorf("taking the migration lock: %w", err)
		}
		defer db.Exec("SELECT pg_advisory_unlock(?)", migrationLockKey)
	}
	if err := db.Exec(dialectSQL(db, `CREATE TABLE IF NOT EXISTS schema_migrations (
		version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at {TS} NOT NULL)`)).Error; err != nil {
		return 0, fmt.Errorf("creating schema_migrations: %w", err)
	}
	done, err := appliedVersions(db)
	if err != nil {
		return 0, err
	}
	for _, m := range migrations {
		if done[m.Version] {
			continue
		}
		err := db.Transaction(func(tx *gorm.DB) error {
			stmts := splitStatements(dialectSQL(tx, m.SQL))
			if m.Steps != nil {
				stmts = m.Steps(tx.Dialector.Name())
			}
			for _, stmt := range stmts {
				if err := tx.Exec(stmt).Error; err != nil {
					return fmt.Errorf("%w\nin: %s", err, stmt)
				}
			}
			return tx.Create(&SchemaMigration{Version: m.Version, Name: m.Name, AppliedAt: time.Now().UTC()}).Error
		})
		if err != nil {
			return applied, fmt.Errorf("migration %d (%s): %w", m.Version, m.Name, err)
		}
		applied++
	}
	return applied, nil
}

// SchemaUpToDate reports whether every migration has been applied, so serve can
// refuse to run against an old schema.
func SchemaUpToDate(ctx context.Context, db *gorm.DB) (bool, error) {
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

func appliedVersions(db *gorm.DB) (map[int]bool, error) {
	var versions []int
	if err := db.Model(&SchemaMigration{}).Pluck("version", &versions).Error; err != nil {
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
