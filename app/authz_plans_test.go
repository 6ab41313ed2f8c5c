package app_test

import "net/url"

// planMatrixRoutes are the rows for the plan write routes. Versions that
// cannot match (999) keep the admin's calls from retiring or revising the
// seeded actions the other rows use: a 409 is still "allowed".
func planMatrixRoutes() []writeRoute {
	const act = "/plans/dorset-wsoa-2019/actions/1.2"
	const apiAct = "/api/v1/plans/dorset-wsoa-2019/actions/1.2"
	progress := url.Values{"narrative": {"Matrix check"}, "status": {"in_progress"}, "rag": {"amber"}, "version": {"1"}}
	plan := url.Values{"name": {"Matrix plan"}, "type": {"pap"}, "start_date-day": {"1"}, "start_date-month": {"4"}, "start_date-year": {"2025"}, "status": {"active"}}
	return []writeRoute{
		{method: "POST", path: "/plans", pattern: "/plans", form: plan, allowed: allow("admin")},
		{method: "POST", path: "/plans/home", pattern: "/plans/home", form: url.Values{"home": {"default"}}, allowed: allow("admin")},
		{method: "POST", path: "/plans/dorset-wsoa-2019/settings", pattern: "/plans/:plan/settings", form: url.Values{"name": {""}}, allowed: allow("admin")},
		{method: "POST", path: "/plans/dorset-wsoa-2019/areas", pattern: "/plans/:plan/areas", form: url.Values{"code": {"M"}, "title": {"Matrix"}, "owners": {"both"}}, allowed: allow("admin")},
		{method: "POST", path: "/plans/dorset-wsoa-2019/milestones", pattern: "/plans/:plan/milestones", form: url.Values{"label": {"Matrix"}, "due": {"2030-01"}}, allowed: allow("admin")},
		{method: "POST", path: "/plans/dorset-wsoa-2019/actions", pattern: "/plans/:plan/actions", form: url.Values{"number": {"9.1"}}, allowed: allow("admin")},
		{method: "POST", path: act + "/updates", pattern: "/plans/:plan/actions/:number/updates", form: progress, allowed: allow("lead-of-1.2", "admin")},
		{method: "POST", path: act + "/comments", pattern: "/plans/:plan/actions/:number/comments", form: url.Values{"body": {"A comment"}}, allowed: allow("board", "admin")},
		{method: "POST", path: act + "/signoff", pattern: "/plans/:plan/actions/:number/signoff", form: url.Values{"version": {"999"}}, allowed: allow("board", "admin")},
		{method: "POST", path: act + "/edit", pattern: "/plans/:plan/actions/:number/edit", form: url.Values{"action": {"x"}, "version": {"999"}}, allowed: allow("admin")},
		{method: "POST", path: act + "/due", pattern: "/plans/:plan/actions/:number/due", form: url.Values{"due": {"2030-01"}, "reason": {"x"}, "version": {"999"}}, allowed: allow("admin")},
		{method: "POST", path: act + "/retire", pattern: "/plans/:plan/actions/:number/retire", form: url.Values{"reason": {"x"}, "version": {"999"}}, allowed: allow("admin")},
		{method: "POST", path: "/admin/boards", pattern: "/admin/boards", form: url.Values{"name": {"Matrix Board"}}, allowed: allow("admin")},
		{method: "POST", path: "/admin/leads", pattern: "/admin/leads", form: url.Values{"name": {"Matrix Lead"}}, allowed: allow("admin")},
		{method: "POST", path: "/api/v1/plans", pattern: "/api/v1/plans", json: `{"name":"Matrix API plan","type":"other","start_date":"2025-04-01"}`, allowed: allow("admin")},
		{method: "PUT", path: "/api/v1/plans/dorset-wsoa-2019", pattern: "/api/v1/plans/:plan", json: `{"name":""}`, allowed: allow("admin")},
		{method: "POST", path: "/api/v1/plans/dorset-wsoa-2019/areas", pattern: "/api/v1/plans/:plan/areas", json: `{"code":"N","title":"T","owners":"council"}`, allowed: allow("admin")},
		{method: "PUT", path: "/api/v1/plans/dorset-wsoa-2019/areas/1", pattern: "/api/v1/plans/:plan/areas/:code", json: `{"code":""}`, allowed: allow("admin")},
		{method: "POST", path: "/api/v1/plans/dorset-wsoa-2019/milestones", pattern: "/api/v1/plans/:plan/milestones", json: `{"label":"M","due":"2031-01"}`, allowed: allow("admin")},
		{method: "PUT", path: "/api/v1/plans/dorset-wsoa-2019/milestones/1", pattern: "/api/v1/plans/:plan/milestones/:section", json: `{"label":""}`, allowed: allow("admin")},
		{method: "POST", path: "/api/v1/plans/dorset-wsoa-2019/actions", pattern: "/api/v1/plans/:plan/actions", json: `{"number":"9.2","area":"1","action":"x"}`, allowed: allow("admin")},
		{method: "PATCH", path: apiAct, pattern: "/api/v1/plans/:plan/actions/:number", json: `{"version":999}`, allowed: allow("admin")},
		{method: "POST", path: apiAct + "/updates", pattern: "/api/v1/plans/:plan/actions/:number/updates",
			json: `{"narrative":"Matrix","status":"in_progress","rag":"amber","version":999}`, allowed: allow("lead-of-1.2", "admin")},
		{method: "POST", path: apiAct + "/signoff", pattern: "/api/v1/plans/:plan/actions/:number/signoff",
			json: `{"meeting_date":"2025-01-22","version":999}`, allowed: allow("board", "admin")},
		{method: "POST", path: apiAct + "/due", pattern: "/api/v1/plans/:plan/actions/:number/due", json: `{"due":"2030-01","reason":"x","version":999}`, allowed: allow("admin")},
		{method: "POST", path: apiAct + "/retire", pattern: "/api/v1/plans/:plan/actions/:number/retire", json: `{"reason":"x","version":999}`, allowed: allow("admin")},
		{method: "POST", path: "/api/v1/boards", pattern: "/api/v1/boards", json: `{"name":"Matrix API Board"}`, allowed: allow("admin")},
		{method: "PUT", path: "/api/v1/boards/schools-forum", pattern: "/api/v1/boards/:slug", json: `{"name":""}`, allowed: allow("admin")},
		{method: "POST", path: "/api/v1/leads", pattern: "/api/v1/leads", json: `{"name":"Matrix API Lead"}`, allowed: allow("admin")},
		{method: "PUT", path: "/api/v1/leads/dco", pattern: "/api/v1/leads/:slug", json: `{"name":""}`, allowed: allow("admin")},
	}
}
