package schema

// schemaV27 keeps a board's meetings. A meeting is a board and a day, open
// until the board closes it; its agenda is mostly computed from what is due
// then, so meeting_items holds only what cannot be: the items an officer
// added, the order once someone moved an item, and the note minuted against
// each item. A computed item is named by its kind and the id of what it
// shows (ref), so its note and place survive the agenda being assembled
// again. Attendance is one row a person: a board member (user_id) or a name
// typed in. After closing, a change is a correction: the text before and
// after, the reason and who made it, never edited.
const schemaV27 = `
CREATE TABLE meetings (
	id {ID}, board_id INTEGER NOT NULL REFERENCES boards(id), date VARCHAR(10) NOT NULL,
	status VARCHAR(10) NOT NULL DEFAULT 'open',
	opened_by TEXT NOT NULL, opened_at {TS} NOT NULL,
	closed_by TEXT NOT NULL DEFAULT '', closed_at {TS},
	UNIQUE (board_id, date));
CREATE TABLE meeting_items (
	id {ID}, meeting_id INTEGER NOT NULL REFERENCES meetings(id) ON DELETE CASCADE,
	kind VARCHAR(20) NOT NULL, ref VARCHAR(40) NOT NULL,
	title TEXT NOT NULL DEFAULT '', link TEXT NOT NULL DEFAULT '',
	position INTEGER, note TEXT NOT NULL DEFAULT '',
	UNIQUE (meeting_id, kind, ref));
CREATE TABLE meeting_attendance (
	id {ID}, meeting_id INTEGER NOT NULL REFERENCES meetings(id) ON DELETE CASCADE,
	user_id INTEGER REFERENCES users(id), name TEXT NOT NULL, status VARCHAR(10) NOT NULL);
CREATE INDEX ix_meeting_attendance ON meeting_attendance (meeting_id);
CREATE TABLE meeting_corrections (
	id {ID}, meeting_id INTEGER NOT NULL REFERENCES meetings(id) ON DELETE CASCADE,
	part TEXT NOT NULL, before_text TEXT NOT NULL, after_text TEXT NOT NULL, reason TEXT NOT NULL,
	user_id INTEGER REFERENCES users(id), user_name TEXT NOT NULL, created_at {TS} NOT NULL);
CREATE INDEX ix_meeting_corrections ON meeting_corrections (meeting_id, id);
`
