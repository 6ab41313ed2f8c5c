package schema

// schemaV35 lets a stored pack name the board meeting it was made for: its
// agenda opens the pack. A pack made for a board and quarter alone has none.
const schemaV35 = `
ALTER TABLE governance_packs ADD COLUMN meeting_id INTEGER REFERENCES meetings(id);
`
