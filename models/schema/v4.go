package schema

// schemaV4 holds the stored governance packs. A pack is written once and never
// updated: generating again adds the next version. Each pack keeps its three
// renderings with their SHA-256, so a board can see exactly what it was given.
// BYTEA is PostgreSQL's binary type; SQLite accepts the name and stores blobs
// unchanged.
const schemaV4 = `
CREATE TABLE governance_packs (
	id {ID}, plan_id INTEGER NOT NULL REFERENCES plans(id),
	board_key VARCHAR(200) NOT NULL, board_id INTEGER REFERENCES boards(id), board_name TEXT NOT NULL,
	quarter VARCHAR(10) NOT NULL, quarter_sort INTEGER NOT NULL, version INTEGER NOT NULL,
	generated_at {TS} NOT NULL, generated_by_id INTEGER REFERENCES users(id), generated_by TEXT NOT NULL,
	UNIQUE (plan_id, board_key, quarter, version));
CREATE INDEX ix_governance_packs_generated ON governance_packs (generated_at);
CREATE TABLE governance_pack_files (
	pack_id INTEGER NOT NULL REFERENCES governance_packs(id), format VARCHAR(10) NOT NULL,
	content_type VARCHAR(100) NOT NULL, size INTEGER NOT NULL, sha256 VARCHAR(64) NOT NULL,
	content BYTEA NOT NULL,
	PRIMARY KEY (pack_id, format));
`
