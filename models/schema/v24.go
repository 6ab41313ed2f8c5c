package schema

import (
	"fmt"
	"strings"
)

// schemaV24 adds each plan's risk and issue register: risks with their
// owner (a user or a lead role), likelihood, impact and score, the actions
// they threaten, and a history row for every change of score, owner, status
// or kind, with who, when and why. The plan gains its escalation threshold.
// Risks count for the plan pages' cache as actions do: a board's "Needs
// attention" lists the escalated ones.
func schemaV24(dialect string) []string {
	id, ts := "INTEGER PRIMARY KEY AUTOINCREMENT", "DATETIME"
	if dialect == "postgres" {
		id, ts = "BIGSERIAL PRIMARY KEY", "TIMESTAMPTZ"
	}
	r := strings.NewReplacer("{ID}", id, "{TS}", ts)
	out := []string{
		"ALTER TABLE plans ADD COLUMN risk_threshold INTEGER NOT NULL DEFAULT 15",
		r.Replace(`CREATE TABLE risks (
	id {ID}, plan_id INTEGER NOT NULL REFERENCES plans(id),
	area_id INTEGER REFERENCES priority_areas(id),
	kind VARCHAR(10) NOT NULL DEFAULT 'risk', title TEXT NOT NULL, description TEXT NOT NULL DEFAULT '',
	owner_user_id INTEGER REFERENCES users(id), owner_lead_id INTEGER REFERENCES leads(id),
	likelihood INTEGER NOT NULL, impact INTEGER NOT NULL, score INTEGER NOT NULL,
	target_score INTEGER, mitigation TEXT NOT NULL DEFAULT '', review_by VARCHAR(10) NOT NULL DEFAULT '',
	status VARCHAR(10) NOT NULL DEFAULT 'open', version INTEGER NOT NULL DEFAULT 1,
	created_at {TS} NOT NULL, updated_at {TS} NOT NULL,
	CHECK (likelihood BETWEEN 1 AND 5), CHECK (impact BETWEEN 1 AND 5))`),
		"CREATE INDEX ix_risks_plan ON risks (plan_id, status, score)",
		"CREATE INDEX ix_risks_owner_lead ON risks (owner_lead_id)",
		"CREATE INDEX ix_risks_owner_user ON risks (owner_user_id)",
		`CREATE TABLE risk_actions (
	risk_id INTEGER NOT NULL REFERENCES risks(id) ON DELETE CASCADE,
	action_id INTEGER NOT NULL REFERENCES actions(id),
	PRIMARY KEY (risk_id, action_id))`,
		"CREATE INDEX ix_risk_actions_action ON risk_actions (action_id)",
		r.Replace(`CREATE TABLE risk_history (
	id {ID}, risk_id INTEGER NOT NULL REFERENCES risks(id) ON DELETE CASCADE,
	changed_at {TS} NOT NULL, user_id INTEGER REFERENCES users(id), user_name TEXT NOT NULL,
	changed VARCHAR(60) NOT NULL, likelihood INTEGER NOT NULL, impact INTEGER NOT NULL, score INTEGER NOT NULL,
	owner TEXT NOT NULL, status VARCHAR(10) NOT NULL, kind VARCHAR(10) NOT NULL, reason TEXT NOT NULL DEFAULT '')`),
		"CREATE INDEX ix_risk_history_risk ON risk_history (risk_id, changed_at)",
	}
	for _, t := range []string{"risks", "risk_actions"} {
		if dialect == "postgres" {
			out = append(out, fmt.Sprintf(`CREATE TRIGGER sb_rev_%s AFTER INSERT OR UPDATE OR DELETE ON %s
FOR EACH STATEMENT EXECUTE FUNCTION sb_bump_plan_revision()`, t, t))
			continue
		}
		for _, op := range []string{"INSERT", "UPDATE", "DELETE"} {
			out = append(out, fmt.Sprintf(`CREATE TRIGGER sb_rev_%s_%s AFTER %s ON %s
BEGIN UPDATE plan_revision SET n = n + 1 WHERE id = 1; END`, t, op, op, t))
		}
	}
	return out
}
