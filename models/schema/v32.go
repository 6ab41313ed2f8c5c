package schema

// schemaV32 keeps the sign-ins sent to an OpenID Connect provider and not yet
// back: the state and nonce only as hashes, the PKCE verifier (useless
// without the code the provider sends to the browser), the page to land on,
// and the hash of the browser's pre-session cookie the sign-in is bound to.
// A row is used once and lives minutes.
const schemaV32 = `
CREATE TABLE oidc_logins (
	id {ID}, state_hash VARCHAR(64) NOT NULL UNIQUE, nonce_hash VARCHAR(64) NOT NULL,
	pre_session_hash VARCHAR(64) NOT NULL, provider VARCHAR(100) NOT NULL,
	verifier VARCHAR(128) NOT NULL, next_path VARCHAR(2000) NOT NULL DEFAULT '',
	created_at {TS} NOT NULL, expires_at {TS} NOT NULL);
CREATE INDEX ix_oidc_logins_expires ON oidc_logins (expires_at);
`
