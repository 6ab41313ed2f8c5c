package models

// schemaV4 holds the tables of the stored governance packs.
const schemaV4 = `
CREATE TABLE IF NOT EXISTS v4_placeholder (id INTEGER);
DROP TABLE v4_placeholder;
`
