package schema

// schemaV25 keeps a board's decisions and its own actions. A decision is
// raised as a question with options and a recommendation for a meeting, then
// decided (text, meeting date, minute) or withdrawn; after that its row is
// never changed. Its links to a plan, area or action are optional; risk_id
// names a risk without a foreign key, as risks are kept by a later step.
// A board action is the board's own ("the chair to write to the ICB"): an
// owner who is a user or only a name, a due date and the meeting that set it.
// Calendar dates are YYYY-MM-DD text, which compares the same on both
// databases; the names of who did what are kept as they were.
const schemaV25 = `
CREATE TABLE decisions (
	id {ID}, board_id INTEGER NOT NULL REFERENCES boards(id),
	question TEXT NOT NULL, options TEXT NOT NULL DEFAULT '', recommendation TEXT NOT NULL DEFAULT '',
	meeting VARCHAR(10) NOT NULL DEFAULT '',
	plan_id INTEGER REFERENCES plans(id), area_id INTEGER REFERENCES priority_areas(id),
	action_id INTEGER REFERENCES actions(id) ON DELETE SET NULL, risk_id INTEGER,
	status VARCHAR(20) NOT NULL, decision TEXT NOT NULL DEFAULT '',
	meeting_date VARCHAR(10) NOT NULL DEFAULT '', minute VARCHAR(100) NOT NULL DEFAULT '',
	raised_by_id INTEGER REFERENCES users(id), raised_by TEXT NOT NULL,
	closed_by_id INTEGER REFERENCES users(id), closed_by TEXT NOT NULL DEFAULT '',
	created_at {TS} NOT NULL, closed_at {TS});
CREATE INDEX ix_decisions_board ON decisions (board_id, status, id);
CREATE TABLE board_actions (
	id {ID}, board_id INTEGER NOT NULL REFERENCES boards(id), title TEXT NOT NULL,
	owner_id INTEGER REFERENCES users(id), owner TEXT NOT NULL,
	due VARCHAR(10) NOT NULL DEFAULT '', meeting_date VARCHAR(10) NOT NULL DEFAULT '',
	status VARCHAR(10) NOT NULL, created_by TEXT NOT NULL, created_at {TS} NOT NULL,
	done_by TEXT NOT NULL DEFAULT '', done_at {TS});
CREATE INDEX ix_board_actions_board ON board_actions (board_id, status, id);
`
