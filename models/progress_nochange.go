package models

import (
	"strings"
	"time"
	"unicode/utf8"
)

// NoChangeNarrative starts the narrative of a "no change" update, so the
// history and the packs say plainly what it is.
const NoChangeNarrative = "No change since the last update"

// validateUpdate checks an update: a "no change" update keeps the action's
// status and RAG and needs a one-line reason; any other goes through the
// progress rules.
func validateUpdate(in *ProgressInput, a *Action, now time.Time) error {
	if !in.NoChange {
		return validateProgress(in, a.Status, now)
	}
	in.Reason = strings.TrimSpace(in.Reason)
	var errs FieldErrors
	switch {
	case in.Reason == "":
		errs.Add("reason", "Say in one line why nothing has changed since the last update")
	case strings.ContainsAny(in.Reason, "\r\n") || utf8.RuneCountInString(in.Reason) > 300:
		errs.Add("reason", "The reason must be one line of 300 characters or fewer")
	}
	in.Status, in.RAG = a.Status, a.RAG
	in.Narrative = NoChangeNarrative + ": " + in.Reason
	in.Evidence, in.EvidenceURL = "", ""
	if in.DateParts != nil {
		validateUpdateDate(in, now, &errs)
	} else if in.Date.IsZero() || in.Date.After(now) {
		in.Date = time.Date(now.Year(), now.Month(), now.Day(), 0, 0, 0, 0, time.UTC)
	}
	return errs.Err()
}
