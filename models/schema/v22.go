package schema

// schemaV22 keeps the links emailed to set a password: an invitation to a new
// account or a reset of a forgotten password. Only the token's hash is kept;
// a link is used once.
const schemaV22 = `
CREATE TABLE password_links (
	id {ID}, token_hash VARCHAR(64) NOT NULL UNIQUE,
	user_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
	purpose VARCHAR(20) NOT NULL, created_at {TS} NOT NULL, expires_at {TS} NOT NULL, used_at {TS});
CREATE INDEX ix_password_links_user ON password_links (user_id);
`
