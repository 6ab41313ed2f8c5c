package app

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"time"

	"github.com/ncruces/go-sqlite3/gormlite"
	"gorm.io/driver/postgres"
	"gorm.io/gorm"
	"gorm.io/gorm/logger"

	"sendboard/models/schema"
)

// OpenDB opens PostgreSQL when cfg.DatabaseURL is set, else the SQLite file,
// and checks the database answers.
func OpenDB(ctx context.Context, cfg Config) (*gorm.DB, error) {
	gcfg := &gorm.Config{Logger: logger.Discard, TranslateError: true, PrepareStmt: true}
	var db *gorm.DB
	var err error
	if cfg.DatabaseURL != "" {
		db, err = gorm.Open(postgres.Open(cfg.DatabaseURL), gcfg)
		if err != nil {
			return nil, fmt.Errorf("database %s: %w", redactURL(cfg.DatabaseURL), err)
		}
		sqlDB, _ := db.DB()
		sqlDB.SetMaxOpenConns(20)
		sqlDB.SetMaxIdleConns(20)
		sqlDB.SetConnMaxIdleTime(5 * time.Minute)
	} else {
		// Said plainly here: the driver's error is "unable to open database file: lstat ...".
		if dir := filepath.Dir(cfg.SQLitePath); !isDir(dir) {
			return nil, fmt.Errorf("SENDBOARD_SQLITE=%q: the directory %s does not exist", cfg.SQLitePath, dir)
		}
		// WAL, busy timeout, foreign keys and immediate transactions: see SQLiteDSN.
		db, err = gorm.Open(gormlite.Open(schema.SQLiteDSN(cfg.SQLitePath)), gcfg)
		if err != nil {
			return nil, fmt.Errorf("sqlite %s: %w", cfg.SQLitePath, err)
		}
		sqlDB, _ := db.DB()
		sqlDB.SetMaxOpenConns(4)
	}
	pingCtx, cancel := context.WithTimeout(ctx, 5*time.Second)
	defer cancel()
	sqlDB, _ := db.DB()
	if err := sqlDB.PingContext(pingCtx); err != nil {
		sqlDB.Close()
		if cfg.DatabaseURL != "" {
			return nil, fmt.Errorf("cannot reach the database at %s: %w", redactURL(cfg.DatabaseURL), err)
		}
		return nil, fmt.Errorf("cannot open the SQLite file %s: %w", cfg.SQLitePath, err)
	}
	return db, nil
}

// CloseDB releases the database's connections.
func CloseDB(db *gorm.DB) {
	if sqlDB, err := db.DB(); err == nil {
		sqlDB.Close()
	}
}

func isDir(path string) bool {
	fi, err := os.Stat(path)
	return err == nil && fi.IsDir()
}

// DatabaseLocation names the database c uses, for messages: the PostgreSQL
// URL without its password, or the SQLite file's absolute path.
func (c Config) DatabaseLocation() string {
	if c.DatabaseURL != "" {
		return redactURL(c.DatabaseURL)
	}
	if abs, err := filepath.Abs(c.SQLitePath); err == nil {
		return abs
	}
	return c.SQLitePath
}
