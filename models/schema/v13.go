package schema

// schemaV13 lets a stored pack say which plans it covers and which update
// round it was made from. plan_scope is the plan chosen ("" for a board's
// pack over every plan it governs) and plan_names the plans covered as named
// when it was made; packs stored before covered the default plan only, which
// plan_id names. round_id is the round the pack was made for, if any.
const schemaV13 = `
ALTER TABLE governance_packs ADD COLUMN plan_scope VARCHAR(100) NOT NULL DEFAULT '';
ALTER TABLE governance_packs ADD COLUMN plan_names TEXT NOT NULL DEFAULT '';
ALTER TABLE governance_packs ADD COLUMN round_id INTEGER REFERENCES rounds(id);
UPDATE governance_packs SET
	plan_scope = COALESCE((SELECT p.slug FROM plans p WHERE p.id = governance_packs.plan_id), ''),
	plan_names = COALESCE((SELECT p.name FROM plans p WHERE p.id = governance_packs.plan_id), '');
CREATE INDEX ix_governance_packs_round ON governance_packs (round_id);
`
