package schema

// schemaV10 adds the impact framework: what a KPI is judged by (decimal places,
// period type, baseline, tolerance, owner, source, a linked DfE measure), its
// targets by period (a trajectory when there are several), the off-track
// exceptions a red figure raises, and DfE's published benchmarks: measures,
// areas, statistical neighbours and every revision of every published value.
const schemaV10 = `
ALTER TABLE kpis ADD COLUMN decimals INTEGER NOT NULL DEFAULT 0;
ALTER TABLE kpis ADD COLUMN period_type VARCHAR(30) NOT NULL DEFAULT 'financial_quarter';
UPDATE kpis SET period_type = 'financial_year' WHERE frequency = 'annual';
ALTER TABLE kpis ADD COLUMN baseline_value DOUBLE PRECISION;
ALTER TABLE kpis ADD COLUMN baseline_period VARCHAR(20) NOT NULL DEFAULT '';
ALTER TABLE kpis ADD COLUMN tolerance DOUBLE PRECISION NOT NULL DEFAULT 0;
ALTER TABLE kpis ADD COLUMN owner_user_id INTEGER REFERENCES users(id);
ALTER TABLE kpis ADD COLUMN owner_role VARCHAR(200) NOT NULL DEFAULT '';
ALTER TABLE kpis ADD COLUMN source TEXT NOT NULL DEFAULT '';
ALTER TABLE kpis ADD COLUMN benchmark_measure VARCHAR(100) NOT NULL DEFAULT '';
CREATE TABLE kpi_targets (
	id {ID}, kpi_id INTEGER NOT NULL REFERENCES kpis(id) ON DELETE CASCADE,
	period VARCHAR(20) NOT NULL, period_sort INTEGER NOT NULL,
	target_min DOUBLE PRECISION, target_max DOUBLE PRECISION,
	UNIQUE (kpi_id, period));
CREATE TABLE kpi_exceptions (
	id {ID}, kpi_id INTEGER NOT NULL REFERENCES kpis(id) ON DELETE CASCADE,
	kind VARCHAR(40) NOT NULL, period VARCHAR(20) NOT NULL,
	value DOUBLE PRECISION NOT NULL, target_text TEXT NOT NULL DEFAULT '',
	raised_at {TS} NOT NULL, resolved_at {TS},
	commentary TEXT NOT NULL DEFAULT '', commentary_by_id INTEGER REFERENCES users(id), commentary_at {TS});
CREATE INDEX ix_kpi_exceptions_open ON kpi_exceptions (kpi_id, resolved_at);
CREATE INDEX ix_kpi_exceptions_raised ON kpi_exceptions (raised_at);
CREATE TABLE bm_measures (
	id {ID}, code VARCHAR(100) NOT NULL UNIQUE, name TEXT NOT NULL, chart_title TEXT NOT NULL DEFAULT '',
	topic TEXT NOT NULL DEFAULT '', polarity VARCHAR(10) NOT NULL DEFAULT 'none',
	unit VARCHAR(20) NOT NULL DEFAULT 'number', y_axis TEXT NOT NULL DEFAULT '',
	dps INTEGER NOT NULL DEFAULT 1, year_type VARCHAR(40) NOT NULL DEFAULT '',
	description TEXT NOT NULL DEFAULT '', source TEXT NOT NULL DEFAULT '', links TEXT NOT NULL DEFAULT '',
	last_update TEXT NOT NULL DEFAULT '', next_update TEXT NOT NULL DEFAULT '',
	described BOOLEAN NOT NULL DEFAULT FALSE);
CREATE TABLE bm_areas (
	code INTEGER PRIMARY KEY, name TEXT NOT NULL, kind VARCHAR(10) NOT NULL,
	region_code INTEGER, region_name TEXT NOT NULL DEFAULT '', la_type VARCHAR(10) NOT NULL DEFAULT '');
CREATE TABLE bm_neighbours (
	la_code INTEGER NOT NULL, position INTEGER NOT NULL, neighbour_code INTEGER NOT NULL,
	closeness TEXT NOT NULL DEFAULT '', PRIMARY KEY (la_code, position));
CREATE TABLE bm_values (
	id {ID}, measure_id INTEGER NOT NULL REFERENCES bm_measures(id), area_code INTEGER NOT NULL,
	period VARCHAR(20) NOT NULL, period_label VARCHAR(40) NOT NULL, period_sort INTEGER NOT NULL,
	revision INTEGER NOT NULL, current BOOLEAN NOT NULL,
	value DOUBLE PRECISION, missing VARCHAR(10) NOT NULL DEFAULT '',
	source TEXT NOT NULL DEFAULT '', created_at {TS} NOT NULL,
	UNIQUE (measure_id, area_code, period, revision));
CREATE INDEX ix_bm_values_current ON bm_values (measure_id, current, area_code);
CREATE TABLE action_benchmarks (
	action_id INTEGER NOT NULL REFERENCES actions(id) ON DELETE CASCADE,
	measure_id INTEGER NOT NULL REFERENCES bm_measures(id),
	PRIMARY KEY (action_id, measure_id));
`
