package models

import (
	"context"
	"strings"

	"gorm.io/gorm"
)

// MaxExportRows bounds one export; a plan is far smaller, so this only stops
// a runaway request.
const MaxExportRows = 100_000

// ExportRow is one action as the CSV and XLSX exports write it: every column
// of the plan, plus its boards, open flags, due date and last update.
type ExportRow struct {
	Action
	Flags []string // "Milestone passed: due July 2019 (since 2019-08-01)"
}

// ExportColumns are the export's headings, in order.
var ExportColumns = []string{"Number", "Milestone", "Due", "Start", "Priority area", "Priority area title", "Aim", "Action",
	"Impact measure", "Lead", "Lead and governance (plan)", "Boards", "Status", "Initiate by", "Status (plan)",
	"RAG", "Progress", "Last update", "Flags", "Flags since", "Signed off", "Leads"}

// EachExportBatch streams the actions f selects, in f's sort, to fn in
// batches of MaxPageSize: the same selection and order as the dashboard, but
// every page. total is the number f matches (from CountActions); more than
// MaxExportRows is refused rather than truncated.
func EachExportBatch(ctx context.Context, db *gorm.DB, ref *Reference, f ActionFilter, total int64, fn func([]ExportRow) error) error {
	if total > MaxExportRows {
		return Invalid("selection", "%d actions is more than one export holds (%d); narrow the selection", total, MaxExportRows)
	}
	f.After, f.Limit = "", MaxPageSize
	rows := make([]ExportRow, 0, MaxPageSize)
	for f.Offset = 0; int64(f.Offset) < total; f.Offset += MaxPageSize {
		page, err := listActions(ctx, db, ref.Plan.ID, ref, f, total)
		if err != nil {
			return err
		}
		rows = rows[:0]
		for _, a := range page.Actions {
			r := ExportRow{Action: a}
			for _, fl := range a.Flags {
				r.Flags = append(r.Flags, a.FlagDetail(fl))
			}
			rows = append(rows, r)
		}
		if len(rows) == 0 {
			return nil
		}
		if err := fn(rows); err != nil {
			return err
		}
	}
	return nil
}

// FlagsSince is the since of the row's open flags, "; "-joined in flag order.
func (r ExportRow) FlagsSince() string {
	var s []string
	for _, f := range r.Action.Flags {
		s = append(s, f.Since)
	}
	return strings.Join(s, "; ")
}
