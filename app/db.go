package app

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"time"

	"github.com/glebarez/sqlite"
	"gorm.io/driver/postgres"
	"gorm.io/gorm"
	"gorm.io/gorm/logger"
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
		// The SQLite driver reports a missing directory as "out of memory (14)".
		if dir := filepath.Dir(cfg.SQLitePath); !isDir(dir) {
			return nil, fmt.Errorf("SENDBOARD_SQLITE=%q: the directory %s does not exist", cfg.SQLitePath, dir)
		}
		// WAL lets readers run while a job writes; busy_timeout makes writers wait
		// for each other instead of failing; immediate transactions take the write
		// lock up front, so two read-then-write transactions cannot deadlock.
		dsn := cfg.SQLitePath + "?_pragma=foreign_keys(1)&_pragma=journal_mode(WAL)&_pragma=busy_timeout(5000)&_pragma=synchronous(NORMAL)&_txlock=immediate"
		db, err = gorm.Open(sqlite.Open(dsn), gcfg)
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
