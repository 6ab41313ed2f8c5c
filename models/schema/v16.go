package schema

// schemaV16 lets an action have several leads ("LA and ICB"): action_leads
// holds them in order, and actions.lead_id stays the first one, so every
// reader of lead_id keeps working. Triggers keep the two in step for writers
// that know only lead_id (the seeds, an older import, hand-written SQL): a new
// action's lead becomes its first lead, and setting lead_id to a role the
// action does not already have makes that role its only lead. A writer of
// several leads writes action_leads first and then lead_id to the first of
// them, which the triggers leave alone.
func schemaV16(dialect string) []string {
	out := []string{
		`CREATE TABLE action_leads (
	action_id INTEGER NOT NULL REFERENCES actions(id) ON DELETE CASCADE,
	lead_id INTEGER NOT NULL REFERENCES leads(id),
	position INTEGER NOT NULL,
	PRIMARY KEY (action_id, lead_id))`,
		"CREATE INDEX ix_action_leads_lead ON action_leads (lead_id, action_id)",
		"INSERT INTO action_leads (action_id, lead_id, position) SELECT id, lead_id, 0 FROM actions WHERE lead_id IS NOT NULL",
	}
	if dialect == "postgres" {
		out = append(out,
			`CREATE FUNCTION sb_action_lead_set() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	IF TG_OP = 'UPDATE' AND NEW.lead_id IS NOT DISTINCT FROM OLD.lead_id THEN RETURN NULL; END IF;
	IF NEW.lead_id IS NOT NULL AND EXISTS (SELECT 1 FROM action_leads WHERE action_id = NEW.id AND lead_id = NEW.lead_id) THEN
		RETURN NULL;
	END IF;
	DELETE FROM action_leads WHERE action_id = NEW.id;
	IF NEW.lead_id IS NOT NULL THEN
		INSERT INTO action_leads (action_id, lead_id, position) VALUES (NEW.id, NEW.lead_id, 0);
	END IF;
	RETURN NULL;
END $$`,
			`CREATE TRIGGER sb_action_leads_ins AFTER INSERT ON actions FOR EACH ROW EXECUTE FUNCTION sb_action_lead_set()`,
			`CREATE TRIGGER sb_action_leads_upd AFTER UPDATE OF lead_id ON actions FOR EACH ROW EXECUTE FUNCTION sb_action_lead_set()`,
			`CREATE TRIGGER sb_rev_action_leads AFTER INSERT OR UPDATE OR DELETE ON action_leads
FOR EACH STATEMENT EXECUTE FUNCTION sb_bump_plan_revision()`)
		return out
	}
	out = append(out,
		`CREATE TRIGGER sb_action_leads_ins AFTER INSERT ON actions WHEN NEW.lead_id IS NOT NULL
BEGIN INSERT INTO action_leads (action_id, lead_id, position) VALUES (NEW.id, NEW.lead_id, 0); END`,
		`CREATE TRIGGER sb_action_leads_upd AFTER UPDATE OF lead_id ON actions
WHEN NEW.lead_id IS NOT OLD.lead_id AND (NEW.lead_id IS NULL
	OR NOT EXISTS (SELECT 1 FROM action_leads WHERE action_id = NEW.id AND lead_id = NEW.lead_id))
BEGIN
	DELETE FROM action_leads WHERE action_id = NEW.id;
	INSERT INTO action_leads (action_id, lead_id, position) SELECT NEW.id, NEW.lead_id, 0 WHERE NEW.lead_id IS NOT NULL;
END`)
	// Cached pages show an action's leads, so a change to them bumps the
	// plan revision as a change to action_boards does (see schemaV5).
	for _, op := range []string{"INSERT", "UPDATE", "DELETE"} {
		out = append(out, `CREATE TRIGGER sb_rev_action_leads_`+op+` AFTER `+op+` ON action_leads
BEGIN UPDATE plan_revision SET n = n + 1 WHERE id = 1; END`)
	}
	return out
}
