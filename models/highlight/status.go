package highlight

import (
	"time"

	"sendboard/models"
)

// Standings of an action at a period's end, the four the scrutiny question
// asks for ("of the 94 actions, 18 were complete, 46 on track, 8 delayed,
// 22 not yet started"). An action's state at the end is its latest update
// dated before the end or, with none, the status the plan document gave it
// (the governance pack's rule). Each action is in exactly one, decided in
// this order:
//
//   - complete: that state says complete, or rates it blue;
//   - delayed: otherwise, it is rated red or amber, or the due date the
//     action had at the period's end had passed by the end;
//   - not started: otherwise, it says not started;
//   - on track: the rest (in progress, green or not rated, not past due).
//
// Actions retired before the period's end are not counted.
const (
	Complete   = "complete"
	OnTrack    = "on_track"
	Delayed    = "delayed"
	NotStarted = "not_started"
)

// Standings lists the standings in the order reports show them.
var Standings = []string{Complete, OnTrack, Delayed, NotStarted}

// StandingLabel words a standing.
func StandingLabel(s string) string {
	switch s {
	case Complete:
		return "Complete"
	case OnTrack:
		return "On track"
	case Delayed:
		return "Delayed"
	}
	return "Not started"
}

// StandingRule is the rule of each standing in words, for the page and the pack.
var StandingRule = map[string]string{
	Complete:   "The latest update dated in or before the period says complete, or rates the action blue (with no update yet, the plan document says complete).",
	Delayed:    "Not complete, and the latest update rates it red or amber, or its due date at the period’s end had passed.",
	NotStarted: "Not complete or delayed, and the latest update says not started (with no update yet, the plan document does).",
	OnTrack:    "Every other action: in progress, rated green or not rated, and not past its due date.",
}

// Standing is the standing at end of an action whose state then had status
// and rag and whose due date then was due.
func Standing(status, rag, due string, end time.Time) string {
	switch {
	case status == models.StatusComplete || rag == "blue":
		return Complete
	case rag == "red" || rag == "amber" || pastDue(due, end):
		return Delayed
	case status == models.StatusNotStarted:
		return NotStarted
	}
	return OnTrack
}

// dueEnd is the first instant after due ("YYYY-MM-DD" or "YYYY-MM") ends.
func dueEnd(due string) (time.Time, bool) {
	if t, err := time.Parse(time.DateOnly, due); err == nil {
		return t.AddDate(0, 0, 1), true
	}
	if t, err := models.MonthEnd(due, time.UTC); err == nil {
		return t, true
	}
	return time.Time{}, false
}

// dueStart is the first day of due, for the period it falls in.
func dueStart(due string) (time.Time, bool) {
	if t, err := time.Parse(time.DateOnly, due); err == nil {
		return t, true
	}
	if t, err := models.ParseMonth(due); err == nil {
		return t, true
	}
	return time.Time{}, false
}

func pastDue(due string, end time.Time) bool {
	t, ok := dueEnd(due)
	return ok && !t.After(end)
}

// laterPeriod reports whether due to falls in a later quarter than due from.
func laterPeriod(from, to string) bool {
	f, ok1 := dueStart(from)
	t, ok2 := dueStart(to)
	if !ok1 || !ok2 {
		return false
	}
	return models.QuarterOf(t).SortKey() > models.QuarterOf(f).SortKey()
}

// areaRAG is the RAG the figures suggest when nobody has given one: red if
// any action is red, amber if any other is delayed, blue when all are
// complete, green when some action is rated and none of these holds; ""
// (not rated) for an area with no actions or none rated yet.
func areaRAG(c Counts, anyRed, anyRated bool) string {
	switch {
	case c.Total == 0:
		return ""
	case anyRed:
		return "red"
	case c.Delayed > 0:
		return "amber"
	case c.Complete == c.Total:
		return "blue"
	case anyRated:
		return "green"
	}
	return ""
}
