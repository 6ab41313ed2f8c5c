package schema

// schemaV12 records each board sign-off of a completed action: which board
// signed it off, at the meeting of which date, under which minute. A row is
// never changed; reopening an action clears actions.signed_off_at and a later
// sign-off adds a new row, so the history of decisions stays. The meeting date
// is a calendar date kept as YYYY-MM-DD text, which compares the same on both
// databases; the board's and signer's names are kept as they were. Changes to
// accounts are audited with the account as the subject, so the audit log is
// indexed by subject for a user's history.
const schemaV12 = `
CREATE TABLE signoffs (
	id {ID}, action_id INTEGER NOT NULL REFERENCES actions(id) ON DELETE CASCADE,
	board_id INTEGER REFERENCES boards(id), board_name TEXT NOT NULL DEFAULT '',
	user_id INTEGER REFERENCES users(id), signed_by TEXT NOT NULL,
	meeting_date VARCHAR(10) NOT NULL, minute VARCHAR(100) NOT NULL DEFAULT '',
	created_at {TS} NOT NULL);
CREATE INDEX ix_signoffs_action ON signoffs (action_id, id);
CREATE INDEX ix_audit_subject ON audit_log (subject, id);
`
