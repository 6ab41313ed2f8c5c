package schema

import (
	"fmt"
	"regexp"
	"strings"
	"time"

	"gorm.io/gorm"
)

// schemaV7 makes plans first-class. A plan gets a type, start date, status,
// owning partnership, an optional LA code and one default plan; an area gets
// a code ("1", "A") and the partner that owns it; an action gets a due date
// of its own ("YYYY-MM-DD" or "YYYY-MM", the current one: revisions are kept
// in due_revisions with the original in due_original), an accountable SRO,
// and retirement. An action's milestone becomes optional (see schemaV7Run).
// The audit log can name a plan and a subject, for changes to a plan's parts
// rather than to one action.
const schemaV7 = `
ALTER TABLE plans ADD COLUMN type VARCHAR(30) NOT NULL DEFAULT 'wsoa';
ALTER TABLE plans ADD COLUMN start_date VARCHAR(10) NOT NULL DEFAULT '';
ALTER TABLE plans ADD COLUMN status VARCHAR(20) NOT NULL DEFAULT 'active';
ALTER TABLE plans ADD COLUMN partnership TEXT NOT NULL DEFAULT '';
ALTER TABLE plans ADD COLUMN is_default BOOLEAN NOT NULL DEFAULT FALSE;
ALTER TABLE plans ADD COLUMN la_code VARCHAR(3);
UPDATE plans SET is_default = TRUE WHERE id = (SELECT MIN(id) FROM plans);
CREATE UNIQUE INDEX ux_plans_default ON plans (is_default) WHERE is_default;
ALTER TABLE priority_areas ADD COLUMN code VARCHAR(20) NOT NULL DEFAULT '';
ALTER TABLE priority_areas ADD COLUMN owners VARCHAR(20) NOT NULL DEFAULT '';
UPDATE priority_areas SET code = CAST(number AS VARCHAR(20));
CREATE UNIQUE INDEX ux_priority_code ON priority_areas (plan_id, code);
ALTER TABLE actions ADD COLUMN due VARCHAR(10) NOT NULL DEFAULT '';
ALTER TABLE actions ADD COLUMN due_original VARCHAR(10) NOT NULL DEFAULT '';
ALTER TABLE actions ADD COLUMN sro_id INTEGER REFERENCES leads(id);
ALTER TABLE actions ADD COLUMN retired_at {TS};
ALTER TABLE actions ADD COLUMN retired_reason TEXT NOT NULL DEFAULT '';
UPDATE actions SET due = COALESCE((SELECT m.due FROM milestones m WHERE m.id = actions.milestone_id), '');
UPDATE actions SET due_original = due;
CREATE INDEX ix_actions_sro ON actions (sro_id);
CREATE INDEX ix_actions_due ON actions (due);
CREATE TABLE due_revisions (
	id {ID}, action_id INTEGER NOT NULL REFERENCES actions(id),
	from_due VARCHAR(10) NOT NULL, to_due VARCHAR(10) NOT NULL, reason TEXT NOT NULL,
	user_id INTEGER REFERENCES users(id), author_name TEXT NOT NULL, created_at {TS} NOT NULL);
CREATE INDEX ix_due_revisions_action ON due_revisions (action_id, created_at);
CREATE TABLE plan_settings (id INTEGER PRIMARY KEY, home VARCHAR(10) NOT NULL DEFAULT 'default');
INSERT INTO plan_settings (id, home) VALUES (1, 'default');
ALTER TABLE audit_log ADD COLUMN plan_id INTEGER REFERENCES plans(id);
ALTER TABLE audit_log ADD COLUMN subject VARCHAR(200) NOT NULL DEFAULT '';
CREATE INDEX ix_audit_plan ON audit_log (plan_id, created_at);
`

// schemaV7Run backfills the plans' start dates, makes actions.milestone_id
// nullable and has the home page setting bump plan_revision like the tables
// of schemaV5, since it changes what "/" shows.
func schemaV7Run(tx *gorm.DB) error {
	var plans []struct {
		ID   uint
		Date time.Time
	}
	if err := tx.Table("plans").Select("id, date").Order("id").Find(&plans).Error; err != nil {
		return err
	}
	for _, p := range plans {
		if err := tx.Exec("UPDATE plans SET start_date = ? WHERE id = ?", p.Date.Format("2006-01-02"), p.ID).Error; err != nil {
			return err
		}
	}
	if tx.Dialector.Name() == "postgres" {
		return execAll(tx,
			"ALTER TABLE actions ALTER COLUMN milestone_id DROP NOT NULL",
			`CREATE TRIGGER sb_rev_plan_settings AFTER INSERT OR UPDATE OR DELETE ON plan_settings
FOR EACH STATEMENT EXECUTE FUNCTION sb_bump_plan_revision()`)
	}
	for _, op := range []string{"INSERT", "UPDATE", "DELETE"} {
		if err := tx.Exec(fmt.Sprintf(`CREATE TRIGGER sb_rev_plan_settings_%s AFTER %s ON plan_settings
BEGIN UPDATE plan_revision SET n = n + 1 WHERE id = 1; END`, op, op)).Error; err != nil {
			return err
		}
	}
	return rebuildSQLiteTable(tx, "actions", "milestone_id INTEGER NOT NULL REFERENCES", "milestone_id INTEGER REFERENCES")
}

func execAll(tx *gorm.DB, stmts ...string) error {
	for _, s := range stmts {
		if err := tx.Exec(s).Error; err != nil {
			return fmt.Errorf("%w\nin: %s", err, s)
		}
	}
	return nil
}

// rebuildSQLiteTable changes a column definition SQLite cannot alter in place,
// the way SQLite documents: create the table anew from its own stored
// definition with old replaced by new, copy every row, drop the old table,
// rename, then recreate the indexes and triggers the drop removed (whoever
// added them) and keep the AUTOINCREMENT high-water mark. The caller runs it
// in a transaction with foreign keys off and checks them after.
func rebuildSQLiteTable(tx *gorm.DB, table, old, new string) error {
	var def string
	if err := tx.Raw("SELECT sql FROM sqlite_master WHERE type = 'table' AND name = ?", table).Row().Scan(&def); err != nil {
		return fmt.Errorf("reading the definition of %s: %w", table, err)
	}
	if strings.Count(def, old) != 1 {
		return fmt.Errorf("the definition of %s does not contain %q once", table, old)
	}
	head := regexp.MustCompile(`^CREATE TABLE\s+"?` + table + `"?\s*\(`)
	if !head.MatchString(def) {
		return fmt.Errorf("unexpected definition of %s: %.60s", table, def)
	}
	tmp := table + "_rebuild"
	def = head.ReplaceAllString(strings.Replace(def, old, new, 1), "CREATE TABLE "+tmp+" (")
	var extras []string // indexes and triggers, in creation order
	if err := tx.Raw(`SELECT sql FROM sqlite_master WHERE tbl_name = ? AND type IN ('index', 'trigger')
		AND sql IS NOT NULL ORDER BY rowid`, table).Scan(&extras).Error; err != nil {
		return err
	}
	var seq *int64
	if err := tx.Raw("SELECT seq FROM sqlite_sequence WHERE name = ?", table).Scan(&seq).Error; err != nil {
		return err
	}
	stmts := []string{def,
		fmt.Sprintf("INSERT INTO %s SELECT * FROM %s", tmp, table),
		"DROP TABLE " + table,
		fmt.Sprintf("ALTER TABLE %s RENAME TO %s", tmp, table)}
	if err := execAll(tx, append(stmts, extras...)...); err != nil {
		return err
	}
	if seq != nil {
		return tx.Exec("UPDATE sqlite_sequence SET seq = ? WHERE name = ?", *seq, table).Error
	}
	return nil
}
