package modeltest

import (
	"sync/atomic"

	"gorm.io/gorm"
)

// QueryCounter counts the SQL statements GORM runs on a database.
type QueryCounter struct{ n atomic.Int64 }

// CountQueries registers callbacks on db that count every statement it runs.
// Dry runs are not counted: GORM builds a subquery passed as an argument by
// running the query callbacks without touching the database.
func CountQueries(db *gorm.DB) *QueryCounter {
	c := &QueryCounter{}
	inc := func(tx *gorm.DB) {
		if !tx.DryRun {
			c.n.Add(1)
		}
	}
	cb := db.Callback()
	cb.Create().After("gorm:create").Register("modeltest:count_create", inc)
	cb.Query().After("gorm:query").Register("modeltest:count_query", inc)
	cb.Update().After("gorm:update").Register("modeltest:count_update", inc)
	cb.Delete().After("gorm:delete").Register("modeltest:count_delete", inc)
	cb.Row().After("gorm:row").Register("modeltest:count_row", inc)
	cb.Raw().After("gorm:raw").Register("modeltest:count_raw", inc)
	return c
}

// Reset sets the count to zero.
func (c *QueryCounter) Reset() { c.n.Store(0) }

// N is the number of statements since the last Reset.
func (c *QueryCounter) N() int64 { return c.n.Load() }
