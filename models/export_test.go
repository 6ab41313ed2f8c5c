package models

// MigrateUpTo lets the external tests build an older schema.
var MigrateUpTo = migrateUpTo
