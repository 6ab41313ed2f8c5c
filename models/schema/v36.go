package schema

import "fmt"

// measureTables are every table the KPI and benchmark pages read besides the
// plans and actions (which the plan revisions cover): definitions, figures,
// targets, exceptions with their commentary, the feed's last pull, DfE's
// measures, areas, neighbours and figures, and the links to actions.
var measureTables = []string{"kpis", "kpi_figures", "kpi_targets", "kpi_exceptions", "feed_state",
	"bm_measures", "bm_areas", "bm_neighbours", "bm_values", "action_kpis", "action_benchmarks"}

// schemaV36 gives the KPIs and benchmarks a revision of their own, bumped (and
// on PostgreSQL announced at commit) by every write to measureTables, so their
// pages can be served from memory on every replica. A feed pull that changes
// nothing still records when it ran, and so moves it: the KPI page shows that.
func schemaV36(dialect string) []string {
	out := []string{fmt.Sprintf("INSERT INTO cache_revisions (scope, n) VALUES (%d, 1) ON CONFLICT (scope) DO NOTHING", ScopeMeasures)}
	for _, t := range measureTables {
		if dialect == "postgres" {
			// TRUNCATE fires no DELETE trigger, so it is named too.
			out = append(out, fmt.Sprintf(`CREATE TRIGGER sb_rv_ms_%s AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON %s
FOR EACH STATEMENT EXECUTE FUNCTION sb_rev_scope('%d')`, t, t, ScopeMeasures))
			continue
		}
		for _, op := range []string{"INSERT", "UPDATE", "DELETE"} {
			out = append(out, fmt.Sprintf(`CREATE TRIGGER sb_rv_ms_%s_%s AFTER %s ON %s
BEGIN UPDATE cache_revisions SET n = n + 1 WHERE scope = %d; END`, t, op, op, t, ScopeMeasures))
		}
	}
	return out
}
