package schema

// schemaV21 keeps where the server last said it can be reached (one row), so
// that a process that does not serve, the command line, links its emails to
// the server's address rather than to a default only the server's own machine
// can open.
const schemaV21 = `
CREATE TABLE server_addresses (
	id INTEGER PRIMARY KEY, base_url TEXT NOT NULL, recorded_at {TS} NOT NULL);
`
