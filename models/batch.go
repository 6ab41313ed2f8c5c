package models

import (
	"gorm.io/gorm"
)

// importBatch is how many rows one INSERT or UPDATE carries: well under both
// databases' limits on bound parameters.
const importBatch = 1000

// InsertBatch is the rows per INSERT or UPDATE: the SQLite driver binds parameters in
// time quadratic in their number, so it gets smaller statements.
func InsertBatch(tx *gorm.DB) int {
	if tx.Dialector.Name() == "postgres" {
		return importBatch
	}
	return importBatch / 10
}
