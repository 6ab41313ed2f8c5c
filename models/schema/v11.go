package schema

// schemaV11 keeps the history of which boards govern which actions, so a pack
// for a past quarter covers the actions the board governed at that quarter's
// end. Triggers on action_boards fill it, so every writer (the web edit, the
// seeds, the CLI, hand-written SQL) is recorded alike.
//
// An assignment counts from the moment it is written, except for the boards an
// action is loaded with: while the action is at its first version (as the
// plan document gave it, never edited) and none of its boards has ever been
// taken away, an assignment counts from the action's creation, because the
// plan made it. Moving an action between boards, by the edit page or by hand,
// takes a board away first, so it is dated when made; only adding a board by
// hand to a never-edited action is dated back. Existing assignments are
// backfilled as made at the plan's date.
func schemaV11(dialect string) []string {
	ts, now := "TIMESTAMPTZ", "now()"
	if dialect != "postgres" {
		// The same text layout the SQLite driver writes for a UTC time.Time,
		// so values compare as strings in time order.
		ts, now = "DATETIME", "strftime('%Y-%m-%d %H:%M:%f+00:00', 'now')"
	}
	assignedAt := `CASE WHEN a.version = 1 AND a.created_at IS NOT NULL AND a.created_at < ` + now + `
		AND NOT EXISTS (SELECT 1 FROM action_board_history r WHERE r.action_id = a.id AND r.removed_at IS NOT NULL)
		THEN a.created_at ELSE ` + now + ` END`
	insert := `INSERT INTO action_board_history (action_id, board_id, assigned_at)
	SELECT a.id, NEW.board_id, ` + assignedAt + ` FROM actions a WHERE a.id = NEW.action_id`
	remove := `UPDATE action_board_history SET removed_at = ` + now + `
	WHERE action_id = OLD.action_id AND board_id = OLD.board_id AND removed_at IS NULL`
	out := []string{
		`CREATE TABLE action_board_history (
	action_id INTEGER NOT NULL REFERENCES actions(id) ON DELETE CASCADE,
	board_id INTEGER NOT NULL REFERENCES boards(id),
	assigned_at ` + ts + ` NOT NULL,
	removed_at ` + ts + `)`,
		"CREATE INDEX ix_board_history_board ON action_board_history (board_id, assigned_at)",
		"CREATE INDEX ix_board_history_action ON action_board_history (action_id, board_id)",
		`INSERT INTO action_board_history (action_id, board_id, assigned_at)
	SELECT ab.action_id, ab.board_id, p.date FROM action_boards ab
	JOIN actions a ON a.id = ab.action_id JOIN plans p ON p.id = a.plan_id`,
	}
	if dialect == "postgres" {
		return append(out,
			`CREATE FUNCTION sb_board_assigned() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN `+insert+`; RETURN NULL; END $$`,
			`CREATE FUNCTION sb_board_removed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN `+remove+`; RETURN NULL; END $$`,
			`CREATE TRIGGER sb_board_history_ins AFTER INSERT ON action_boards
FOR EACH ROW EXECUTE FUNCTION sb_board_assigned()`,
			`CREATE TRIGGER sb_board_history_del AFTER DELETE ON action_boards
FOR EACH ROW EXECUTE FUNCTION sb_board_removed()`)
	}
	return append(out,
		"CREATE TRIGGER sb_board_history_ins AFTER INSERT ON action_boards BEGIN "+insert+"; END",
		"CREATE TRIGGER sb_board_history_del AFTER DELETE ON action_boards BEGIN "+remove+"; END")
}
