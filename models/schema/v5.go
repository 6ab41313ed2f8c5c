package schema

import (
	"fmt"
)

// revisionTables are the tables whose changes can alter what the plan pages
// and the action list show; a change to any of them bumps plan_revision.
var revisionTables = []string{"plans", "milestones", "priority_areas", "boards", "leads",
	"actions", "action_boards", "flags", "progress_updates"}

// schemaV5 adds plan_revision, a counter that triggers bump on every write to
// revisionTables. Cached pages are keyed on it, so a write by any replica, a
// job or the CLI invalidates every replica's cache without any code having to
// remember to.
func schemaV5(dialect string) []string {
	out := []string{
		"CREATE TABLE plan_revision (id INTEGER PRIMARY KEY, n BIGINT NOT NULL)",
		"INSERT INTO plan_revision (id, n) VALUES (1, 0)",
	}
	if dialect == "postgres" {
		// Statement-level triggers: a job that touches 100,000 rows bumps once.
		out = append(out, `CREATE FUNCTION sb_bump_plan_revision() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN UPDATE plan_revision SET n = n + 1 WHERE id = 1; RETURN NULL; END $$`)
		for _, t := range revisionTables {
			out = append(out, fmt.Sprintf(`CREATE TRIGGER sb_rev_%s AFTER INSERT OR UPDATE OR DELETE ON %s
FOR EACH STATEMENT EXECUTE FUNCTION sb_bump_plan_revision()`, t, t))
		}
		return out
	}
	for _, t := range revisionTables {
		for _, op := range []string{"INSERT", "UPDATE", "DELETE"} {
			out = append(out, fmt.Sprintf(`CREATE TRIGGER sb_rev_%s_%s AFTER %s ON %s
BEGIN UPDATE plan_revision SET n = n + 1 WHERE id = 1; END`, t, op, op, t))
		}
	}
	return out
}
