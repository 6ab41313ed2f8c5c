package schema

import "fmt"

// schemaV37 moves a plan's revision also for what only an action's page
// shows: its comments, audit history, sign-offs and due date revisions, and
// the open round asking for its update. With these the whole action page
// can be served from memory while the plan's revision stands.
func schemaV37(dialect string) []string {
	byAction := []string{"comments", "audit_log", "signoffs", "due_revisions", "round_actions"}
	byPlan := []string{"rounds"}
	var out []string
	if dialect == "postgres" {
		rows := func(t, col string) {
			out = append(out,
				fmt.Sprintf("CREATE TRIGGER sb_rv_%s_ins AFTER INSERT ON %s REFERENCING NEW TABLE AS sb_new FOR EACH STATEMENT EXECUTE FUNCTION sb_rev_rows('%s')", t, t, col),
				fmt.Sprintf("CREATE TRIGGER sb_rv_%s_upd AFTER UPDATE ON %s REFERENCING NEW TABLE AS sb_new OLD TABLE AS sb_old FOR EACH STATEMENT EXECUTE FUNCTION sb_rev_rows('%s')", t, t, col),
				fmt.Sprintf("CREATE TRIGGER sb_rv_%s_del AFTER DELETE ON %s REFERENCING OLD TABLE AS sb_old FOR EACH STATEMENT EXECUTE FUNCTION sb_rev_rows('%s')", t, t, col))
		}
		for _, t := range byAction {
			rows(t, "action_id")
		}
		for _, t := range byPlan {
			rows(t, "plan_id")
		}
		return out
	}
	bump := func(sel string) string {
		return "INSERT INTO cache_revisions (scope, n) " + sel + " ON CONFLICT (scope) DO UPDATE SET n = n + 1;\n"
	}
	for _, op := range []string{"INSERT", "UPDATE", "DELETE"} {
		recs := map[string][]string{"INSERT": {"NEW"}, "UPDATE": {"NEW", "OLD"}, "DELETE": {"OLD"}}[op]
		trig := func(t string, f func(r string) string) {
			body := ""
			for _, r := range recs {
				body += f(r)
			}
			out = append(out, fmt.Sprintf("CREATE TRIGGER sb_rv_%s_%s AFTER %s ON %s\nBEGIN\n%sEND", t, op, op, t, body))
		}
		for _, t := range byAction {
			trig(t, func(r string) string { return bump("SELECT plan_id, 1 FROM actions WHERE id = " + r + ".action_id") })
		}
		for _, t := range byPlan {
			trig(t, func(r string) string { return bump("SELECT " + r + ".plan_id, 1 WHERE " + r + ".plan_id IS NOT NULL") })
		}
	}
	return out
}
