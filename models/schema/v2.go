package schema

// schemaV2 adds accounts, sessions, API tokens, sign-in throttling, comments
// and the audit log of admin edits.
const schemaV2 = `
CREATE TABLE users (
	id {ID}, email VARCHAR(254) NOT NULL UNIQUE, name TEXT NOT NULL, role VARCHAR(20) NOT NULL,
	password_hash TEXT NOT NULL, disabled BOOLEAN NOT NULL DEFAULT FALSE,
	created_at {TS}, updated_at {TS});
CREATE TABLE user_leads (
	user_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
	lead_id INTEGER NOT NULL REFERENCES leads(id),
	PRIMARY KEY (user_id, lead_id));
CREATE TABLE sessions (
	id {ID}, token_hash VARCHAR(64) NOT NULL UNIQUE, user_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
	created_at {TS} NOT NULL, last_seen_at {TS} NOT NULL, expires_at {TS} NOT NULL, ip VARCHAR(64) NOT NULL DEFAULT '');
CREATE INDEX ix_sessions_user ON sessions (user_id);
CREATE TABLE api_tokens (
	id {ID}, user_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE, name TEXT NOT NULL,
	token_hash VARCHAR(64) NOT NULL UNIQUE, prefix VARCHAR(16) NOT NULL,
	created_at {TS} NOT NULL, last_used_at {TS}, revoked_at {TS});
CREATE INDEX ix_api_tokens_user ON api_tokens (user_id);
CREATE TABLE login_throttles (
	key VARCHAR(300) PRIMARY KEY, failures INTEGER NOT NULL, window_start {TS} NOT NULL, locked_until {TS});
CREATE TABLE comments (
	id {ID}, action_id INTEGER NOT NULL REFERENCES actions(id), user_id INTEGER REFERENCES users(id),
	author_name TEXT NOT NULL, body TEXT NOT NULL, created_at {TS} NOT NULL);
CREATE INDEX ix_comments_action ON comments (action_id, created_at);
CREATE TABLE audit_log (
	id {ID}, action_id INTEGER REFERENCES actions(id), user_id INTEGER REFERENCES users(id),
	author_name TEXT NOT NULL, kind VARCHAR(40) NOT NULL, field VARCHAR(60) NOT NULL DEFAULT '',
	before_value TEXT NOT NULL DEFAULT '', after_value TEXT NOT NULL DEFAULT '', created_at {TS} NOT NULL);
CREATE INDEX ix_audit_action ON audit_log (action_id, created_at);
`
