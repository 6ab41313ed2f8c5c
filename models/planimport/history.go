package planimport

import (
	"time"

	"sendboard/models"
	"sendboard/models/planfile"
)

// completedPeriod is the end of the first review period from which the
// action reads complete for good, or "".
func completedPeriod(a planfile.Action) string {
	end := ""
	for _, h := range a.History {
		switch {
		case h.Status != planfile.StatusComplete:
			end = ""
		case end == "":
			end = h.End
		}
	}
	return end
}

// historyUpdates are the progress updates an imported action brings: one per
// review period its row rates, dated at the period's end, the Progress text
// on the newest; the Progress text alone, dated now, when there is none; and
// for complete work, last, the completion dated the day the file or the
// admin gives (never the day of the import; with no day, none, and the
// periods that read complete say when).
func historyUpdates(ia actionRow, now time.Time) []models.ProgressUpdate {
	var out []models.ProgressUpdate
	for i, h := range ia.History {
		d, err := time.Parse(time.DateOnly, h.End)
		if err != nil {
			continue
		}
		if d.After(now) {
			d = now // the review under way speaks for today, not a day to come
		}
		narrative := h.Header + ": " + h.Text
		if i == len(ia.History)-1 && ia.Progress != "" {
			narrative = ia.Progress + "\n\n" + narrative
		}
		out = append(out, models.ProgressUpdate{UpdateDate: d, Narrative: narrative, Status: h.Status, RAG: h.RAG})
	}
	done := ia.Status == planfile.StatusComplete
	if len(out) == 0 && ia.Progress != "" {
		u := models.ProgressUpdate{UpdateDate: now, Narrative: ia.Progress, Status: ia.Status, RAG: ia.RAG}
		if d, err := time.Parse(time.DateOnly, ia.Completed); done && err == nil {
			u.UpdateDate, done = d, false
		}
		out = append(out, u)
	}
	// Last, so it is the completing update the action's completion is read from.
	if done {
		if d, err := time.Parse(time.DateOnly, ia.Completed); err == nil {
			out = append(out, models.ProgressUpdate{UpdateDate: d, Narrative: "Marked complete in the plan spreadsheet.",
				Status: ia.Status, RAG: ia.RAG})
		}
	}
	return out
}
