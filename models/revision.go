package models

import (
	"context"

	"gorm.io/gorm"
)

// Revisions are the counters the database's triggers bump in the writing
// transaction (schemaV33, schemaV34): Global for anything, Scopes by plan id,
// 0 for the reference lists and -1 for accounts.
type Revisions struct {
	Global int64
	Scopes map[int64]int64
}

// Scope is the revision of scope: 0 when the database has none for it yet.
func (r *Revisions) Scope(scope int64) int64 { return r.Scopes[scope] }

// RevisionsQuery reads every revision in one statement; the table holds a
// row per plan and two more, and the catch-all comes as scope -1000.
const RevisionsQuery = "SELECT scope, n FROM cache_revisions UNION ALL SELECT -1000, n FROM plan_revision WHERE id = 1"

// ReadRevisions runs RevisionsQuery.
func ReadRevisions(ctx context.Context, db *gorm.DB) (*Revisions, error) {
	rows, err := db.WithContext(ctx).Raw(RevisionsQuery).Rows()
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	return ScanRevisions(rows)
}

// RevisionRows is what ScanRevisions reads: database/sql's rows or pgx's.
type RevisionRows interface {
	Next() bool
	Scan(dest ...any) error
	Err() error
}

// ScanRevisions reads the rows of RevisionsQuery.
func ScanRevisions(rows RevisionRows) (*Revisions, error) {
	r := &Revisions{Scopes: make(map[int64]int64, 8)}
	for rows.Next() {
		var scope, n int64
		if err := rows.Scan(&scope, &n); err != nil {
			return nil, err
		}
		if scope == -1000 {
			r.Global = n
		} else {
			r.Scopes[scope] = n
		}
	}
	return r, rows.Err()
}
