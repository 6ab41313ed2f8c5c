package app_test

import "net/url"

// extraMatrixRoutes holds the rows for the jobs and packs write routes.
func extraMatrixRoutes() []writeRoute {
	return []writeRoute{
		{method: "POST", path: "/packs", pattern: "/packs", form: url.Values{"board": {"all"}, "quarter": {"2024-25 Q4"}}, allowed: allow("board", "board-elsewhere", "admin")},
		{method: "POST", path: "/api/v1/packs", pattern: "/api/v1/packs", json: `{"board":"all","quarter":"2024-25 Q4"}`, allowed: allow("board", "board-elsewhere", "admin")},
		// A board's own pack is for its members.
		{method: "POST", path: "/packs", pattern: "/packs", form: url.Values{"board": {"send-improvement-board"}, "quarter": {"2024-25 Q4"}}, allowed: allow("board", "admin")},
		{method: "POST", path: "/api/v1/packs", pattern: "/api/v1/packs", json: `{"board":"send-improvement-board","quarter":"2024-25 Q4"}`, allowed: allow("board", "admin")},
		{method: "POST", path: "/jobs/flag-overdue/run", pattern: "/jobs/:name/run", form: url.Values{}, allowed: allow("admin")},
		{method: "POST", path: "/kpis/import", pattern: "/kpis/import", form: url.Values{}, allowed: allow("admin")},
	}
}
