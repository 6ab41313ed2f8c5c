package schema

import "fmt"

// schemaV34 has every change that can end or narrow someone's access bump
// the accounts revision (and announce it on PostgreSQL): a user changed
// (disabled, role, password) or their lead roles and boards, a session
// ended, a token revoked or deleted. Replicas resolve sessions and tokens
// from memory while it stands. A session's sliding expiry and a token's
// last use are updates that do not bump it: they happen on reads.
func schemaV34(dialect string) []string {
	type src struct{ table, event string }
	srcs := []src{
		{"users", "UPDATE"}, {"users", "DELETE"},
		{"user_leads", "INSERT"}, {"user_leads", "UPDATE"}, {"user_leads", "DELETE"},
		{"user_boards", "INSERT"}, {"user_boards", "UPDATE"}, {"user_boards", "DELETE"},
		{"sessions", "DELETE"}, {"sessions", "UPDATE OF user_id, token_hash, answer_round_id"},
		{"api_tokens", "DELETE"}, {"api_tokens", "UPDATE OF revoked_at, user_id, token_hash"},
	}
	// A session's expiry brought forward (rather than slid) ends it early.
	out := []string{`CREATE TRIGGER sb_rv_acc_sessions_shortened AFTER UPDATE OF expires_at ON sessions FOR EACH ROW
WHEN (NEW.expires_at < OLD.expires_at) EXECUTE FUNCTION sb_rev_scope('-1')`}
	if dialect != "postgres" {
		out = []string{`CREATE TRIGGER sb_rv_acc_sessions_shortened AFTER UPDATE OF expires_at ON sessions
WHEN NEW.expires_at < OLD.expires_at BEGIN UPDATE cache_revisions SET n = n + 1 WHERE scope = -1; END`}
	}
	for i, s := range srcs {
		if dialect == "postgres" {
			out = append(out, fmt.Sprintf(`CREATE TRIGGER sb_rv_acc_%s_%d AFTER %s ON %s
FOR EACH STATEMENT EXECUTE FUNCTION sb_rev_scope('%d')`, s.table, i, s.event, s.table, ScopeAccounts))
			continue
		}
		out = append(out, fmt.Sprintf(`CREATE TRIGGER sb_rv_acc_%s_%d AFTER %s ON %s
BEGIN UPDATE cache_revisions SET n = n + 1 WHERE scope = %d; END`, s.table, i, s.event, s.table, ScopeAccounts))
	}
	return out
}
