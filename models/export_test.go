package models

// SchemaV9 lets the backfill test replay migration 9's statements on data.
var SchemaV9 = schemaV9
