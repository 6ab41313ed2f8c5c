package schema

// schemaV3 holds the tables of the scheduled jobs and the KPI feed: the record
// of every job run, the feed's HTTP validators and last successful pull, and
// the KPI series an action's impact measure is judged by. The partial unique
// index makes "one open flag per action and kind" a rule of the database, so
// two flag runs racing can never raise a flag twice.
const schemaV3 = `
CREATE TABLE job_runs (
	id {ID}, job VARCHAR(60) NOT NULL, triggered_by VARCHAR(100) NOT NULL DEFAULT '',
	slot {TS}, started_at {TS} NOT NULL, finished_at {TS},
	outcome VARCHAR(10) NOT NULL, summary TEXT NOT NULL DEFAULT '', errors TEXT NOT NULL DEFAULT '');
CREATE INDEX ix_job_runs_job ON job_runs (job, started_at);
CREATE INDEX ix_job_runs_started ON job_runs (started_at);
CREATE INDEX ix_job_runs_slot ON job_runs (job, slot);
CREATE TABLE feed_state (
	id {ID}, source VARCHAR(2000) NOT NULL UNIQUE,
	etag TEXT NOT NULL DEFAULT '', last_modified TEXT NOT NULL DEFAULT '',
	last_checked_at {TS}, last_success_at {TS}, last_error TEXT NOT NULL DEFAULT '');
CREATE TABLE action_kpis (
	id {ID}, action_id INTEGER NOT NULL REFERENCES actions(id) ON DELETE CASCADE,
	kpi_id INTEGER NOT NULL REFERENCES kpis(id), baseline_period VARCHAR(20) NOT NULL,
	target_change_pct DOUBLE PRECISION NOT NULL, direction VARCHAR(10) NOT NULL,
	note TEXT NOT NULL DEFAULT '', UNIQUE (action_id, kpi_id));
CREATE INDEX ix_action_kpis_kpi ON action_kpis (kpi_id);
CREATE UNIQUE INDEX ux_flags_open ON flags (action_id, kind) WHERE resolved_at IS NULL;
`
