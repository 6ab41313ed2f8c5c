package schema

// schemaV29 keeps what the people answerable for an area write on its
// highlight report for a period (a financial quarter, "2025-26 Q1"): the RAG
// they give it with the reason, the RAG they forecast for the next period
// and the next steps, with who wrote them and when. Everything else on the
// report is computed from the plan's history as of the period's end, so it
// is not stored. One row per area and period.
const schemaV29 = `
CREATE TABLE highlight_reports (
	id {ID}, plan_id INTEGER NOT NULL REFERENCES plans(id),
	area_id INTEGER NOT NULL REFERENCES priority_areas(id),
	period VARCHAR(10) NOT NULL,
	rag VARCHAR(10) NOT NULL DEFAULT '', reason TEXT NOT NULL DEFAULT '',
	forecast_rag VARCHAR(10) NOT NULL DEFAULT '', next_steps TEXT NOT NULL DEFAULT '',
	version INTEGER NOT NULL DEFAULT 1,
	updated_by_id INTEGER REFERENCES users(id), updated_by TEXT NOT NULL DEFAULT '',
	created_at {TS} NOT NULL, updated_at {TS} NOT NULL,
	UNIQUE (area_id, period));
CREATE INDEX ix_highlight_reports_plan ON highlight_reports (plan_id, period);
`
