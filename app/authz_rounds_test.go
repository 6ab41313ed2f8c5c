package app_test

import (
	"net/url"
	"time"
)

// roundMatrixRoutes are the authorisation rows of update rounds, the outbox
// and the digest choice. The matrix's board member sits on the SEND
// Improvement Board, so it may open and close rounds for that board only.
func roundMatrixRoutes() []writeRoute {
	due := time.Now().AddDate(0, 0, 10)
	form := url.Values{"board": {"send-improvement-board"}, "due-day": {due.Format("2")}, "due-month": {due.Format("1")}, "due-year": {due.Format("2006")}}
	other := url.Values{"board": {"schools-forum"}, "due-day": form["due-day"], "due-month": form["due-month"], "due-year": form["due-year"]}
	return []writeRoute{
		{method: "POST", path: "/rounds", pattern: "/rounds", form: form, allowed: allow("board", "admin")},
		{method: "POST", path: "/rounds", pattern: "/rounds", form: other, allowed: allow("admin")},
		{method: "POST", path: "/api/v1/rounds", pattern: "/api/v1/rounds",
			json: `{"board":"SEND Improvement Board","due":"` + due.Format(time.DateOnly) + `"}`, allowed: allow("board", "admin")},
		{method: "POST", path: "/api/v1/rounds", pattern: "/api/v1/rounds", json: `{"due":"` + due.Format(time.DateOnly) + `"}`, allowed: allow("admin")},
		{method: "POST", path: "/rounds/1/close", pattern: "/rounds/:id/close", form: url.Values{}, allowed: allow("board", "admin")},
		{method: "POST", path: "/api/v1/rounds/2/close", pattern: "/api/v1/rounds/:id/close", json: `{}`, allowed: allow("board", "admin")},
		// Round 1 is the SEND Improvement Board's (opened by the board member
		// above), round 6 the admin's over the whole plan.
		{method: "POST", path: "/rounds/1/pack", pattern: "/rounds/:id/pack", form: url.Values{}, allowed: allow("board", "admin")},
		{method: "POST", path: "/api/v1/rounds/1/pack", pattern: "/api/v1/rounds/:id/pack", json: `{}`, allowed: allow("board", "admin")},
		{method: "POST", path: "/api/v1/rounds/6/pack", pattern: "/api/v1/rounds/:id/pack", json: `{}`, allowed: allow("board", "board-elsewhere", "admin")},
		{method: "POST", path: "/account/digests", pattern: "/account/digests", form: url.Values{"digests": {"off"}}, allowed: allow(callers...)},
		{method: "POST", path: "/outbox/1/resend", pattern: "/outbox/:id/resend", form: url.Values{}, allowed: allow("admin")},
	}
}
