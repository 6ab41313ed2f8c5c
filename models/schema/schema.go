package schema

// migrations is the ordered schema history. Never edit a released step: add one.
var migrations = []migration{
	{Version: 1, Name: "plan, actions, progress, flags and KPIs", SQL: schemaV1},
	{Version: 2, Name: "users, sessions, tokens, comments and audit log", SQL: schemaV2},
	{Version: 3, Name: "job runs and KPI feed state", SQL: schemaV3},
	{Version: 4, Name: "stored governance packs", SQL: schemaV4},
	{Version: 5, Name: "plan revision counter kept by triggers", Steps: schemaV5},
	{Version: 7, Name: "plans as first-class: types, areas with owners, due dates and revisions, SROs, retiring",
		SQL: schemaV7, Run: schemaV7Run, ForeignKeysOff: true},
	{Version: 8, Name: "board membership, update rounds and the mail outbox", SQL: schemaV8},
	{Version: 9, Name: "flag since: the day a flag's condition became true", Steps: schemaV9},
	{Version: 10, Name: "KPI targets, exceptions and DfE benchmarks", SQL: schemaV10},
	{Version: 11, Name: "board assignment history kept by triggers", Steps: schemaV11},
	{Version: 12, Name: "board sign-off with meeting date and minute; account audit by subject", SQL: schemaV12},
	{Version: 13, Name: "packs name their plans and the update round they were made from", SQL: schemaV13},
	{Version: 14, Name: "plan import uploads kept between preview and confirmation", SQL: schemaV14},
	{Version: 15, Name: "actions carry the day or month they are due to start", SQL: schemaV15},
	{Version: 16, Name: "several leads per action, the first kept in actions.lead_id", Steps: schemaV16},
	{Version: 17, Name: "mail claimed before it is sent; one open round per board, plan and due date", SQL: schemaV17},
	{Version: 18, Name: "packs record the formats they were made in", SQL: schemaV18},
	{Version: 21, Name: "the address the server can be reached at, for the command line's email links", SQL: schemaV21},
	{Version: 22, Name: "emailed links to set a password: invitations and resets", SQL: schemaV22},
	{Version: 23, Name: "personal answer links in round emails; sessions limited to answering a round", SQL: schemaV23},
	{Version: 24, Name: "risk and issue registers with their history; each plan's escalation threshold", Steps: schemaV24},
	{Version: 25, Name: "board decisions and the board's own actions", SQL: schemaV25},
	{Version: 26, Name: "audit subjects fit the longest email address", Run: schemaV26Run},
	{Version: 27, Name: "board meetings: agenda items, attendance, minutes and corrections", SQL: schemaV27},
	{Version: 29, Name: "what an area's SRO writes on its highlight report for a period", SQL: schemaV29},
	{Version: 30, Name: "risk threshold history and risk review exceptions", SQL: schemaV30},
	{Version: 31, Name: "accounts linked to OpenID Connect providers; pending accounts; the provider a session came from", SQL: schemaV31},
	{Version: 32, Name: "OpenID Connect sign-ins awaiting the provider's answer", SQL: schemaV32},
	{Version: 33, Name: "a revision per plan and one for the reference lists, announced at commit", Steps: schemaV33},
	{Version: 34, Name: "an accounts revision: users, roles, sessions ended and tokens revoked", Steps: schemaV34},
	{Version: 35, Name: "packs name the board meeting they were made for", SQL: schemaV35},
	{Version: 36, Name: "a measures revision: KPIs, their figures, targets and exceptions, DfE benchmarks and their links", Steps: schemaV36},
	{Version: 37, Name: "an action's comments, audit, sign-offs, due date revisions and rounds move its plan's revision", Steps: schemaV37},
	{Version: 38, Name: "renaming or removing a lead role or a board moves the accounts revision", Steps: schemaV38},
}

const schemaV1 = `
CREATE TABLE plans (
	id {ID}, slug VARCHAR(100) NOT NULL UNIQUE, name TEXT NOT NULL,
	date {TS} NOT NULL, created_at {TS});
CREATE TABLE milestones (
	id {ID}, plan_id INTEGER NOT NULL REFERENCES plans(id), section INTEGER NOT NULL,
	label TEXT NOT NULL, due VARCHAR(7) NOT NULL, UNIQUE (plan_id, section));
CREATE TABLE priority_areas (
	id {ID}, plan_id INTEGER NOT NULL REFERENCES plans(id), number INTEGER NOT NULL,
	title TEXT NOT NULL, UNIQUE (plan_id, number));
CREATE TABLE boards (
	id {ID}, name VARCHAR(200) NOT NULL UNIQUE, slug VARCHAR(200) NOT NULL UNIQUE);
CREATE TABLE leads (
	id {ID}, name VARCHAR(200) NOT NULL UNIQUE, slug VARCHAR(200) NOT NULL UNIQUE,
	aliases TEXT NOT NULL DEFAULT '');
CREATE TABLE actions (
	id {ID},
	plan_id INTEGER NOT NULL REFERENCES plans(id),
	number VARCHAR(20) NOT NULL,
	major INTEGER NOT NULL, minor INTEGER NOT NULL,
	milestone_id INTEGER NOT NULL REFERENCES milestones(id),
	priority_area_id INTEGER NOT NULL REFERENCES priority_areas(id),
	lead_id INTEGER REFERENCES leads(id),
	aim TEXT NOT NULL DEFAULT '', action_text TEXT NOT NULL DEFAULT '',
	impact_measure TEXT NOT NULL DEFAULT '', lead_text TEXT NOT NULL DEFAULT '',
	lead_and_governance TEXT NOT NULL DEFAULT '', status_text TEXT NOT NULL DEFAULT '',
	status VARCHAR(20) NOT NULL, initiate_by VARCHAR(7),
	rag VARCHAR(10) NOT NULL DEFAULT '', progress TEXT NOT NULL DEFAULT '',
	last_update_at {TS}, signed_off_by_id INTEGER, signed_off_at {TS},
	version INTEGER NOT NULL DEFAULT 1, created_at {TS}, updated_at {TS},
	UNIQUE (plan_id, number));
CREATE INDEX ix_action_order ON actions (plan_id, major, minor);
CREATE INDEX ix_actions_status ON actions (status);
CREATE INDEX ix_actions_rag ON actions (rag);
CREATE INDEX ix_actions_lead ON actions (lead_id);
CREATE INDEX ix_actions_milestone ON actions (milestone_id);
CREATE INDEX ix_actions_priority ON actions (priority_area_id);
CREATE TABLE action_boards (
	action_id INTEGER NOT NULL REFERENCES actions(id) ON DELETE CASCADE,
	board_id INTEGER NOT NULL REFERENCES boards(id),
	PRIMARY KEY (action_id, board_id));
CREATE INDEX ix_action_boards_board ON action_boards (board_id);
CREATE TABLE progress_updates (
	id {ID}, action_id INTEGER NOT NULL REFERENCES actions(id),
	update_date {TS} NOT NULL, narrative TEXT NOT NULL, status VARCHAR(20) NOT NULL,
	rag VARCHAR(10) NOT NULL DEFAULT '', evidence TEXT NOT NULL DEFAULT '',
	evidence_url TEXT NOT NULL DEFAULT '', reason TEXT NOT NULL DEFAULT '',
	user_id INTEGER, author_name TEXT NOT NULL, created_at {TS} NOT NULL);
CREATE INDEX ix_update_action ON progress_updates (action_id, update_date);
CREATE INDEX ix_update_created ON progress_updates (created_at);
CREATE TABLE flags (
	id {ID}, action_id INTEGER NOT NULL REFERENCES actions(id), kind VARCHAR(40) NOT NULL,
	raised_at {TS} NOT NULL, resolved_at {TS});
CREATE INDEX ix_flags_action ON flags (action_id, kind);
CREATE INDEX ix_flags_open ON flags (kind, resolved_at);
CREATE TABLE kpis (
	id {ID}, code VARCHAR(100) NOT NULL UNIQUE, name TEXT NOT NULL, unit VARCHAR(20) NOT NULL,
	frequency VARCHAR(20) NOT NULL, direction VARCHAR(10) NOT NULL,
	target_min DOUBLE PRECISION, target_max DOUBLE PRECISION,
	target_text TEXT NOT NULL DEFAULT '', description TEXT NOT NULL DEFAULT '',
	sort_order INTEGER NOT NULL DEFAULT 0);
CREATE TABLE kpi_figures (
	id {ID}, kpi_id INTEGER NOT NULL REFERENCES kpis(id), period VARCHAR(20) NOT NULL,
	period_sort INTEGER NOT NULL, revision INTEGER NOT NULL, current BOOLEAN NOT NULL,
	value DOUBLE PRECISION NOT NULL, commentary TEXT NOT NULL DEFAULT '',
	source TEXT NOT NULL DEFAULT '', created_at {TS},
	UNIQUE (kpi_id, period, revision));
CREATE INDEX ix_figure_current ON kpi_figures (kpi_id, current, period_sort);
`
