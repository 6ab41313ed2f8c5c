package schema

import "gorm.io/gorm"

// schemaV26Run widens the audit subject so "user " and the longest email
// address (254 characters) fit. SQLite does not hold text to a declared
// length, so only PostgreSQL needs the change.
func schemaV26Run(tx *gorm.DB) error {
	if tx.Dialector.Name() != "postgres" {
		return nil
	}
	return tx.Exec("ALTER TABLE audit_log ALTER COLUMN subject TYPE VARCHAR(300)").Error
}
