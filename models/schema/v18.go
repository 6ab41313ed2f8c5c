package schema

// schemaV18 lets a stored pack say which formats it was made in, space
// separated in the order of pack.Formats ("pdf xlsx html"): the PDF is made
// only where Chromium is installed, so a pack may have HTML and XLSX alone.
// Packs stored before always had all three; the files say so.
const schemaV18 = `
ALTER TABLE governance_packs ADD COLUMN formats VARCHAR(40) NOT NULL DEFAULT '';
UPDATE governance_packs SET formats = TRIM(
	CASE WHEN EXISTS (SELECT 1 FROM governance_pack_files f WHERE f.pack_id = governance_packs.id AND f.format = 'pdf') THEN 'pdf ' ELSE '' END ||
	CASE WHEN EXISTS (SELECT 1 FROM governance_pack_files f WHERE f.pack_id = governance_packs.id AND f.format = 'xlsx') THEN 'xlsx ' ELSE '' END ||
	CASE WHEN EXISTS (SELECT 1 FROM governance_pack_files f WHERE f.pack_id = governance_packs.id AND f.format = 'html') THEN 'html' ELSE '' END);
`
