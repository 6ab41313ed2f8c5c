package schema

// schemaV9 adds flags.since, the day a flag's condition became true by the
// rule (see flagSince), and fills it for the flags already stored: the first
// day after the initiate-by month, the day after the action's due month or
// date (migration 7 filled actions.due from the milestone's month),
// or the date of the last update made before the flag was raised plus the
// default 90 days (in Europe/London on PostgreSQL, UTC on SQLite). A
// configuration with another period or zone corrects the open flags on the
// flag job's first run, which runs at start; resolved ones keep the default.
func schemaV9(dialect string) []string {
	// The same statements for both databases but for month and day arithmetic.
	nextMonth := func(month string) string { return "date(" + month + " || '-01', '+1 month')" }
	nextDay := func(day string) string { return "date(" + day + ", '+1 day')" }
	lastUpdatePlus90 := func(ts string) string { return "date(" + ts + ", '+90 days')" }
	raisedDay := "date(flags.raised_at)"
	if dialect == "postgres" {
		nextMonth = func(month string) string {
			return "to_char(to_date(" + month + " || '-01', 'YYYY-MM-DD') + interval '1 month', 'YYYY-MM-DD')"
		}
		nextDay = func(day string) string {
			return "to_char(to_date(" + day + ", 'YYYY-MM-DD') + 1, 'YYYY-MM-DD')"
		}
		lastUpdatePlus90 = func(ts string) string {
			return "to_char((" + ts + " AT TIME ZONE 'Europe/London')::date + 90, 'YYYY-MM-DD')"
		}
		raisedDay = "to_char(flags.raised_at AT TIME ZONE 'Europe/London', 'YYYY-MM-DD')"
	}
	lastUpdate := `COALESCE(
		(SELECT MAX(p.created_at) FROM progress_updates p WHERE p.action_id = a.id AND p.created_at <= flags.raised_at),
		CASE WHEN a.last_update_at <= flags.raised_at THEN a.last_update_at END,
		a.created_at)`
	return []string{
		"ALTER TABLE flags ADD COLUMN since VARCHAR(10) NOT NULL DEFAULT ''",
		`UPDATE flags SET since = COALESCE((SELECT ` + nextMonth("a.initiate_by") + ` FROM actions a
			WHERE a.id = flags.action_id AND a.initiate_by IS NOT NULL), '')
		WHERE kind = 'overdue_initiation'`,
		// A month due passes on the first day after it, a day due on the next day.
		`UPDATE flags SET since = COALESCE((SELECT CASE WHEN LENGTH(a.due) = 10 THEN ` + nextDay("a.due") + `
			ELSE ` + nextMonth("a.due") + ` END FROM actions a WHERE a.id = flags.action_id AND a.due <> ''), '')
		WHERE kind = 'milestone_passed'`,
		`UPDATE flags SET since = COALESCE((SELECT ` + lastUpdatePlus90(lastUpdate) + ` FROM actions a
			WHERE a.id = flags.action_id), '')
		WHERE kind = 'update_overdue'`,
		// Whatever the rules could not date keeps the day it was raised.
		"UPDATE flags SET since = " + raisedDay + " WHERE since = ''",
	}
}
