package app_test

import "net/url"

// extraMatrixRoutes holds the rows for the jobs and packs write routes.
func extraMatrixRoutes() []writeRoute {
	return append([]writeRoute{
		{method: "POST", path: "/packs", pattern: "/packs", form: url.Values{"board": {"all"}, "quarter": {"2024-25 Q4"}}, allowed: allow("board", "board-elsewhere", "admin")},
		{method: "POST", path: "/api/v1/packs", pattern: "/api/v1/packs", json: `{"board":"all","quarter":"2024-25 Q4"}`, allowed: allow("board", "board-elsewhere", "admin")},
		// A board's own pack is for its members.
		{method: "POST", path: "/packs", pattern: "/packs", form: url.Values{"board": {"send-improvement-board"}, "quarter": {"2024-25 Q4"}}, allowed: allow("board", "admin")},
		{method: "POST", path: "/api/v1/packs", pattern: "/api/v1/packs", json: `{"board":"send-improvement-board","quarter":"2024-25 Q4"}`, allowed: allow("board", "admin")},
		{method: "POST", path: "/jobs/flag-overdue/run", pattern: "/jobs/:name/run", form: url.Values{}, allowed: allow("admin")},
		{method: "POST", path: "/kpis/import", pattern: "/kpis/import", form: url.Values{}, allowed: allow("admin")},
		{method: "POST", path: "/kpis/new", pattern: "/kpis/new", form: url.Values{"code": {"matrix.kpi"}, "name": {"Matrix"}}, allowed: allow("admin")},
		{method: "POST", path: "/kpis/sendiass.initial_enquiries/edit", pattern: "/kpis/:code/edit", form: url.Values{"name": {"Initial enquiries"}}, allowed: allow("admin")},
		{method: "POST", path: "/kpis/sendiass.response_within_2_days_pct/commentary", pattern: "/kpis/:code/commentary", form: url.Values{"commentary": {"Matrix"}}, allowed: allow("admin")},
		{method: "POST", path: "/benchmarks/SEN_EHC_All_20wks/links", pattern: "/benchmarks/:measure/links", form: url.Values{"kind": {"action"}, "action": {"3.6"}}, allowed: allow("admin")},
		{method: "POST", path: "/api/v1/kpis", pattern: "/api/v1/kpis", json: `{"code":"matrix.api","name":"Matrix"}`, allowed: allow("admin")},
		{method: "PUT", path: "/api/v1/kpis/sendiass.initial_enquiries", pattern: "/api/v1/kpis/:code", json: `{"name":"Initial enquiries"}`, allowed: allow("admin")},
		{method: "POST", path: "/plans/import", pattern: "/plans/import", form: url.Values{"name": {"Matrix plan"}, "type": {"other"}}, allowed: allow("admin")},
	}, roundMatrixRoutes()...)
}
