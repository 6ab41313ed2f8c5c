package schema

// schemaV31 links accounts to the OpenID Connect providers they sign in with
// (one row per provider and subject, the subject being the provider's stable
// id for the person), marks accounts created by a first sign-in that no claim
// gave a role to as pending until an administrator approves them, and keeps
// which provider started a session so signing out can offer the provider's
// own sign-out.
const schemaV31 = `
CREATE TABLE user_identities (
	id {ID}, provider VARCHAR(100) NOT NULL, subject VARCHAR(255) NOT NULL,
	user_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
	email VARCHAR(254) NOT NULL, created_at {TS} NOT NULL, last_sign_in_at {TS} NOT NULL,
	UNIQUE (provider, subject));
CREATE INDEX ix_user_identities_user ON user_identities (user_id);
ALTER TABLE users ADD COLUMN pending BOOLEAN NOT NULL DEFAULT FALSE;
ALTER TABLE sessions ADD COLUMN provider VARCHAR(100) NOT NULL DEFAULT '';
`
