package schema

// schemaV30 keeps what a pack for a past quarter needs to show the register
// as it stood, and the exceptions the daily job raises on risks. Each change
// of a plan's escalation threshold is kept with the value before it, so the
// threshold at any moment is known, before the first change too. A
// risk_review_overdue exception is raised for an open risk whose review-by
// day has passed and resolved, never deleted, when it is reviewed or closed;
// the partial unique index keeps one open exception per risk and kind.
const schemaV30 = `
CREATE TABLE risk_threshold_history (
	id {ID}, plan_id INTEGER NOT NULL REFERENCES plans(id),
	threshold INTEGER NOT NULL, previous INTEGER NOT NULL,
	changed_at {TS} NOT NULL, user_id INTEGER REFERENCES users(id), user_name TEXT NOT NULL);
CREATE INDEX ix_risk_threshold_history ON risk_threshold_history (plan_id, changed_at);
CREATE TABLE risk_exceptions (
	id {ID}, risk_id INTEGER NOT NULL REFERENCES risks(id) ON DELETE CASCADE,
	kind VARCHAR(40) NOT NULL, since VARCHAR(10) NOT NULL,
	raised_at {TS} NOT NULL, resolved_at {TS});
CREATE UNIQUE INDEX ux_risk_exceptions_open ON risk_exceptions (risk_id, kind) WHERE resolved_at IS NULL;
CREATE INDEX ix_risk_exceptions_kind ON risk_exceptions (kind, resolved_at);
`
