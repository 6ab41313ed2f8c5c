package schema

// schemaV8 holds board membership, update rounds and the mail outbox.
//
// user_boards says which governance boards a board-role user sits on; the
// index on user_leads(lead_id) finds the people to email for a round's leads. A round
// asks the leads of a set of actions for an update by a due date; the set is
// fixed when the round opens (round_actions), so the tracker shows what was
// asked even if actions move later. Dates of rounds are calendar dates kept as
// YYYY-MM-DD text, which sorts and compares the same on both databases.
// outbox rows are written in the same transaction as what caused them;
// dedupe_key makes a reminder or digest for one day impossible to queue twice.
// A "no change" update is an ordinary progress update marked as such, so it
// shows in the history and the packs with its reason.
const schemaV8 = `
CREATE TABLE user_boards (
	user_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
	board_id INTEGER NOT NULL REFERENCES boards(id),
	PRIMARY KEY (user_id, board_id));
CREATE INDEX ix_user_boards_board ON user_boards (board_id);
CREATE INDEX ix_user_leads_lead ON user_leads (lead_id);
CREATE TABLE rounds (
	id {ID}, plan_id INTEGER NOT NULL REFERENCES plans(id), board_id INTEGER REFERENCES boards(id),
	scope TEXT NOT NULL DEFAULT '', due VARCHAR(10) NOT NULL, meeting VARCHAR(10),
	message TEXT NOT NULL DEFAULT '', status VARCHAR(10) NOT NULL,
	owner_id INTEGER NOT NULL REFERENCES users(id), opened_at {TS} NOT NULL,
	closed_at {TS}, closed_by_id INTEGER REFERENCES users(id));
CREATE INDEX ix_rounds_status ON rounds (status, due);
CREATE TABLE round_actions (
	round_id INTEGER NOT NULL REFERENCES rounds(id) ON DELETE CASCADE,
	action_id INTEGER NOT NULL REFERENCES actions(id) ON DELETE CASCADE,
	lead_id INTEGER REFERENCES leads(id),
	answered_at {TS}, answered_by_id INTEGER REFERENCES users(id), update_id INTEGER REFERENCES progress_updates(id),
	escalated_at {TS},
	PRIMARY KEY (round_id, action_id));
CREATE INDEX ix_round_actions_action ON round_actions (action_id, answered_at);
CREATE INDEX ix_round_actions_lead ON round_actions (round_id, lead_id);
CREATE TABLE outbox (
	id {ID}, dedupe_key VARCHAR(200) UNIQUE, kind VARCHAR(40) NOT NULL,
	round_id INTEGER REFERENCES rounds(id) ON DELETE SET NULL, user_id INTEGER REFERENCES users(id) ON DELETE SET NULL,
	to_addr VARCHAR(254) NOT NULL, to_name TEXT NOT NULL DEFAULT '', subject TEXT NOT NULL,
	text_body TEXT NOT NULL, html_body TEXT NOT NULL, list_unsubscribe TEXT NOT NULL DEFAULT '',
	status VARCHAR(10) NOT NULL, attempts INTEGER NOT NULL DEFAULT 0, next_attempt_at {TS} NOT NULL,
	last_reply TEXT NOT NULL DEFAULT '', created_at {TS} NOT NULL, sent_at {TS});
CREATE INDEX ix_outbox_due ON outbox (status, next_attempt_at);
CREATE INDEX ix_outbox_created ON outbox (created_at);
CREATE TABLE digest_optouts (
	user_id INTEGER PRIMARY KEY REFERENCES users(id) ON DELETE CASCADE, created_at {TS} NOT NULL);
ALTER TABLE progress_updates ADD COLUMN no_change BOOLEAN NOT NULL DEFAULT FALSE;
`
