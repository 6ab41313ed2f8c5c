package schema

// schemaV14 keeps a spreadsheet uploaded to the plan import page between its
// preview and its confirmation, so the confirmation imports exactly the bytes
// previewed and the forms carry only the upload's id. The id is random and
// unguessable; an upload belongs to the user who sent it, is deleted when its
// import is confirmed, and housekeeping deletes it a day after it was sent.
const schemaV14 = `
CREATE TABLE plan_uploads (
	id VARCHAR(64) PRIMARY KEY,
	user_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
	file_name TEXT NOT NULL, size INTEGER NOT NULL, sha256 VARCHAR(64) NOT NULL,
	content BYTEA NOT NULL,
	created_at {TS} NOT NULL, expires_at {TS} NOT NULL);
CREATE INDEX ix_plan_uploads_expires ON plan_uploads (expires_at);
`
