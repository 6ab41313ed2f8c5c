package schema

import "fmt"

// Tables whose rows say which plan they belong to, and how: planOwned carry
// plan_id, actionOwned an action_id whose action does. Milestones and
// priority areas are also the reference lists, as are plans themselves.
var (
	planOwned   = []string{"actions", "risks", "milestones", "priority_areas"}
	actionOwned = []string{"action_boards", "action_leads", "flags", "progress_updates", "risk_actions"}
	refOnly     = []string{"boards", "leads", "plan_settings"}
)

// The scopes of cache_revisions besides each plan's id.
const (
	ScopeReference = 0  // plans, areas, milestones, boards, leads, the home page
	ScopeAccounts  = -1 // users, their roles, sessions and API tokens (schemaV34)
	ScopeMeasures  = -2 // KPIs, their figures and targets, DfE benchmarks (schemaV36)
)

// schemaV33 replaces the one plan_revision row every write serialised on by
// a revision per plan and one for the reference lists, so a progress note on
// one plan leaves the others' cached pages and the lists valid. On
// PostgreSQL the triggers are per statement, bump each plan a statement
// touched once, and announce the new value with pg_notify, which is
// delivered at commit: replicas keep revisions in memory and learn of every
// write, from any replica, job or the command line, as it becomes visible.
// plan_revision stays as a catch-all: a trigger still calling
// sb_bump_plan_revision invalidates everything, and announces it.
func schemaV33(dialect string) []string {
	out := []string{
		"CREATE TABLE cache_revisions (scope BIGINT PRIMARY KEY, n BIGINT NOT NULL)",
		fmt.Sprintf("INSERT INTO cache_revisions (scope, n) VALUES (%d, 1), (%d, 1)", ScopeReference, ScopeAccounts),
		"INSERT INTO cache_revisions (scope, n) SELECT id, 1 FROM plans",
	}
	old := append(append(append([]string{"plans"}, planOwned...), actionOwned...), refOnly...)
	if dialect == "postgres" {
		for _, t := range old {
			out = append(out, fmt.Sprintf("DROP TRIGGER IF EXISTS sb_rev_%s ON %s", t, t))
		}
		out = append(out,
			`CREATE OR REPLACE FUNCTION sb_bump_plan_revision() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE v BIGINT;
BEGIN
	UPDATE plan_revision SET n = n + 1 WHERE id = 1 RETURNING n INTO v;
	PERFORM pg_notify('sendboard_cache', 'g ' || v);
	RETURN NULL;
END $$`,
			// In scope order, so two writers bumping the same plans never deadlock.
			`CREATE FUNCTION sb_bump_revisions(ids BIGINT[]) RETURNS void LANGUAGE plpgsql AS $$
DECLARE r RECORD;
BEGIN
	FOR r IN WITH b AS (
		INSERT INTO cache_revisions AS c (scope, n)
		SELECT DISTINCT s, 1 FROM unnest(ids) AS s WHERE s IS NOT NULL ORDER BY 1
		ON CONFLICT (scope) DO UPDATE SET n = c.n + 1 RETURNING c.scope, c.n)
	SELECT scope, n FROM b LOOP
		PERFORM pg_notify('sendboard_cache', r.scope || ' ' || r.n);
	END LOOP;
END $$`,
			// TG_ARGV[0]: the column naming the plan; TG_ARGV[1] = 'ref' when
			// the rows are reference lists too.
			`CREATE FUNCTION sb_rev_rows() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE ids BIGINT[];
BEGIN
	IF TG_ARGV[0] = 'action_id' THEN
		IF TG_OP = 'INSERT' THEN
			SELECT array_agg(a.plan_id) INTO ids FROM actions a WHERE a.id IN (SELECT action_id FROM sb_new);
		ELSIF TG_OP = 'DELETE' THEN
			SELECT array_agg(a.plan_id) INTO ids FROM actions a WHERE a.id IN (SELECT action_id FROM sb_old);
		ELSE
			SELECT array_agg(a.plan_id) INTO ids FROM actions a
			WHERE a.id IN (SELECT action_id FROM sb_new UNION SELECT action_id FROM sb_old);
		END IF;
	ELSIF TG_ARGV[0] = 'id' THEN
		IF TG_OP = 'INSERT' THEN SELECT array_agg(id) INTO ids FROM sb_new;
		ELSIF TG_OP = 'DELETE' THEN SELECT array_agg(id) INTO ids FROM sb_old;
		ELSE SELECT array_agg(id) INTO ids FROM (SELECT id FROM sb_new UNION SELECT id FROM sb_old) u;
		END IF;
	ELSE
		IF TG_OP = 'INSERT' THEN SELECT array_agg(plan_id) INTO ids FROM sb_new;
		ELSIF TG_OP = 'DELETE' THEN SELECT array_agg(plan_id) INTO ids FROM sb_old;
		ELSE SELECT array_agg(plan_id) INTO ids FROM (SELECT plan_id FROM sb_new UNION SELECT plan_id FROM sb_old) u;
		END IF;
	END IF;
	IF TG_NARGS > 1 THEN
		ids := array_append(ids, 0::BIGINT);
	END IF;
	PERFORM sb_bump_revisions(ids);
	RETURN NULL;
END $$`,
			`CREATE FUNCTION sb_rev_scope() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN PERFORM sb_bump_revisions(ARRAY[TG_ARGV[0]::BIGINT]); RETURN NULL; END $$`)
		rows := func(t, col string, ref bool) {
			args := "'" + col + "'"
			if ref {
				args += ", 'ref'"
			}
			out = append(out,
				fmt.Sprintf("CREATE TRIGGER sb_rv_%s_ins AFTER INSERT ON %s REFERENCING NEW TABLE AS sb_new FOR EACH STATEMENT EXECUTE FUNCTION sb_rev_rows(%s)", t, t, args),
				fmt.Sprintf("CREATE TRIGGER sb_rv_%s_upd AFTER UPDATE ON %s REFERENCING NEW TABLE AS sb_new OLD TABLE AS sb_old FOR EACH STATEMENT EXECUTE FUNCTION sb_rev_rows(%s)", t, t, args),
				fmt.Sprintf("CREATE TRIGGER sb_rv_%s_del AFTER DELETE ON %s REFERENCING OLD TABLE AS sb_old FOR EACH STATEMENT EXECUTE FUNCTION sb_rev_rows(%s)", t, t, args))
		}
		rows("plans", "id", true)
		for _, t := range planOwned {
			rows(t, "plan_id", t == "milestones" || t == "priority_areas")
		}
		for _, t := range actionOwned {
			rows(t, "action_id", false)
		}
		for _, t := range refOnly {
			out = append(out, fmt.Sprintf(`CREATE TRIGGER sb_rv_%s AFTER INSERT OR UPDATE OR DELETE ON %s
FOR EACH STATEMENT EXECUTE FUNCTION sb_rev_scope('%d')`, t, t, ScopeReference))
		}
		return out
	}
	ops := []string{"INSERT", "UPDATE", "DELETE"}
	for _, t := range old {
		for _, op := range ops {
			out = append(out, fmt.Sprintf("DROP TRIGGER IF EXISTS sb_rev_%s_%s", t, op))
		}
	}
	bump := func(sel string) string {
		return "INSERT INTO cache_revisions (scope, n) " + sel + " ON CONFLICT (scope) DO UPDATE SET n = n + 1;"
	}
	for _, op := range ops {
		rows := []string{"NEW"}
		switch op {
		case "DELETE":
			rows = []string{"OLD"}
		case "UPDATE":
			rows = []string{"NEW", "OLD"}
		}
		body := func(f func(r string) string) string {
			s := ""
			for _, r := range rows {
				s += f(r) + "\n"
			}
			return s
		}
		trig := func(t, body string) {
			out = append(out, fmt.Sprintf("CREATE TRIGGER sb_rv_%s_%s AFTER %s ON %s\nBEGIN\n%sEND", t, op, op, t, body))
		}
		trig("plans", body(func(r string) string { return bump("SELECT " + r + ".id, 1 WHERE true") })+bump("SELECT 0, 1 WHERE true"))
		for _, t := range planOwned {
			b := body(func(r string) string { return bump("SELECT " + r + ".plan_id, 1 WHERE " + r + ".plan_id IS NOT NULL") })
			if t == "milestones" || t == "priority_areas" {
				b += bump("SELECT 0, 1 WHERE true")
			}
			trig(t, b)
		}
		for _, t := range actionOwned {
			trig(t, body(func(r string) string {
				return bump("SELECT plan_id, 1 FROM actions WHERE id = " + r + ".action_id")
			}))
		}
		for _, t := range refOnly {
			trig(t, bump("SELECT 0, 1 WHERE true")+"\n")
		}
	}
	return out
}
