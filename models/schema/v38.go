package schema

import "fmt"

// schemaV38 has renaming or removing a lead role or a board also move the
// accounts revision: each signed-in user is held in memory with the names of
// their lead roles and boards (schemaV34), and what they may do is decided
// by those names in places (who comments on a KPI).
func schemaV38(dialect string) []string {
	var out []string
	for _, t := range []string{"leads", "boards"} {
		for _, op := range []string{"UPDATE", "DELETE"} {
			if dialect == "postgres" {
				out = append(out, fmt.Sprintf(`CREATE TRIGGER sb_rv_acc_%s_%s AFTER %s ON %s
FOR EACH STATEMENT EXECUTE FUNCTION sb_rev_scope('%d')`, t, op, op, t, ScopeAccounts))
				continue
			}
			out = append(out, fmt.Sprintf(`CREATE TRIGGER sb_rv_acc_%s_%s AFTER %s ON %s
BEGIN UPDATE cache_revisions SET n = n + 1 WHERE scope = %d; END`, t, op, op, t, ScopeAccounts))
		}
	}
	return out
}
