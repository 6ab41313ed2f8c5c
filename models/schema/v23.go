package schema

// schemaV23 keeps the personal links round emails carry (only each link's
// hash) and marks a session started from one as limited to answering that
// round.
const schemaV23 = `
CREATE TABLE answer_links (
	id {ID}, token_hash VARCHAR(64) NOT NULL UNIQUE,
	round_id INTEGER NOT NULL REFERENCES rounds(id), user_id INTEGER NOT NULL REFERENCES users(id),
	created_at {TS} NOT NULL, expires_at {TS} NOT NULL, last_used_at {TS});
CREATE INDEX answer_links_round ON answer_links (round_id);
ALTER TABLE sessions ADD COLUMN answer_round_id INTEGER REFERENCES rounds(id);
`
