package schema

// schemaV17 makes mail delivery and round opening safe to repeat.
//
// An outbox row is claimed before it is sent (status "sending", claimed_at,
// claimed_by) and its outcome recorded after, each in its own short
// transaction, so no transaction spans an SMTP conversation. A row a crashed
// process left "sending" is tried once more and marked maybe_duplicate, since
// the server may have taken it before the crash.
//
// One open round per board, plan and due date: the partial unique index makes
// a second identical round impossible however many requests race (COALESCE
// because a plan-wide round has no board, and NULLs never collide). Rounds
// already doubled are closed, keeping the first, so the index can be built.
// round_form_tokens holds each "Open round" form's one-use token with the
// round it opened, so a second submit of the same form finds that round.
const schemaV17 = `
ALTER TABLE outbox ADD COLUMN claimed_at {TS};
ALTER TABLE outbox ADD COLUMN claimed_by VARCHAR(200) NOT NULL DEFAULT '';
ALTER TABLE outbox ADD COLUMN maybe_duplicate BOOLEAN NOT NULL DEFAULT FALSE;
CREATE INDEX ix_outbox_claimed ON outbox (status, claimed_at);
UPDATE rounds SET status = 'closed', closed_at = opened_at
	WHERE status = 'open' AND EXISTS (SELECT 1 FROM rounds r2 WHERE r2.status = 'open' AND r2.plan_id = rounds.plan_id
		AND COALESCE(r2.board_id, 0) = COALESCE(rounds.board_id, 0) AND r2.due = rounds.due AND r2.id < rounds.id);
CREATE UNIQUE INDEX ux_rounds_open ON rounds (plan_id, COALESCE(board_id, 0), due) WHERE status = 'open';
CREATE TABLE round_form_tokens (
	token VARCHAR(64) PRIMARY KEY, user_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
	round_id INTEGER REFERENCES rounds(id) ON DELETE CASCADE, created_at {TS} NOT NULL);
CREATE INDEX ix_round_form_tokens_created ON round_form_tokens (created_at);
`
