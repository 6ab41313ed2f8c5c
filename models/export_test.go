package models

// MigrateUpTo lets the external tests build an older schema.
var MigrateUpTo = migrateUpTo

// SchemaV9 lets the backfill test replay migration 9's statements on data.
var SchemaV9 = schemaV9
